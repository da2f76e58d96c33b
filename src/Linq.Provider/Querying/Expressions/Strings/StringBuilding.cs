using System.Linq.Expressions;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Strings;

/// <summary>
/// Strings built from pieces, with .NET's null handling: <c>string.Concat</c> and <c>+</c> (a null piece is empty
/// text, as <c>concat()</c> treats NULL), <c>string.Join</c> (a null value or separator is empty text; <c>concat_ws</c>
/// would drop nulls with their separator, so the separator is written between the pieces instead), and
/// <c>PadLeft</c>/<c>PadRight</c> (which never truncate, while <c>lpad</c>/<c>rpad</c> do, and count UTF-16 code units).
/// Pieces that are not strings are formatted by <see cref="ValueText"/>.
/// </summary>
internal static class StringBuilding
{
    public static SqlValue Concat(SqlExpressionTranslator translator, MethodCallExpression call) =>
        Pieces(translator, Elements(call, call.Arguments));

    /// <summary><c>a + b</c> over strings (the compiler's string.Concat(object, object) when a piece is not a string).</summary>
    public static SqlValue Add(SqlExpressionTranslator translator, BinaryExpression add) => Pieces(translator, [add.Left, add.Right]);

    public static SqlValue Join(SqlExpressionTranslator translator, MethodCallExpression call)
    {
        var args = call.Arguments;
        if (args.Count != 2)
        {
            throw new QueryTranslationException(call, "string.Join with a start index and count has no SQL translation.", "Join the whole array.");
        }

        var separator = args[0].Type == typeof(char) ? Char(translator, call, args[0]) : translator.Translate(args[0]).Sql;
        if (args[1] is not NewArrayExpression { NodeType: ExpressionType.NewArrayInit } && args[1].Type == typeof(string[]))
        {
            // A text[] column: array_to_string writes NULL elements as the third argument, empty text as .NET does.
            var array = translator.Translate(args[1]);
            return new SqlValue(new SqlFunctionExpression("array_to_string", array.Sql, new SqlFunctionExpression("COALESCE", separator, SqlLiteralExpression.Quoted("")),
                SqlLiteralExpression.Quoted("")), array.MayBeNull);
        }

        var values = Elements(call, [args[1]]);
        var pieces = new List<SqlExpression>();
        foreach (var value in values)
        {
            if (pieces.Count > 0)
            {
                pieces.Add(separator);
            }

            pieces.Add(ValueText.Piece(translator, value));
        }

        return pieces.Count == 0 ? new SqlValue(SqlLiteralExpression.Quoted(""), false) : new SqlValue(new SqlFunctionExpression("concat", pieces), false);
    }

    public static SqlValue Pad(SqlExpressionTranslator translator, MethodCallExpression call)
    {
        var args = call.Arguments;
        if (args[0].Type != typeof(int) || args.Count > 2)
        {
            throw new QueryTranslationException(call, $"string.{call.Method.Name} with these arguments has no SQL translation.");
        }

        var target = translator.Translate(call.Object!);
        var width = SqlExpressionTranslator.IsValue(args[0])
            ? translator.Value(args[0], "integer", v => (int)v! >= 0 ? v : throw new ArgumentOutOfRangeException("totalWidth", v, "The width of PadLeft/PadRight cannot be negative; .NET would throw."), typeof(int)).Sql
            : translator.Translate(args[0]).Sql;
        SqlExpression fill = args.Count == 2 ? Char(translator, call, args[1]) : SqlLiteralExpression.Quoted(" ");
        var units = Utf16Length.Of(target.Sql);
        // lpad counts code points: add exactly the missing code units (one pad character each) to the code point count.
        var padded = new SqlFunctionExpression(call.Method.Name == nameof(string.PadLeft) ? "lpad" : "rpad", target.Sql,
            new SqlBinaryExpression(SqlBinaryOperator.Add, new SqlFunctionExpression("char_length", target.Sql), new SqlBinaryExpression(SqlBinaryOperator.Subtract, width, units)),
            fill);
        return new SqlValue(new SqlCaseExpression([new SqlCaseWhen(new SqlBinaryExpression(SqlBinaryOperator.GreaterThanOrEqual, units, width), target.Sql)], padded), target.MayBeNull);
    }

    /// <summary>A char value as one-character text; a lone surrogate cannot be stored in PostgreSQL text.</summary>
    public static SqlExpression Char(SqlExpressionTranslator translator, Expression at, Expression value)
    {
        if (!SqlExpressionTranslator.IsValue(value))
        {
            throw new QueryTranslationException(at, "a char read from rows has no SQL translation here.", "Use a char value (constant or captured variable).");
        }

        return translator.Value(value, "text", v => char.IsSurrogate((char)v!)
            ? throw new ArgumentException("A lone surrogate char cannot be compared or written in PostgreSQL text.", nameof(value))
            : ((char)v!).ToString(), typeof(string)).Sql;
    }

    private static SqlValue Pieces(SqlExpressionTranslator translator, IReadOnlyList<Expression> pieces) => pieces.Count == 0
        ? new SqlValue(SqlLiteralExpression.Quoted(""), false)
        : new SqlValue(new SqlFunctionExpression("concat", pieces.Select(p => ValueText.Piece(translator, p)).ToArray()), false);

    // The pieces of params overloads come as one array initializer; other collections cannot be unrolled.
    private static List<Expression> Elements(MethodCallExpression call, IReadOnlyList<Expression> args)
    {
        var elements = new List<Expression>();
        foreach (var arg in args)
        {
            if (arg is NewArrayExpression { NodeType: ExpressionType.NewArrayInit } array)
            {
                elements.AddRange(array.Expressions);
            }
            else if (arg.Type.IsArray || (arg.Type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(arg.Type)))
            {
                throw new QueryTranslationException(call, $"string.{call.Method.Name} over a collection has no SQL translation.",
                    "List the pieces in the call (string.Concat(a, b, c)), or join a text[] column with string.Join(separator, column).");
            }
            else
            {
                elements.Add(arg);
            }
        }

        return elements;
    }
}

using System.Linq.Expressions;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Strings;

/// <summary>
/// <c>Substring(start)</c> and <c>Substring(start, length)</c> as .NET computes them: positions count UTF-16 code units
/// (a character outside the BMP is two), and a start or length outside the text fails the statement as .NET throws
/// <see cref="ArgumentOutOfRangeException"/> (<c>substr</c> would clamp silently). Text without astral characters, the
/// common case, takes plain <c>substr</c>; other text maps both ends to code points in a scalar subquery. A cut
/// between the two halves of a surrogate pair fails too: .NET returns half a character, which PostgreSQL text cannot
/// hold.
/// </summary>
internal static class StringSlicing
{
    public static SqlValue Substring(SqlExpressionTranslator translator, MethodCallExpression call)
    {
        var target = translator.Translate(call.Object!);
        var start = Position(translator, call.Arguments[0], "startIndex");
        var length = call.Arguments.Count == 2 ? Position(translator, call.Arguments[1], "length") : null;
        var fast = new SqlCaseWhen(InRange(target.Sql, start, length, new SqlFunctionExpression("char_length", target.Sql), bmpOnly: true), Slice(target.Sql, start, length, null, null));
        return new SqlValue(new SqlCaseExpression([fast], Exact(translator, target.Sql, start, length)), target.MayBeNull);
    }

    // Captured values are checked before any SQL (.NET's exception); computed ones are checked by the statement.
    private static SqlExpression Position(SqlExpressionTranslator translator, Expression argument, string name) =>
        SqlExpressionTranslator.IsValue(argument)
            ? translator.Value(argument, "integer", v => (int)v! >= 0 ? v : throw new ArgumentOutOfRangeException(name, v, $"Substring's {name} cannot be negative; .NET would throw."), typeof(int)).Sql
            : translator.Translate(argument).Sql;

    private static SqlExpression InRange(SqlExpression text, SqlExpression start, SqlExpression? length, SqlExpression textLength, bool bmpOnly)
    {
        SqlExpression condition = And(
            new SqlBinaryExpression(SqlBinaryOperator.GreaterThanOrEqual, start, SqlLiteralExpression.Integer(0)),
            new SqlBinaryExpression(SqlBinaryOperator.LessThanOrEqual, start, textLength));
        if (length is not null)
        {
            condition = And(condition, And(
                new SqlBinaryExpression(SqlBinaryOperator.GreaterThanOrEqual, length, SqlLiteralExpression.Integer(0)),
                new SqlBinaryExpression(SqlBinaryOperator.LessThanOrEqual, new SqlBinaryExpression(SqlBinaryOperator.Add, start, length), textLength)));
        }

        return bmpOnly
            ? And(new SqlBinaryExpression(SqlBinaryOperator.LessThan,
                new SqlBinaryExpression(SqlBinaryOperator.Subtract, new SqlFunctionExpression("octet_length", text), new SqlFunctionExpression("char_length", text)),
                SqlLiteralExpression.Integer(3)), condition)
            : condition;
    }

    // substr over code points: from the code point at start (less the astral copies before it) for the code points up
    // to the end (less the astral copies before that).
    private static SqlExpression Slice(SqlExpression text, SqlExpression start, SqlExpression? length, SqlExpression? startCopies, SqlExpression? endCopies)
    {
        var from = Minus(start, Half(startCopies));
        var first = new SqlBinaryExpression(SqlBinaryOperator.Add, from, SqlLiteralExpression.Integer(1));
        if (length is null)
        {
            return new SqlFunctionExpression("substr", text, first);
        }

        var to = Minus(new SqlBinaryExpression(SqlBinaryOperator.Add, start, length), Half(endCopies));
        return new SqlFunctionExpression("substr", text, first, startCopies is null ? length : new SqlBinaryExpression(SqlBinaryOperator.Subtract, to, from));
    }

    // The text's other rows: in a copy where every astral character is written twice (one code point per UTF-16 code
    // unit), the first p code points hold m astral copies; m odd means p falls inside a pair, and p - m/2 code points
    // of the text begin before p (see StringSearch, which skips the same way).
    private static SqlExpression Exact(SqlExpressionTranslator translator, SqlExpression target, SqlExpression startValue, SqlExpression? lengthValue)
    {
        var context = translator.Context;
        var (input, doubling, counting) = (context.NextAlias(), context.NextAlias(), context.NextAlias());
        var text = new SqlColumnExpression(input, "s");
        var start = new SqlColumnExpression(input, "k");
        var length = lengthValue is null ? null : new SqlColumnExpression(input, "n");
        var doubled = new SqlColumnExpression(doubling, "d");
        var startCopies = new SqlColumnExpression(counting, "a");
        var endCopies = length is null ? null : new SqlColumnExpression(counting, "b");

        List<SqlSelectItem> inputs = [new(target, "s"), new(startValue, "k")];
        List<SqlSelectItem> counts = [new(AstralText.CopiesIn(new SqlFunctionExpression("left", doubled, start)), "a")];
        if (lengthValue is not null)
        {
            inputs.Add(new SqlSelectItem(lengthValue, "n"));
            counts.Add(new SqlSelectItem(AstralText.CopiesIn(new SqlFunctionExpression("left", doubled, new SqlBinaryExpression(SqlBinaryOperator.Add, start, length!))), "b"));
        }

        var splitsPair = new SqlBinaryExpression(SqlBinaryOperator.Equal, new SqlBinaryExpression(SqlBinaryOperator.Modulo, startCopies, SqlLiteralExpression.Integer(2)), SqlLiteralExpression.Integer(1));
        if (endCopies is not null)
        {
            splitsPair = new SqlBinaryExpression(SqlBinaryOperator.Or, splitsPair,
                new SqlBinaryExpression(SqlBinaryOperator.Equal, new SqlBinaryExpression(SqlBinaryOperator.Modulo, endCopies, SqlLiteralExpression.Integer(2)), SqlLiteralExpression.Integer(1)));
        }

        var outOfRange = new SqlUnaryExpression(SqlUnaryOperator.Not, InRange(text, start, length, Utf16Length.Of(text), bmpOnly: false));
        var result = new SqlCaseExpression(
            [
                new SqlCaseWhen(outOfRange, Failure(context, text, "Substring: the start index or length is outside the string (.NET throws ArgumentOutOfRangeException)")),
                new SqlCaseWhen(splitsPair, Failure(context, text, "Substring: the cut falls between the two halves of a character outside the BMP; .NET would return half a character, which PostgreSQL text cannot hold")),
            ],
            Slice(text, start, length, startCopies, endCopies));
        return new SqlScalarSubqueryExpression(new SqlSelectStatement
        {
            Items = [new SqlSelectItem(result)],
            From = new SqlDerivedTable(new SqlSelectStatement { Items = inputs }, input),
            Joins =
            [
                new SqlJoin(SqlJoinKind.LeftLateral, new SqlDerivedTable(new SqlSelectStatement { Items = [new SqlSelectItem(AstralText.Doubled(text), "d")] }, doubling), SqlLiteralExpression.True),
                new SqlJoin(SqlJoinKind.LeftLateral, new SqlDerivedTable(new SqlSelectStatement { Items = counts }, counting), SqlLiteralExpression.True),
            ],
        });
    }

    // The integer failure cast back to text gives the CASE one type.
    private static SqlExpression Failure(TranslationContext context, SqlExpression text, string message) =>
        new SqlCastExpression(AstralText.Failure(context, text, message), "text");

    private static SqlExpression And(SqlExpression left, SqlExpression right) => new SqlBinaryExpression(SqlBinaryOperator.And, left, right);

    private static SqlExpression? Half(SqlExpression? copies) =>
        copies is null ? null : new SqlBinaryExpression(SqlBinaryOperator.Divide, copies, SqlLiteralExpression.Integer(2));

    private static SqlExpression Minus(SqlExpression value, SqlExpression? subtrahend) =>
        subtrahend is null ? value : new SqlBinaryExpression(SqlBinaryOperator.Subtract, value, subtrahend);
}

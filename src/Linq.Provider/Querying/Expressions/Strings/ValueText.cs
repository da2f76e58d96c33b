using System.Globalization;
using System.Linq.Expressions;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Strings;

/// <summary>
/// <c>ToString()</c> of values, and the text of non-string pieces of a concatenation, where SQL writes exactly what
/// .NET does: integers (while the current culture writes the minus sign as "-"), decimal columns (while the culture
/// writes "." and "-"; numeric keeps the column's scale, as the decimal read from it does), bool ("True"/"False"),
/// Guid (lowercase "D"), char, <c>[DbEnum]</c> enums (the member's name, also where <c>[Map]</c> stores another label) and DayOfWeek. A null
/// <c>Nullable&lt;T&gt;</c> gives empty text, as <c>Nullable&lt;T&gt;.ToString()</c> does. Floating point values and
/// dates without a format are refused: .NET's shortest round-trip and culture formats are not what PostgreSQL writes
/// (dates with a custom format: <see cref="DateFormat"/>).
/// </summary>
internal static class ValueText
{
    private static readonly string[] DayNames = Enum.GetNames<DayOfWeek>();

    /// <summary>A piece of a concatenation: strings as they are, other values formatted, object-typed nulls as empty text.</summary>
    public static SqlExpression Piece(SqlExpressionTranslator translator, Expression piece)
    {
        while (piece is UnaryExpression { NodeType: ExpressionType.Convert } convert && convert.Type == typeof(object))
        {
            piece = convert.Operand;
        }

        return piece.Type == typeof(string) ? translator.Translate(piece).Sql : ToText(translator, piece, piece).Sql;
    }

    /// <summary><c>value.ToString()</c>.</summary>
    public static SqlValue ToText(SqlExpressionTranslator translator, Expression value, Expression at)
    {
        if (SqlExpressionTranslator.IsValue(value))
        {
            // A value is formatted by .NET itself each time the query runs; null-ness is part of the plan.
            return translator.PeekValue(value) is null
                ? new SqlValue(SqlLiteralExpression.Quoted(""), false)
                : translator.Value(value, "text", v => v?.ToString() ?? "", typeof(string));
        }

        var underlying = Nullable.GetUnderlyingType(value.Type);
        var type = underlying ?? value.Type;
        var operand = translator.Translate(value);
        var text = Format(translator, type, operand, at);
        return underlying is null && !value.Type.IsClass
            ? new SqlValue(text, operand.MayBeNull)
            : new SqlValue(new SqlFunctionExpression("COALESCE", text, SqlLiteralExpression.Quoted("")), false);
    }

    private static SqlExpression Format(SqlExpressionTranslator translator, Type type, SqlValue operand, Expression at)
    {
        var numbers = CultureInfo.CurrentCulture.NumberFormat;
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(sbyte))
        {
            RequireInvariantLike(numbers.NegativeSign == "-", at);
            return new SqlCastExpression(operand.Sql, "text");
        }

        if (type == typeof(decimal))
        {
            RequireInvariantLike(numbers.NegativeSign == "-" && numbers.NumberDecimalSeparator == ".", at);
            if (operand.Column is null)
            {
                throw new QueryTranslationException(at, "ToString() of a computed decimal has no exact SQL translation: PostgreSQL keeps a different scale "
                    + "(round(1.5, 2) writes 1.50, Math.Round(1.5m, 2) prints 1.5).", "Format the value after reading it.");
            }

            return new SqlCastExpression(operand.Sql, "text");
        }

        if (type == typeof(bool))
        {
            return new SqlCaseExpression([new SqlCaseWhen(operand.Sql, SqlLiteralExpression.Quoted("True")),
                new SqlCaseWhen(new SqlUnaryExpression(SqlUnaryOperator.Not, operand.Sql), SqlLiteralExpression.Quoted("False"))], SqlLiteralExpression.Null);
        }

        if (type == typeof(Guid))
        {
            return new SqlCastExpression(operand.Sql, "text");
        }

        if (type == typeof(char))
        {
            return operand.Sql;
        }

        if (type == typeof(DayOfWeek))
        {
            // A date part (dow): 0 = Sunday, as DayOfWeek numbers its members.
            return new SqlCaseExpression([.. DayNames.Select((name, i) => new SqlCaseWhen(
                new SqlBinaryExpression(SqlBinaryOperator.Equal, operand.Sql, SqlLiteralExpression.Integer(i)), SqlLiteralExpression.Quoted(name)))], SqlLiteralExpression.Null);
        }

        if (type.IsEnum && operand.Column is { } column && column.StoreType.Length > 0 && !IsNumericStore(column.StoreType))
        {
            return EnumText(translator, type, operand);
        }

        if (type == typeof(double) || type == typeof(float))
        {
            throw new QueryTranslationException(at, $"{type.Name}.ToString() has no exact SQL translation: .NET prints the shortest round-trip form with its own "
                + "exponent and infinity notation (1E+16, ∞) and the current culture's separators, which PostgreSQL's float output does not reproduce.",
                "Format the value after reading it, or convert to decimal first when that is what you mean.");
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(TimeOnly))
        {
            throw new QueryTranslationException(at, $"{type.Name}.ToString() formats with the current culture in .NET, which SQL cannot follow.",
                "Pass a custom format such as ToString(\"yyyy-MM-dd\"), compare the date values themselves, or format after reading.");
        }

        throw new QueryTranslationException(at, $"ToString() of '{type.Name}' has no SQL translation.");
    }

    // A [DbEnum] column's text is its label; C# writes the member's name. Where they differ ([Map], or an alias whose
    // value .NET names by another member) the label is turned into the name, so the query gives what C# gives.
    private static SqlExpression EnumText(SqlExpressionTranslator translator, Type type, SqlValue operand)
    {
        var text = new SqlCastExpression(operand.Sql, "text");
        var metadata = translator.Context.Model.Enums.FirstOrDefault(e => e.ClrType == type);
        if (metadata is null || metadata.TextIsLabel)
        {
            return text;
        }

        var texts = metadata.Texts;
        return new SqlCaseExpression([.. metadata.Labels.Select((label, i) => new SqlCaseWhen(
            new SqlBinaryExpression(SqlBinaryOperator.Equal, text, SqlLiteralExpression.Quoted(label)), SqlLiteralExpression.Quoted(texts[i])))], SqlLiteralExpression.Null);
    }

    private static bool IsNumericStore(string storeType) => storeType is "integer" or "bigint" or "smallint";

    private static void RequireInvariantLike(bool invariantLike, Expression at)
    {
        if (!invariantLike)
        {
            throw new QueryTranslationException(at, $"ToString() formats numbers with the current culture ('{CultureInfo.CurrentCulture.Name}'), "
                + "whose signs or separators differ from what PostgreSQL writes.", "Format the value after reading it.");
        }
    }
}

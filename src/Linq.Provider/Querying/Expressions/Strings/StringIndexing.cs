using System.Linq.Expressions;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Strings;

/// <summary>
/// <c>s[i]</c> where C# reads it as a number (compared with a char: <c>s[0] == 'S'</c>, <c>s[i] &lt; c</c>): the UTF-16
/// code unit at <c>i</c>, exactly, also in text with characters outside the BMP (the high or the low surrogate of such a
/// character, as .NET returns it). An index outside the text fails the statement, as .NET throws
/// <see cref="IndexOutOfRangeException"/> (a negative captured index throws that before any SQL); a NULL string gives
/// NULL, as the other string translations do (the comparison is then false). Read as a <c>char</c> (a projection) the
/// character is taken on the client from the text read back.
/// </summary>
internal static class StringIndexing
{
    // Surrogates of a code point above the BMP: 0xD800 + (cp - 0x10000) / 1024 and 0xDC00 + (cp - 0x10000) % 1024.
    private const int HighSurrogateStart = 0xD800;
    private const int LowSurrogateStart = 0xDC00;
    private const int Plane1 = 0x10000;

    public static SqlValue CodeUnit(SqlExpressionTranslator translator, MethodCallExpression chars)
    {
        var target = translator.Translate(chars.Object!);
        var argument = chars.Arguments[0];
        var index = SqlExpressionTranslator.IsValue(argument)
            ? translator.Value(argument, "integer", v => (int)v! >= 0 ? v : throw new IndexOutOfRangeException($"The string index {v} is negative; .NET throws IndexOutOfRangeException."), typeof(int)).Sql
            : translator.Translate(argument).Sql;

        // Text without astral characters (fewer than three bytes more than code points): the code point is the code unit.
        var text = target.Sql;
        var bmpOnly = new SqlBinaryExpression(SqlBinaryOperator.LessThan,
            new SqlBinaryExpression(SqlBinaryOperator.Subtract, new SqlFunctionExpression("octet_length", text), new SqlFunctionExpression("char_length", text)),
            SqlLiteralExpression.Integer(3));
        var fast = new SqlCaseWhen(
            And(bmpOnly, InRange(index, new SqlFunctionExpression("char_length", text))),
            CodePointAt(text, index));
        return new SqlValue(new SqlCaseExpression([fast], Exact(translator, text, index)), target.MayBeNull);
    }

    // In a copy of the text with every astral character written twice (one code point per UTF-16 code unit), the code
    // point at the index is the character the code unit belongs to; the astral copies before it say which half it is.
    private static SqlExpression Exact(SqlExpressionTranslator translator, SqlExpression target, SqlExpression indexValue)
    {
        var context = translator.Context;
        var (input, doubling) = (context.NextAlias(), context.NextAlias());
        var index = new SqlColumnExpression(input, "k");
        var doubled = new SqlColumnExpression(doubling, "d");
        var codePoint = CodePointAt(doubled, index);
        var offset = new SqlBinaryExpression(SqlBinaryOperator.Subtract, codePoint, SqlLiteralExpression.Integer(Plane1));
        var secondHalf = new SqlBinaryExpression(SqlBinaryOperator.Equal,
            new SqlBinaryExpression(SqlBinaryOperator.Modulo, AstralText.CopiesIn(new SqlFunctionExpression("left", doubled, index)), SqlLiteralExpression.Integer(2)),
            SqlLiteralExpression.Integer(1));
        var result = new SqlCaseExpression(
            [
                new SqlCaseWhen(new SqlUnaryExpression(SqlUnaryOperator.Not, InRange(index, new SqlFunctionExpression("char_length", doubled))),
                    AstralText.Failure(context, doubled, "the string index is outside the string (.NET throws IndexOutOfRangeException)")),
                new SqlCaseWhen(new SqlBinaryExpression(SqlBinaryOperator.LessThan, codePoint, SqlLiteralExpression.Integer(Plane1)), codePoint),
                new SqlCaseWhen(secondHalf, new SqlBinaryExpression(SqlBinaryOperator.Add, SqlLiteralExpression.Integer(LowSurrogateStart),
                    new SqlBinaryExpression(SqlBinaryOperator.Modulo, offset, SqlLiteralExpression.Integer(1024)))),
            ],
            new SqlBinaryExpression(SqlBinaryOperator.Add, SqlLiteralExpression.Integer(HighSurrogateStart),
                new SqlBinaryExpression(SqlBinaryOperator.Divide, offset, SqlLiteralExpression.Integer(1024))));
        return new SqlScalarSubqueryExpression(new SqlSelectStatement
        {
            Items = [new SqlSelectItem(result)],
            From = new SqlDerivedTable(new SqlSelectStatement { Items = [new SqlSelectItem(target, "s"), new SqlSelectItem(indexValue, "k")] }, input),
            Joins =
            [
                new SqlJoin(SqlJoinKind.LeftLateral,
                    new SqlDerivedTable(new SqlSelectStatement { Items = [new SqlSelectItem(AstralText.Doubled(new SqlColumnExpression(input, "s")), "d")] }, doubling),
                    SqlLiteralExpression.True),
            ],
        });
    }

    // ascii() of a one-character text is its code point.
    private static SqlExpression CodePointAt(SqlExpression text, SqlExpression index) =>
        new SqlFunctionExpression("ascii", new SqlFunctionExpression("substr", text, new SqlBinaryExpression(SqlBinaryOperator.Add, index, SqlLiteralExpression.Integer(1)), SqlLiteralExpression.Integer(1)));

    private static SqlExpression InRange(SqlExpression index, SqlExpression length) =>
        And(new SqlBinaryExpression(SqlBinaryOperator.GreaterThanOrEqual, index, SqlLiteralExpression.Integer(0)),
            new SqlBinaryExpression(SqlBinaryOperator.LessThan, index, length));

    private static SqlExpression And(SqlExpression left, SqlExpression right) => new SqlBinaryExpression(SqlBinaryOperator.And, left, right);
}

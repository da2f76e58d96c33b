using System.Linq.Expressions;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Strings;

/// <summary>
/// <c>IndexOf</c> with ordinal semantics: the char overload (always ordinal in .NET) and the string overload with
/// <see cref="StringComparison.Ordinal"/>. <c>strpos</c> finds the same first match (ordinal matching of valid text is
/// matching of code points) but counts code points from 1; the result is the UTF-16 length of the text before the
/// match, so characters outside the BMP before it count twice, as in .NET. <c>IndexOf("")</c> is 0.
/// With a start index (UTF-16 code units, like the result) the search starts after the code points that begin before
/// it; a start beyond the text fails the statement, as .NET throws. The count overloads and the culture-sensitive
/// overloads are refused (see the messages).
/// </summary>
internal static class StringSearch
{
    public static SqlValue IndexOf(SqlExpressionTranslator translator, MethodCallExpression call)
    {
        var args = call.Arguments;
        var byChar = args[0].Type == typeof(char);
        var comparison = args.Count >= 2 && args[^1].Type == typeof(StringComparison) ? args[^1] : null;
        var positional = args.Count - (comparison is null ? 1 : 2);
        if (positional > 1)
        {
            throw new QueryTranslationException(call, "IndexOf with a count has no SQL translation.",
                "Search from the start index without a count (s.IndexOf(value, start, StringComparison.Ordinal)) and compare the result with start + count.");
        }

        if (!byChar)
        {
            if (comparison is null)
            {
                throw new QueryTranslationException(call, "string.IndexOf(string) compares with the current culture in .NET (ignorable characters, "
                    + "linguistic matches), which SQL cannot repeat.", "Pass StringComparison.Ordinal: s.IndexOf(value, StringComparison.Ordinal), or search for a char.");
            }

            if (comparison is not ConstantExpression { Value: StringComparison.Ordinal })
            {
                throw new QueryTranslationException(call, $"IndexOf with {comparison} has no SQL translation.", "Use StringComparison.Ordinal.");
            }
        }
        else if (comparison is not null && comparison is not ConstantExpression { Value: StringComparison.Ordinal })
        {
            throw new QueryTranslationException(call, $"IndexOf with {comparison} has no SQL translation.", "Use StringComparison.Ordinal or no comparison.");
        }

        if (SqlExpressionTranslator.IsValue(args[0]) && translator.PeekValue(args[0]) is null)
        {
            throw new QueryTranslationException(call, "the value searched for is null; string.IndexOf would throw.");
        }

        var target = translator.Translate(call.Object!);
        var searched = byChar ? new SqlValue(StringBuilding.Char(translator, call, args[0]), false)
            : SqlExpressionTranslator.IsValue(args[0]) ? translator.Value(args[0], "text") : translator.Translate(args[0]);
        var value = searched.Sql;
        var valueMayBeNull = searched.MayBeNull;
        if (positional == 1)
        {
            return From(translator, call, target, value, byChar, valueMayBeNull);
        }

        var position = new SqlFunctionExpression("strpos", target.Sql, value);
        var before = new SqlFunctionExpression("left", target.Sql, new SqlBinaryExpression(SqlBinaryOperator.Subtract, position, SqlLiteralExpression.Integer(1)));
        var index = new SqlCaseExpression([new SqlCaseWhen(new SqlBinaryExpression(SqlBinaryOperator.Equal, position, SqlLiteralExpression.Integer(0)), SqlLiteralExpression.Integer(-1))],
            Utf16Length.Of(before));
        return new SqlValue(index, target.MayBeNull || valueMayBeNull);
    }

    // IndexOf(value, startIndex): the start counts UTF-16 code units. The code points to skip are those that begin
    // before it; in text where every astral character is written twice (one code point per code unit) the first
    // startIndex code points hold m copies of astral characters, whole pairs but perhaps the last, so startIndex - m/2
    // code points of the text begin before the start. Text without astral characters skips that (no regular expression).
    // The steps are named in a scalar subquery (text and start, then the code points skipped, then the match) so that
    // each is written once; as one expression the text would be repeated dozens of times.
    private static SqlValue From(SqlExpressionTranslator translator, MethodCallExpression call, SqlValue target, SqlExpression value, bool byChar, bool valueMayBeNull)
    {
        var startArgument = call.Arguments[1];
        var startValue = SqlExpressionTranslator.IsValue(startArgument)
            ? translator.Value(startArgument, "integer", v => (int)v! >= 0 ? v : throw new ArgumentOutOfRangeException("startIndex", v, "IndexOf's start index cannot be negative; .NET would throw."), typeof(int)).Sql
            : translator.Translate(startArgument).Sql;
        var context = translator.Context;
        var (input, skipping, match) = (context.NextAlias(), context.NextAlias(), context.NextAlias());
        var text = new SqlColumnExpression(input, "s");
        var start = new SqlColumnExpression(input, "k");
        var skipped = new SqlColumnExpression(skipping, "q");
        var position = new SqlColumnExpression(match, "p");

        var codePoints = new SqlFunctionExpression("char_length", text);
        var bmpOnly = new SqlBinaryExpression(SqlBinaryOperator.LessThan,
            new SqlBinaryExpression(SqlBinaryOperator.Subtract, new SqlFunctionExpression("octet_length", text), codePoints), SqlLiteralExpression.Integer(3));
        var doubled = AstralText.Doubled(text);
        var prefix = new SqlFunctionExpression("left", doubled, start);
        var astralCopies = AstralText.CopiesIn(prefix);
        var skip = new SqlCaseExpression([new SqlCaseWhen(bmpOnly, start)],
            new SqlBinaryExpression(SqlBinaryOperator.Subtract, start, new SqlBinaryExpression(SqlBinaryOperator.Divide, astralCopies, SqlLiteralExpression.Integer(2))));
        var rest = new SqlFunctionExpression("substr", text, new SqlBinaryExpression(SqlBinaryOperator.Add, skipped, SqlLiteralExpression.Integer(1)));
        var before = new SqlFunctionExpression("left", text,
            new SqlBinaryExpression(SqlBinaryOperator.Subtract, new SqlBinaryExpression(SqlBinaryOperator.Add, skipped, position), SqlLiteralExpression.Integer(1)));

        // .NET throws when the start is beyond the text: fail the statement with that message (a cast of text that is
        // no number; the text depends on the row, so PostgreSQL cannot fold it away when planning).
        var outOfRange = new SqlBinaryExpression(SqlBinaryOperator.Or,
            new SqlBinaryExpression(SqlBinaryOperator.LessThan, start, SqlLiteralExpression.Integer(0)),
            new SqlBinaryExpression(SqlBinaryOperator.GreaterThan, start, Utf16Length.Of(text)));
        var failure = AstralText.Failure(context, text, "IndexOf: the start index is beyond the end of the string (.NET throws ArgumentOutOfRangeException)");
        List<SqlCaseWhen> cases = [new SqlCaseWhen(outOfRange, failure)];
        if (!byChar)
        {
            // IndexOf("", start) is start, even between the two halves of a surrogate pair.
            cases.Add(new SqlCaseWhen(new SqlBinaryExpression(SqlBinaryOperator.Equal, new SqlFunctionExpression("char_length", value), SqlLiteralExpression.Integer(0)), start));
        }

        cases.Add(new SqlCaseWhen(new SqlBinaryExpression(SqlBinaryOperator.Equal, position, SqlLiteralExpression.Integer(0)), SqlLiteralExpression.Integer(-1)));
        var subquery = new SqlSelectStatement
        {
            Items = [new SqlSelectItem(new SqlCaseExpression(cases, Utf16Length.Of(before)))],
            From = new SqlDerivedTable(new SqlSelectStatement { Items = [new SqlSelectItem(target.Sql, "s"), new SqlSelectItem(startValue, "k")] }, input),
            Joins =
            [
                new SqlJoin(SqlJoinKind.LeftLateral, new SqlDerivedTable(new SqlSelectStatement { Items = [new SqlSelectItem(skip, "q")] }, skipping), SqlLiteralExpression.True),
                new SqlJoin(SqlJoinKind.LeftLateral, new SqlDerivedTable(new SqlSelectStatement { Items = [new SqlSelectItem(new SqlFunctionExpression("strpos", rest, value), "p")] }, match),
                    SqlLiteralExpression.True),
            ],
        };
        return new SqlValue(new SqlScalarSubqueryExpression(subquery), target.MayBeNull || valueMayBeNull);
    }
}

using System.Linq.Expressions;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Strings;

/// <summary>
/// <c>IndexOf</c> with ordinal semantics: the char overload (always ordinal in .NET) and the string overload with
/// <see cref="StringComparison.Ordinal"/>. <c>strpos</c> finds the same first match (ordinal matching of valid text is
/// matching of code points) but counts code points from 1; the result is the UTF-16 length of the text before the
/// match, so characters outside the BMP before it count twice, as in .NET. <c>IndexOf("")</c> is 0.
/// The culture-sensitive overloads and the start-index overloads are refused (see the messages).
/// </summary>
internal static class StringSearch
{
    public static SqlValue IndexOf(SqlExpressionTranslator translator, MethodCallExpression call)
    {
        var args = call.Arguments;
        var byChar = args[0].Type == typeof(char);
        var comparison = args.Count >= 2 && args[^1].Type == typeof(StringComparison) ? args[^1] : null;
        var positional = args.Count - (comparison is null ? 1 : 2);
        if (positional > 0)
        {
            throw new QueryTranslationException(call, "IndexOf with a start index has no exact SQL translation: the index counts UTF-16 code units, "
                + "which PostgreSQL cannot map to a position in text holding characters outside the BMP (and .NET throws when it is out of range).",
                "Search the whole string (s.IndexOf(value, StringComparison.Ordinal)), or search after reading.");
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
        var position = new SqlFunctionExpression("strpos", target.Sql, value);
        var before = new SqlFunctionExpression("left", target.Sql, new SqlBinaryExpression(SqlBinaryOperator.Subtract, position, SqlLiteralExpression.Integer(1)));
        var index = new SqlCaseExpression([new SqlCaseWhen(new SqlBinaryExpression(SqlBinaryOperator.Equal, position, SqlLiteralExpression.Integer(0)), SqlLiteralExpression.Integer(-1))],
            Utf16Length.Of(before));
        return new SqlValue(index, target.MayBeNull || valueMayBeNull);
    }
}

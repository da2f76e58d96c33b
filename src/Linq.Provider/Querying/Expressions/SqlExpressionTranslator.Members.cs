using System.Linq.Expressions;
using Linq.Querying.Expressions.Collections;
using Linq.Querying.Expressions.Dates;
using Linq.Querying.Expressions.Json;
using Linq.Querying.Expressions.Strings;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions;

internal sealed partial class SqlExpressionTranslator
{
    // Members go to their area's translator: strings, arrays (value collections), dates and times.
    public SqlValue Members(MemberExpression member, SqlValue operand)
    {
        var declaring = member.Member.DeclaringType;
        var name = member.Member.Name;
        if (declaring == typeof(string) && name == nameof(string.Length))
        {
            return StringTranslator.Length(operand);
        }

        if (member.Expression!.Type.IsArray && name == nameof(Array.Length))
        {
            return ValueCollections.Length(operand);
        }

        if ((JsonPaths.Member(member, operand) ?? JsonPaths.TypedMember(this, member, operand)) is { } json)
        {
            return json;
        }

        if (TimeSpanTranslator.Member(member, operand) is { } span)
        {
            return span;
        }

        if (DateTranslator.Member(member, operand) is { } date)
        {
            return date;
        }

        throw new QueryTranslationException(member, $"the member '{declaring?.Name}.{name}' has no SQL translation.");
    }
}

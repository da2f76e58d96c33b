using System.Linq.Expressions;
using Linq.Contract;
using Linq.Querying.Expressions.Collections;
using Linq.Querying.Expressions.Dates;
using Linq.Querying.Expressions.Strings;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions;

internal sealed partial class SqlExpressionTranslator
{
    // Members go to their area's translator: strings, arrays (value collections), dates and times.
    private SqlValue Members(MemberExpression member, SqlValue operand)
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

        if (DateTranslator.Member(member, operand) is { } date)
        {
            return date;
        }

        throw new QueryTranslationException(member, $"the member '{declaring?.Name}.{name}' has no SQL translation.");
    }

    /// <summary><c>u.Posts.Count</c> (the list's property) is a count of related rows.</summary>
    private SqlValue? CollectionCount(MemberExpression member)
    {
        if (member.Member.Name != "Count" || member.Expression is not MemberExpression { Expression: not null } navigation)
        {
            return null;
        }

        if (ResolveRow(navigation.Expression) is not { } owner || owner.Model.FindRelation(navigation.Member.Name) is not { Kind: RelationKind.ToMany } relation)
        {
            return null;
        }

        var target = relation.Target;
        var alias = context.NextAlias();
        var select = new SqlSelectStatement
        {
            Items = [new SqlSelectItem(new SqlCastExpression(new SqlFunctionExpression("count", SqlStarExpression.Instance), "integer"))],
            From = new SqlTableReference(target.TableName, alias),
            Where = QueryScope.KeyCondition(owner, alias, relation),
        };
        return new SqlValue(new SqlScalarSubqueryExpression(select), false);
    }

    private static SqlExpression And(SqlExpression? left, SqlExpression right) => left is null ? right : new SqlBinaryExpression(SqlBinaryOperator.And, left, right);
}

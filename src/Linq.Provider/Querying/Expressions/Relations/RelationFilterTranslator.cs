using System.Linq.Expressions;
using Linq.Contract;
using Linq.Querying.Model;
using Linq.Querying.Operators;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Relations;

/// <summary>
/// Relation filters over collection navigations (or whole tables): <c>Any</c>, <c>All</c>, <c>Count</c>,
/// <c>Sum</c>/<c>Min</c>/<c>Max</c>/<c>Average</c> and <c>Contains</c> (Prisma's <c>some</c>/<c>every</c>/<c>none</c>
/// and relation counts), each a correlated sub-select.
/// </summary>
internal static class RelationFilterTranslator
{
    public static SqlValue Translate(SqlExpressionTranslator outer, SubqueryExpression subQuery)
    {
        var context = outer.Context;
        var model = subQuery.Model;
        var (table, correlation) = Source(outer, subQuery, model.From);
        var scope = new QueryScope(context);
        var alias = context.NextAlias();
        context.Bind(model.Source, new SourceBinding(alias, table, scope));
        var inner = new SqlExpressionTranslator(context, scope);
        SqlExpression? where = correlation?.Invoke(alias);
        foreach (var clause in model.Clauses)
        {
            where = clause switch
            {
                WhereClause w => RowSetOperator.And(where, inner.TranslatePredicate(w.Predicate)),
                _ => throw new QueryTranslationException(subQuery, $"the clause '{clause}' is not supported in a sub-query."),
            };
        }

        SqlSelectStatement Select(SqlExpression item, SqlExpression? condition) => new()
        {
            Items = [new SqlSelectItem(item)],
            From = new SqlTableReference(table.TableName, alias),
            Joins = scope.Joins,
            Where = condition,
        };

        return RowSetOperator.Translate(inner, subQuery, where, Select, (contains, _) => outer.Translate(contains.Item))
            ?? throw new QueryTranslationException(subQuery, $"the operator '{model.Operators[0]}' is not supported in a sub-query.",
                "Supported: Any, All, Count, LongCount, Sum, Min, Max, Average, Contains.");
    }

    // The rows a sub-query reads: a collection navigation of an outer row (correlated), or a whole table.
    private static (ModelMetadata Table, Func<string, SqlExpression>? Correlation) Source(SqlExpressionTranslator outer, SubqueryExpression subQuery, Expression from)
    {
        if (from is MemberExpression { Expression: not null } member && outer.ResolveRow(member.Expression) is { } owner)
        {
            var relation = owner.Model.FindRelation(member.Member.Name)
                ?? throw new QueryTranslationException(member, $"'{member.Member.Name}' is not a navigation of '{owner.Model.Name}'.");
            if (relation.Kind != RelationKind.ToMany)
            {
                throw new QueryTranslationException(member, "only collection navigations can be queried this way.");
            }

            return (relation.Target, alias => QueryScope.KeyCondition(owner, alias, relation));
        }

        if (SqlExpressionTranslator.IsTable(from, outer.Context.Values))
        {
            return (outer.Context.ModelFor(subQuery.Model.Source.ItemType, from), null);
        }

        throw new QueryTranslationException(subQuery, "a sub-query must read a collection navigation (e.g. u.Posts) or a table.");
    }
}

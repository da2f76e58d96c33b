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
                WhereClause w => And(where, inner.TranslatePredicate(w.Predicate)),
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

        switch (model.Operators[0])
        {
            case AnyOperator:
                return new SqlValue(new SqlExistsExpression(Select(SqlLiteralExpression.Integer(1), where)), false);
            case AllOperator all:
            {
                var failing = new SqlUnaryExpression(SqlUnaryOperator.Not, inner.TwoValued(inner.Translate(all.Predicate)));
                return new SqlValue(new SqlUnaryExpression(SqlUnaryOperator.Not, new SqlExistsExpression(Select(SqlLiteralExpression.Integer(1), And(where, failing)))), false);
            }

            case CountOperator:
                return new SqlValue(new SqlScalarSubqueryExpression(Select(new SqlCastExpression(new SqlFunctionExpression("count", SqlStarExpression.Instance), "integer"), where)), false);
            case LongCountOperator:
                return new SqlValue(new SqlScalarSubqueryExpression(Select(new SqlFunctionExpression("count", SqlStarExpression.Instance), where)), false);
            case ContainsOperator contains:
            {
                var selected = inner.Translate(model.Selector);
                var item = outer.Translate(contains.Item);
                var equal = new SqlBinaryExpression(SqlBinaryOperator.IsNotDistinctFrom, selected.Sql, item.Sql);
                return new SqlValue(new SqlExistsExpression(Select(SqlLiteralExpression.Integer(1), And(where, equal))), false);
            }

            case AggregateOperator aggregateOperator:
            {
                var selected = inner.Translate(model.Selector);
                var function = Aggregates.FunctionOf(aggregateOperator.Function);
                var aggregate = Aggregates.Typed(function, selected.Sql, subQuery.Type, subQuery);

                // Min/Max/Average of no rows: NULL (LINQ-to-Objects would throw for non-nullable results).
                return new SqlValue(new SqlScalarSubqueryExpression(Select(aggregate, where)), function != "sum");
            }

            default:
                throw new QueryTranslationException(subQuery, $"the operator '{model.Operators[0]}' is not supported in a sub-query.",
                    "Supported: Any, All, Count, LongCount, Sum, Min, Max, Average, Contains.");
        }
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

    private static SqlExpression And(SqlExpression? left, SqlExpression right) => left is null ? right : new SqlBinaryExpression(SqlBinaryOperator.And, left, right);
}

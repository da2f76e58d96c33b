using System.Linq.Expressions;
using Linq.Contract;
using Linq.Querying.Expressions.Collections;
using Linq.Querying.Model;
using Linq.Querying.Operators;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions;

/// <summary>
/// Sub-queries inside a filter or projection: <c>ids.Contains(x)</c> (one array parameter, <c>= ANY($n)</c>),
/// and relation filters over collection navigations: <c>Any</c>, <c>All</c>, <c>Count</c>, <c>Sum</c>/<c>Min</c>/
/// <c>Max</c>/<c>Average</c> and <c>Contains</c> (Prisma's <c>some</c>/<c>every</c>/<c>none</c> and relation counts),
/// each a correlated sub-select.
/// </summary>
internal sealed class SubqueryTranslator(SqlExpressionTranslator outer)
{
    private readonly TranslationContext _context = outer.Context;

    public SqlValue Translate(SubqueryExpression subQuery)
    {
        var model = subQuery.Model;
        var from = model.From;
        if (SqlExpressionTranslator.IsValue(from))
        {
            return ValueCollection(subQuery, model, from);
        }

        if (model.Operators.Count != 1)
        {
            throw new QueryTranslationException(subQuery, "only one operator (Any, All, Count, Sum, Min, Max, Average or Contains) may end a sub-query.");
        }

        if (from is QuerySourceExpression reference && _context.FindGroup(reference.Source) is { } group)
        {
            return GroupAggregate(subQuery, model, group);
        }

        var (table, correlation) = Source(subQuery, from);
        var scope = new QueryScope(_context);
        var alias = _context.NextAlias();
        _context.Bind(model.Source, new SourceBinding(alias, table, scope));
        var inner = new SqlExpressionTranslator(_context, scope);
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

    // An aggregate over the rows of a group (g.Count(), g.Sum(x => x.V), g.Count(x => …)): an aggregate call in the
    // grouped SELECT; a filter inside the group becomes CASE WHEN, so other aggregates still see every row.
    private SqlValue GroupAggregate(SubqueryExpression subQuery, QueryModel model, GroupBinding group)
    {
        _context.Bind(model.Source, group.Elements);
        SqlExpression? filter = null;
        foreach (var clause in model.Clauses)
        {
            filter = clause is WhereClause w
                ? And(filter, outer.TranslatePredicate(w.Predicate))
                : throw new QueryTranslationException(subQuery, $"the clause '{clause}' is not supported inside a group.");
        }

        SqlExpression Filtered(SqlExpression value) => filter is null ? value : new SqlCaseExpression([new SqlCaseWhen(filter, value)], null);

        switch (model.Operators[0])
        {
            case CountOperator:
            case LongCountOperator:
            {
                SqlExpression count = filter is null
                    ? new SqlFunctionExpression("count", SqlStarExpression.Instance)
                    : new SqlFunctionExpression("count", Filtered(SqlLiteralExpression.Integer(1)));
                return new SqlValue(model.Operators[0] is CountOperator ? new SqlCastExpression(count, "integer") : count, false);
            }

            case AnyOperator:
                return new SqlValue(new SqlBinaryExpression(SqlBinaryOperator.GreaterThan, new SqlFunctionExpression("count", Filtered(SqlLiteralExpression.Integer(1))), SqlLiteralExpression.Integer(0)), false);
            case AllOperator all:
            {
                var predicate = outer.TwoValued(outer.Translate(all.Predicate));
                var holds = new SqlFunctionExpression("bool_and", filter is null ? predicate : new SqlCaseExpression([new SqlCaseWhen(filter, predicate)], null));
                return new SqlValue(new SqlFunctionExpression("COALESCE", holds, SqlLiteralExpression.True), false);
            }

            case AggregateOperator aggregateOperator:
            {
                var selected = outer.Translate(model.Selector);
                var function = Aggregates.FunctionOf(aggregateOperator.Function);
                var aggregate = Aggregates.Typed(function, Filtered(selected.Sql), subQuery.Type, subQuery);

                return new SqlValue(aggregate, function != "sum");
            }

            default:
                throw new QueryTranslationException(subQuery, $"the operator '{model.Operators[0]}' is not supported on a group.",
                    "Supported: Count, LongCount, Any, All, Sum, Min, Max, Average.");
        }
    }

    // The rows a sub-query reads: a collection navigation of an outer row (correlated), or a whole table.
    private (ModelMetadata Table, Func<string, SqlExpression>? Correlation) Source(SubqueryExpression subQuery, Expression from)
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

        if (from is ConstantExpression { Value: IQueryable queryable })
        {
            return (_context.ModelFor(queryable.ElementType, from), null);
        }

        throw new QueryTranslationException(subQuery, "a sub-query must read a collection navigation (e.g. u.Posts) or a table.");
    }

    // values.Contains(x) (or values.Any(v => v == x)): see ValueCollections.
    private SqlValue ValueCollection(SubqueryExpression subQuery, QueryModel model, Expression from)
    {
        var searched = SearchedItem(model)
            ?? throw new QueryTranslationException(subQuery, "only Contains (or Any(v => v == x)) is supported over a local collection.", "Write list.Contains(x.Property).");
        return ValueCollections.Contains(outer, subQuery, searched, from, model.Source.ItemType);
    }

    // list.Contains(x), or list.Any(v => v == x) which means the same: the x searched for.
    private static Expression? SearchedItem(QueryModel model)
    {
        if (model.Selector is not QuerySourceExpression || model.Operators.Count != 1)
        {
            return null;
        }

        if (model.Clauses.Count == 0 && model.Operators[0] is ContainsOperator contains)
        {
            return contains.Item;
        }

        if (model.Clauses is [WhereClause { Predicate: BinaryExpression { NodeType: ExpressionType.Equal } equal }]
            && model.Operators[0] is AnyOperator)
        {
            bool IsElement(Expression e) => e is QuerySourceExpression r && r.Source == model.Source;
            return IsElement(equal.Left) ? equal.Right : IsElement(equal.Right) ? equal.Left : null;
        }

        return null;
    }

    private static SqlExpression And(SqlExpression? left, SqlExpression right) => left is null ? right : new SqlBinaryExpression(SqlBinaryOperator.And, left, right);
}

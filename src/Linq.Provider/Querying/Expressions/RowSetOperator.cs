using Linq.Querying.Model;
using Linq.Querying.Operators;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions;

/// <summary>
/// The operator that ends a sub-query over a set of rows (a related table, or an array's elements through
/// <c>unnest</c>): <c>Any</c> and <c>Contains</c> as <c>EXISTS</c>, <c>All</c> as <c>NOT EXISTS</c> of a failing row,
/// <c>Count</c>/<c>LongCount</c> and <c>Sum</c>/<c>Min</c>/<c>Max</c>/<c>Average</c> as a scalar sub-select. The caller
/// says where the rows come from (a function that builds the SELECT over them) and how the item of
/// <c>Contains</c> is sent.
/// </summary>
internal static class RowSetOperator
{
    /// <summary>The operator's SQL, or null when the operator is none of these (the caller refuses it with its own advice).</summary>
    public static SqlValue? Translate(SqlExpressionTranslator inner, SubqueryExpression subQuery, SqlExpression? where,
        Func<SqlExpression, SqlExpression?, SqlSelectStatement> select, Func<ContainsOperator, SqlValue, SqlValue> containsItem)
    {
        var model = subQuery.Model;
        switch (model.Operators[0])
        {
            case AnyOperator:
                return new SqlValue(new SqlExistsExpression(select(SqlLiteralExpression.Integer(1), where)), false);
            case AllOperator all:
            {
                var failing = new SqlUnaryExpression(SqlUnaryOperator.Not, inner.TwoValued(inner.Translate(all.Predicate)));
                return new SqlValue(new SqlUnaryExpression(SqlUnaryOperator.Not, new SqlExistsExpression(select(SqlLiteralExpression.Integer(1), And(where, failing)))), false);
            }

            case CountOperator:
                return new SqlValue(new SqlScalarSubqueryExpression(select(new SqlCastExpression(new SqlFunctionExpression("count", SqlStarExpression.Instance), "integer"), where)), false);
            case LongCountOperator:
                return new SqlValue(new SqlScalarSubqueryExpression(select(new SqlFunctionExpression("count", SqlStarExpression.Instance), where)), false);
            case ContainsOperator contains:
            {
                var selected = inner.Translate(model.Selector);
                var item = containsItem(contains, selected);
                var equal = new SqlBinaryExpression(SqlBinaryOperator.IsNotDistinctFrom, selected.Sql, item.Sql);
                return new SqlValue(new SqlExistsExpression(select(SqlLiteralExpression.Integer(1), And(where, equal))), false);
            }

            case AggregateOperator aggregateOperator:
            {
                var selected = inner.Translate(model.Selector);
                var function = Aggregates.FunctionOf(aggregateOperator.Function);
                var aggregate = Aggregates.Typed(function, selected.Sql, subQuery.Type, subQuery);

                // Min/Max/Average of no rows: NULL (LINQ-to-Objects would throw for non-nullable results).
                return new SqlValue(new SqlScalarSubqueryExpression(select(aggregate, where)), function != "sum");
            }

            default:
                return null;
        }
    }

    /// <summary><paramref name="left"/> AND <paramref name="right"/>, or <paramref name="right"/> alone.</summary>
    public static SqlExpression And(SqlExpression? left, SqlExpression right) => left is null ? right : new SqlBinaryExpression(SqlBinaryOperator.And, left, right);
}

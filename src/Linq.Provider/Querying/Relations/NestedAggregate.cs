using Linq.Contract;
using Linq.Querying.Expressions;
using Linq.Querying.Model;
using Linq.Querying.Operators;
using Linq.Sql.Syntax;

namespace Linq.Querying.Relations;

/// <summary>
/// An aggregate (Count, LongCount, Any, All, Contains, Sum, Min, Max, Average) of a related collection's query beyond a
/// plain filter: after OrderBy, Skip/Take, Distinct or Select, or over a query over a query
/// (<c>u.Posts.OrderBy(p =&gt; p.Id).Take(3).Sum(p =&gt; p.Id)</c> sums those three). A correlated sub-select over the
/// rows of <see cref="NestedRows"/>, a paged query's page picked first in a derived table.
/// </summary>
internal static class NestedAggregate
{
    /// <summary>Whether <paramref name="model"/> is more than Where clauses and one operator over the navigation (which the plain relation filters translate).</summary>
    public static bool Needed(QueryModel model) =>
        model.From is SubqueryExpression || model.Clauses.Any(c => c is not WhereClause) || model.Operators.Count != 1;

    public static SqlValue Translate(SqlExpressionTranslator outer, SubqueryExpression subQuery, SourceBinding owner, RelationMetadata relation)
    {
        var rows = NestedRows.Read(outer.Context, owner, relation, subQuery.Model, subQuery);
        var op = rows.Terminal ?? throw new QueryTranslationException(subQuery, "a related collection's rows cannot be used as a value here.",
            "End it with an aggregate (Count, Any, All, Sum, Min, Max, Average), or select the rows in the projection.");
        rows.Unpage();
        var translator = rows.Translator;
        SqlSelectStatement Select(SqlExpression item, SqlExpression? condition = null) => new()
        {
            Items = [new SqlSelectItem(item)],
            From = rows.From,
            Joins = rows.Scope.Joins,
            Where = condition is null ? rows.Where : rows.Where is null ? condition : new SqlBinaryExpression(SqlBinaryOperator.And, rows.Where, condition),
        };

        switch (op)
        {
            case AnyOperator:
                return new SqlValue(new SqlExistsExpression(Select(SqlLiteralExpression.Integer(1))), false);
            case AllOperator all:
            {
                var failing = new SqlUnaryExpression(SqlUnaryOperator.Not, translator.TwoValued(translator.Translate(rows.Resolve(all.Predicate))));
                return new SqlValue(new SqlUnaryExpression(SqlUnaryOperator.Not, new SqlExistsExpression(Select(SqlLiteralExpression.Integer(1), failing))), false);
            }

            case CountOperator:
                return new SqlValue(new SqlScalarSubqueryExpression(Select(new SqlCastExpression(new SqlFunctionExpression("count", SqlStarExpression.Instance), "integer"))), false);
            case LongCountOperator:
                return new SqlValue(new SqlScalarSubqueryExpression(Select(new SqlFunctionExpression("count", SqlStarExpression.Instance))), false);
            case ContainsOperator contains:
            {
                var selected = translator.Translate(rows.Element);
                var item = outer.Translate(contains.Item);
                var equal = new SqlBinaryExpression(SqlBinaryOperator.IsNotDistinctFrom, selected.Sql, item.Sql);
                return new SqlValue(new SqlExistsExpression(Select(SqlLiteralExpression.Integer(1), equal)), false);
            }

            case AggregateOperator aggregate:
            {
                var selected = translator.Translate(rows.Element);
                var function = Aggregates.FunctionOf(aggregate.Function);
                var value = Aggregates.Typed(function, selected.Sql, subQuery.Type, subQuery);

                // Min/Max/Average of no rows: NULL; a projection into a non-nullable value reports it when read (see ProjectionBuilder).
                return new SqlValue(new SqlScalarSubqueryExpression(Select(value)), function != "sum");
            }

            default:
                throw new QueryTranslationException(subQuery, $"'{op}' of a related collection is supported in a projection only.",
                    "Select it (e.g. Select(u => new { First = u.Posts.OrderBy(p => p.Id).FirstOrDefault() })), or filter with Any/All.");
        }
    }
}

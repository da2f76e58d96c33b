using System.Linq.Expressions;
using Linq.Contract;
using Linq.Execution;
using Linq.Querying.Model;
using Linq.Querying.Shaping;
using Linq.Sql.Syntax;
using Npgsql;

namespace Linq.Querying.Operators;

/// <summary>
/// Count, LongCount, Any, All, Sum, Min, Max, Average over the whole query: one scalar row, over the page (or the
/// distinct rows, or the groups) in a derived table when the query has one.
/// </summary>
internal static class AggregateHandler
{
    /// <summary>The aggregate an operator asks for, or null when it is no aggregate.</summary>
    public static Aggregate? For(QueryOperator op) => op switch
    {
        CountOperator => new Aggregate("count", typeof(int)),
        LongCountOperator => new Aggregate("count", typeof(long)),
        AnyOperator => new Aggregate("exists", typeof(bool)),
        AllOperator all => new Aggregate("all", typeof(bool), all.Predicate),
        AggregateOperator value => new Aggregate(Aggregates.FunctionOf(value.Function), value.ResultType),
        _ => null,
    };

    public static CompiledQuery Translate(OperatorState state, Expression selector, Aggregate aggregate)
    {
        var source = state.Source;
        var paged = state.Paged || state.Distinct || state.GroupBy.Count > 0;
        SqlSelectStatement statement;
        switch (aggregate.Function)
        {
            case "count":
            {
                var inner = paged ? state.Select(source, Selected(state, selector)) with { OrderBy = [] } : null;
                SqlExpression count = new SqlFunctionExpression("count", SqlStarExpression.Instance);
                if (aggregate.ResultType == typeof(int))
                {
                    count = new SqlCastExpression(count, "integer");
                }

                statement = Over(state, inner, count, paged);
                break;
            }

            case "exists":
                statement = new SqlSelectStatement { Items = [new SqlSelectItem(new SqlExistsExpression(state.Select(source, [new SqlSelectItem(SqlLiteralExpression.Integer(1))])))] };
                break;
            case "all":
            {
                // A counter-example among the rows: NOT EXISTS (… WHERE NOT p). After Skip/Take among the page's rows (picked
                // first, in a derived table); over groups among the groups (HAVING NOT p). Distinct changes no answer: every
                // distinct element satisfies p exactly when every element does.
                if (state.Paged)
                {
                    if (!PagingHandler.CanWrap(state))
                    {
                        throw new QueryTranslationException(aggregate.Predicate, "All after Skip/Take is supported over the rows themselves ordered by their own columns, not over a projection, groups or a join.",
                            "Write !q.Any(x => !(…)) over the same page, or order by the row's own columns and call All before Select.");
                    }

                    PagingHandler.WrapPaged(state);
                }

                var expressions = state.Expressions;
                var failing = new SqlUnaryExpression(SqlUnaryOperator.Not, expressions.TwoValued(expressions.Translate(aggregate.Predicate!)));
                var rows = state.Select(state.Source, [new SqlSelectItem(SqlLiteralExpression.Integer(1))]) with { OrderBy = [], Distinct = false };
                var counterExample = state.GroupBy.Count > 0
                    ? rows with { Having = OperatorState.Conjunction([.. state.Having, failing]) }
                    : rows with { Where = OperatorState.Conjunction([.. state.Where, failing]) };
                statement = new SqlSelectStatement { Items = [new SqlSelectItem(new SqlUnaryExpression(SqlUnaryOperator.Not, new SqlExistsExpression(counterExample)))] };
                break;
            }

            default:
            {
                var value = state.Expressions.Translate(selector);
                SqlExpression argument = value.Sql;
                SqlSelectStatement? inner = null;
                if (paged)
                {
                    inner = state.Select(source, [new SqlSelectItem(value.Sql, "v")]);
                    argument = new SqlColumnExpression("s", "v");
                }

                var result = Aggregates.Typed(aggregate.Function, argument, aggregate.ResultType, selector);
                statement = Over(state, inner, result, paged);
                break;
            }
        }

        var reader = Expression.Parameter(typeof(NpgsqlDataReader), "reader");
        return state.Finish(statement, reader, Shaper(aggregate, reader), RowCardinality.Scalar);
    }

    private static List<SqlSelectItem> Selected(OperatorState state, Expression selector)
    {
        if (!state.Distinct)
        {
            return [new SqlSelectItem(SqlLiteralExpression.Integer(1))];
        }

        // DISTINCT counts distinct projected rows, so the projection must be in the inner select.
        var sink = new RowSink();
        new ProjectionBuilder(state.Context, state.Expressions, sink, state.Relations).Build(selector);
        return sink.Items;
    }

    private static SqlSelectStatement Over(OperatorState state, SqlSelectStatement? inner, SqlExpression item, bool paged) =>
        paged
            ? new SqlSelectStatement { Items = [new SqlSelectItem(item)], From = new SqlDerivedTable(inner!, "s") }
            : new SqlSelectStatement { Items = [new SqlSelectItem(item)], From = state.Source, Joins = state.Scope.Joins, Where = OperatorState.Conjunction(state.Where) };

    // LINQ throws on Min/Max/Average of an empty sequence of non-nullable values; SQL returns NULL.
    private static Expression Shaper(Aggregate aggregate, ParameterExpression reader) =>
        aggregate.Function is "min" or "max" or "avg"
            ? ScalarType.Get(aggregate.ResultType).ReadNonEmpty(reader, 0)
            : ValueReader.Read(reader, 0, aggregate.ResultType);

    /// <summary>An aggregate over the query: the SQL function (or exists/all), its C# result type, All's predicate.</summary>
    internal sealed record Aggregate(string Function, Type ResultType, Expression? Predicate = null);
}

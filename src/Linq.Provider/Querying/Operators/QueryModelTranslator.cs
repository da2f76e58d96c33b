using System.Linq.Expressions;
using Linq.Contract;
using Linq.Execution;
using Linq.Querying.Model;
using Linq.Sql.Syntax;

namespace Linq.Querying.Operators;

/// <summary>
/// Turns a <see cref="QueryModel"/> into one PostgreSQL statement and the shaper that reads its rows: walks the
/// source, the clauses and the operators and hands each to its family's handler, which builds on one
/// <see cref="OperatorState"/>.
/// </summary>
internal sealed class QueryModelTranslator
{
    private readonly OperatorState _state;

    private QueryModelTranslator(DatabaseModel model, object?[] values, QueryOptions options, IQueryFrontEnd frontEnd) =>
        _state = new OperatorState(new TranslationContext(model, values, frontEnd), options);

    // The second sequence of a set operator: its own select, in the same context (aliases and values are shared).
    private QueryModelTranslator(TranslationContext context, QueryOptions options) =>
        _state = new OperatorState(context, new QueryOptions { PageTokens = options.PageTokens });

    /// <summary>Translates a query; <paramref name="frontEnd"/> reads the filters of filtered includes.</summary>
    public static CompiledQuery Translate(QueryModel queryModel, DatabaseModel model, object?[] values, QueryOptions options, IQueryFrontEnd frontEnd) =>
        new QueryModelTranslator(model, values, options, frontEnd).TranslateQuery(GroupJoinRewriter.Rewrite(queryModel, values));

    private CompiledQuery TranslateQuery(QueryModel queryModel)
    {
        var selector = Run(queryModel, out var single, out var aggregate);
        var plan = aggregate is not null
            ? AggregateHandler.Translate(_state, selector, aggregate)
            : ProjectionHandler.Project(_state, selector, single);
        plan.Operation = new OperationInfo(OperationOf(single, aggregate), _state.RootModel);
        return plan;
    }

    private static LinqOperation OperationOf(RowCardinality? single, AggregateHandler.Aggregate? aggregate) => aggregate?.Function switch
    {
        "count" => LinqOperation.Count,
        "exists" or "all" => LinqOperation.Exists,
        not null => LinqOperation.Aggregate,
        null => single switch
        {
            null => LinqOperation.FindMany,
            RowCardinality.Single or RowCardinality.SingleOrDefault => LinqOperation.FindUnique,
            _ => LinqOperation.FindFirst,
        },
    };

    private (OperatorState State, Expression Selector) Side(QueryModel queryModel)
    {
        var side = new QueryModelTranslator(_state.Context, _state.Options);
        var selector = side.Run(queryModel, out var single, out var aggregate);
        return single is null && aggregate is null
            ? (side._state, selector)
            : throw new QueryTranslationException(null, "the second sequence of a set operator must be a sequence.");
    }

    // Source, clauses and operators into the state; returns the selector the projection (or aggregate) reads.
    private Expression Run(QueryModel queryModel, out RowCardinality? single, out AggregateHandler.Aggregate? aggregate)
    {
        var state = _state;
        state.Source = BindSource(queryModel);
        if (state.OuterSelector is { } substitution)
        {
            // The outer query's rows are the inner projection: put that projection where the outer query refers to its rows.
            queryModel = queryModel.Replace(queryModel.Source, substitution.Selector);
        }

        if (queryModel.Clauses.Count > 0 && state.Paged)
        {
            PagingHandler.WrapPaged(state);
        }

        var grouped = state.GroupBy.Count > 0;
        foreach (var clause in queryModel.Clauses)
        {
            BodyClause(clause, grouped ? state.Having : state.Where);
        }

        if (state.Options.Keyset is { } keyset)
        {
            KeysetHandler.Apply(state, keyset);
        }

        single = null;
        aggregate = null;
        var selector = queryModel.Selector;
        var operators = queryModel.Operators;
        for (var i = 0; i < operators.Count; i++)
        {
            var op = operators[i];
            if (aggregate is not null || single is not null)
            {
                throw new QueryTranslationException(null, $"Cannot translate '{op}' after {(aggregate is not null ? "an aggregate" : "an operator that returns one element")}.");
            }

            switch (op)
            {
                case TakeOperator or SkipOperator:
                    PagingHandler.Page(state, op);
                    break;
                case DistinctOperator:
                    DistinctHandler.Distinct(state);
                    break;
                case DistinctByOperator distinctBy:
                    DistinctHandler.DistinctBy(state, distinctBy);
                    break;
                case FirstOperator first:
                    single = ResultHandler.First(state, first);
                    break;
                case SingleOperator one:
                    single = ResultHandler.Single(state, one);
                    break;
                case SetOperator set:
                {
                    var result = SetOperationHandler.Apply(state, selector, set, Side);
                    selector = result.Selector;
                    operators = [.. operators.Take(i + 1), .. SetOperationHandler.Rebase(operators.Skip(i + 1).ToList(), set, result)];
                    break;
                }

                case LastOperator last:
                    single = ElementHandler.Last(state, last);
                    break;
                case ReverseOperator:
                    ElementHandler.Reverse(state);
                    break;
                case ExtremeByOperator extreme:
                    single = ElementHandler.ExtremeBy(state, extreme, selector.Type);
                    break;
                case ElementAtOperator elementAt:
                    single = ElementHandler.ElementAt(state, elementAt);
                    break;
                case FromEndOperator fromEnd:
                    ElementHandler.FromEnd(state, fromEnd);
                    break;
                case GroupByOperator group when i == 0 && CountsGroups(operators):
                    // q.GroupBy(k).Count(): the groups are counted (or tested for) in a derived table of one row per key;
                    // the query's filters apply before grouping, and its ordering cannot change a count.
                    state.OrderBy = [];
                    GroupingHandler.GroupBy(state, group.Groups ?? new QuerySource("g", typeof(object)), new QueryModel(queryModel.Source, queryModel.From, [], queryModel.Selector, [group]), group);
                    break;
                case GroupByOperator:
                    throw new QueryTranslationException(null, $"Cannot translate the operator '{op}' here: groups are read through a Select after GroupBy.",
                        "Project the groups (GroupBy(k).Select(g => new { g.Key, Count = g.Count() })), or count them: GroupBy(k).Count().");
                default:
                    aggregate = AggregateHandler.For(op) ?? throw new QueryTranslationException(null, $"Cannot translate the operator '{op}'.",
                        "Supported: Where, Select, OrderBy/ThenBy(Descending), Skip, Take, Distinct, DistinctBy (after an ordering), GroupBy, First, Single, Last, ElementAt, MaxBy, MinBy, "
                        + "Reverse, TakeLast, SkipLast, Union, Concat, Intersect, Except, Count, LongCount, Any, All, Sum, Min, Max, Average.");
                    break;
            }
        }

        return selector;
    }

    // GroupBy followed by Count, LongCount, Any or All (with Skip/Take between): the groups are only counted or tested.
    private static bool CountsGroups(IReadOnlyList<QueryOperator> operators) =>
        operators.Count >= 2 && operators[0] is GroupByOperator && operators[^1] is CountOperator or LongCountOperator or AnyOperator or AllOperator
        && operators.Skip(1).SkipLast(1).All(o => o is TakeOperator or SkipOperator);

    private void BodyClause(QueryClause clause, List<SqlExpression> filters)
    {
        switch (clause)
        {
            case WhereClause where:
                FilterHandler.Where(_state, where, filters);
                break;
            case OrderByClause orderBy:
                OrderingHandler.OrderBy(_state, orderBy);
                break;
            case JoinClause join:
                JoinHandler.Join(_state, join);
                break;
            case AdditionalFromClause from:
                JoinHandler.From(_state, from);
                break;
            default:
                throw new QueryTranslationException(null, $"Cannot translate the query clause '{clause}'.");
        }
    }

    // The FROM of the query: a table, the rows under a GroupBy (whose key becomes GROUP BY), or a nested query.
    private SqlTableSource BindSource(QueryModel query)
    {
        if (query.From is SubqueryExpression { Model: var inner } && inner.Operators is [GroupByOperator group])
        {
            var source = BindSource(inner);
            GroupingHandler.GroupBy(_state, query.Source, inner, group);
            return source;
        }

        if (query.From is SubqueryExpression { Model: var nested })
        {
            return Flatten(query.Source, nested);
        }

        return SourceHandler.Table(_state, query);
    }

    // A query over a query: an operator followed Skip/Take/Distinct (e.g. .Skip(20).Take(10).Select(…)).
    // It is folded into this SELECT: the inner clauses and paging apply first, and the outer source stands for the
    // inner selector. Where/OrderBy after Skip/Take would need a derived table and are rejected with advice.
    private SqlTableSource Flatten(QuerySource outer, QueryModel inner)
    {
        var state = _state;
        // The operators below may read and replace the source (a set operator combines it, Reverse may wrap a page).
        state.Source = BindSource(inner);
        if (state.OuterSelector is { } substitution)
        {
            // A query over a projection over a query: this level reads the projection below it, as the top level does.
            inner = inner.Replace(substitution.Source, substitution.Selector);
            state.OuterSelector = null;
        }

        foreach (var clause in inner.Clauses)
        {
            BodyClause(clause, state.Where);
        }

        var selector = inner.Selector;
        foreach (var op in inner.Operators)
        {
            switch (op)
            {
                case TakeOperator or SkipOperator:
                    PagingHandler.Page(state, op);
                    break;
                case DistinctOperator:
                    state.Distinct = true;
                    break;
                case SetOperator set:
                    // Only paging, Distinct and set operators reach here: none refers to the rows, so nothing is rebased.
                    selector = SetOperationHandler.Apply(state, selector, set, Side).Selector;
                    break;
                case ReverseOperator:
                    ElementHandler.Reverse(state);
                    break;
                case FromEndOperator fromEnd:
                    ElementHandler.FromEnd(state, fromEnd);
                    break;
                case DistinctByOperator distinctBy:
                    DistinctHandler.DistinctBy(state, distinctBy);
                    break;
                default:
                    throw new QueryTranslationException(null, $"Cannot translate '{op}' followed by further operators.");
            }
        }

        state.OuterSelector = (outer, selector);
        if (selector is QuerySourceExpression { Source: var innerSource }
            && state.Context.Find(innerSource) is { } binding)
        {
            state.Context.Bind(outer, binding);
            state.RowSources.Add(outer);
            state.OuterSelector = null;
        }

        return state.Source;
    }
}

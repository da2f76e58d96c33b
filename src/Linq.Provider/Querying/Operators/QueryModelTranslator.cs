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

    /// <summary>Translates a query; <paramref name="frontEnd"/> reads the filters of filtered includes.</summary>
    public static CompiledQuery Translate(QueryModel queryModel, DatabaseModel model, object?[] values, QueryOptions options, IQueryFrontEnd frontEnd) =>
        new QueryModelTranslator(model, values, options, frontEnd).TranslateQuery(GroupJoinRewriter.Rewrite(queryModel, values));

    private CompiledQuery TranslateQuery(QueryModel queryModel)
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

        RowCardinality? single = null;
        AggregateHandler.Aggregate? aggregate = null;
        foreach (var op in queryModel.Operators)
        {
            if (aggregate is not null)
            {
                throw new QueryTranslationException(null, $"Cannot translate '{op}' after an aggregate.");
            }

            switch (op)
            {
                case TakeOperator or SkipOperator:
                    PagingHandler.Page(state, op);
                    break;
                case DistinctOperator:
                    DistinctHandler.Distinct(state);
                    break;
                case FirstOperator first:
                    single = ResultHandler.First(state, first);
                    break;
                case SingleOperator one:
                    single = ResultHandler.Single(state, one);
                    break;
                default:
                    aggregate = AggregateHandler.For(op) ?? throw new QueryTranslationException(null, $"Cannot translate the operator '{op}'.",
                        "Supported: Where, Select, OrderBy/ThenBy(Descending), Skip, Take, Distinct, GroupBy, First, Single, Count, LongCount, Any, All, Sum, Min, Max, Average.");
                    break;
            }
        }

        return aggregate is not null
            ? AggregateHandler.Translate(state, queryModel.Selector, aggregate)
            : ProjectionHandler.Project(state, queryModel.Selector, single);
    }

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
        var source = BindSource(inner);
        foreach (var clause in inner.Clauses)
        {
            BodyClause(clause, state.Where);
        }

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
                default:
                    throw new QueryTranslationException(null, $"Cannot translate '{op}' followed by further operators.");
            }
        }

        state.OuterSelector = (outer, inner.Selector);
        if (inner.Selector is QuerySourceExpression { Source: var innerSource }
            && state.Context.Find(innerSource) is { } binding)
        {
            state.Context.Bind(outer, binding);
            state.RowSources.Add(outer);
            state.OuterSelector = null;
        }

        return source;
    }
}

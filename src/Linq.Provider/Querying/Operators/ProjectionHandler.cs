using System.Linq.Expressions;
using Linq.Execution;
using Linq.Querying.Model;
using Linq.Querying.Paging;
using Linq.Querying.Relations;
using Linq.Querying.Shaping;

namespace Linq.Querying.Operators;

/// <summary>Select and Include: the selected items, the shaper that reads them back, and the follow-up queries of per-level includes.</summary>
internal static class ProjectionHandler
{
    public static CompiledQuery Project(OperatorState state, Expression selector, RowCardinality? single)
    {
        var options = state.Options;
        if (options.HasIncludes && (selector is not QuerySourceExpression || state.Context.Model.Find(selector.Type) is null))
        {
            throw new QueryTranslationException(selector, "Include applies to queries that return the rows themselves, not a projection.",
                "Select the navigation in the projection instead (e.g. Select(u => new { u.Name, u.Posts }).");
        }

        // The row the includes load into: the query's own, or a joined one (db.Users.SelectMany(u => u.Posts).Include(p => p.Comments)).
        var selected = selector is QuerySourceExpression { Source: var source } ? state.Context.Find(source) : null;
        if (options.HasIncludes && selected is { Optional: true })
        {
            throw new QueryTranslationException(selector, "Include cannot load the relations of rows that a left join (DefaultIfEmpty) may leave missing.",
                "Use an inner join (without DefaultIfEmpty()), or select the related rows with a nested Select over the navigation.");
        }

        // A page of distinct rows cannot be selected again by key alone (see ParentKeySelect): one statement then.
        var strategy = new StrategyChoice(options.Strategy, options.SingleStatement || (state.Distinct && state.Paged));

        // A page whose relations are statements of their own is selected again by each of them: its order must pick
        // the same rows every time (TotalOrder).
        var row = selected ?? state.Row!;
        if (options.HasIncludes && state.Paged && strategy.BatchesAny(row.Model, options.Includes))
        {
            state.OrderBy = TotalOrder.Of(state.OrderBy, row);
        }

        // Page the roots before joining their relations: otherwise an ORDER BY that no index serves makes PostgreSQL
        // build every root's related JSON before sorting and cutting to the page. When every relation is loaded by a
        // statement of its own there is nothing to join, and the page stays a plain select: each level selects it again,
        // and a derived table there costs planning and a plan node in every one of those statements.
        if (options.HasIncludes && state.Paged && PagingHandler.CanWrap(state) && strategy.JoinsAny(row.Model, options.Includes))
        {
            PagingHandler.WrapPaged(state);
        }
        // The joins of the rows themselves (a filter's), before the includes add theirs: the follow-ups select the same rows.
        var rowJoins = state.Scope.Joins.ToList();
        var sink = new RowSink(strategy);
        var projection = new ProjectionBuilder(state.Context, state.Expressions, sink, state.Relations) { RootIncludes = options.HasIncludes ? options.Includes : null };
        var shaper = projection.Build(selector);
        if (sink.Deferred.Count > 0)
        {
            // Found again: a page wrapped in a derived table above rebinds the row to the derived table's alias.
            var rebound = (selector is QuerySourceExpression { Source: var own } ? state.Context.Find(own) : null) ?? state.Row!;
            var parents = ParentKeySelect.Of(state.Select(state.Source, []) with { Joins = rowJoins }, rebound.Alias);
            state.FollowUps = [.. sink.Deferred.Select(include => FollowUpPlanner.Plan(state.Context, row.Model, include, strategy, parents))];
            state.BatchedByDefault = strategy.BatchedByDefault;
        }

        var pageKeys = state.PageKeys is null ? null : KeysetTranslator.PageKeys(state.PageKeys, sink);
        var select = state.Select(state.Source, sink.Items);
        return state.Finish(select, sink.Input, shaper, single, pageKeys, sink.DirectShaper(shaper));
    }
}

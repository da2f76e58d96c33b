using System.Linq.Expressions;
using Linq.Contract;
using Linq.Querying.Caching;
using Linq.Querying.Filters;
using Linq.Querying.Model;
using Linq.Querying.Operators;
using Linq.Querying.Paging;
using Linq.Querying.Relinq;

namespace Linq.Querying.Frontend;

/// <summary>
/// From expression to plan: fingerprint the raw tree and pull its values out (always), then on a cache
/// miss only: replace the values with placeholders, read the tree into our <see cref="QueryModel"/> through
/// the front end (today the re-linq seam) and translate.
/// </summary>
internal static class QueryCompiler
{
    /// <summary>The front end that reads expressions into query models: the only way to the re-linq seam.</summary>
    internal static readonly IQueryFrontEnd FrontEnd = RelinqFrontEnd.Instance;

    /// <param name="expression">The query.</param>
    /// <param name="model">The database's model.</param>
    /// <param name="cache">The plan cache.</param>
    /// <param name="pageTokens">Cursor tokens of ToPageAsync plans.</param>
    /// <param name="unique">A FindUniqueAsync predicate, checked when the plan is built (and so only once per shape).</param>
    /// <param name="singleStatement">The caller runs one statement only, so a plan that batches relations by default is replaced by its one-statement form.</param>
    public static (CompiledQuery Plan, object?[] Values) Prepare(Expression expression, DatabaseModel model, QueryCache cache, CursorToken pageTokens, UniqueLookup? unique = null,
        bool singleStatement = false)
    {
        var walker = ShapeWalker.Rent();
        try
        {
            walker.WalkBalanced(ref expression);
            return Lookup(walker, expression, default, model, cache, pageTokens, unique, singleStatement);
        }
        finally
        {
            ShapeWalker.Return(walker);
        }
    }

    /// <summary>
    /// <see cref="Prepare(Expression, DatabaseModel, QueryCache, CursorToken, UniqueLookup?, bool)"/> for
    /// <c>First(source.Where(predicate))</c> given in its parts: the same shape and plan, and the expression is made only
    /// on a plan cache miss (or for a predicate too deep to walk as it is).
    /// </summary>
    public static (CompiledQuery Plan, object?[] Values) Prepare(in FirstOfWhere query, DatabaseModel model, QueryCache cache, CursorToken pageTokens, UniqueLookup? unique,
        bool singleStatement)
    {
        var walker = ShapeWalker.Rent();
        try
        {
            return walker.TryWalkFirstOfWhere(query)
                ? Lookup(walker, null, query, model, cache, pageTokens, unique, singleStatement)
                : Prepare(query.ToExpression(), model, cache, pageTokens, unique, singleStatement);
        }
        finally
        {
            ShapeWalker.Return(walker);
        }
    }

    // The plan of the walked shape. The tree is either given, or (expression null) made from its parts on a miss.
    private static (CompiledQuery Plan, object?[] Values) Lookup(ShapeWalker walker, Expression? expression, FirstOfWhere parts, DatabaseModel model, QueryCache cache,
        CursorToken pageTokens, UniqueLookup? unique, bool singleStatement)
    {
        if (unique is not null)
        {
            walker.MarkUniqueLookup();
        }

        var values = walker.TakeValues();
        var plan = cache.GetOrAdd(walker.Shape, static state =>
        {
            state.Unique?.Ensure();
            var built = Build(state.Expression ?? state.Parts.ToExpression(), state.Values, state.Model, state.PageTokens, false);
            if (state.Unique is not null)
            {
                // FindUniqueAsync runs FirstOrDefault, but its plan is its own (keyed apart): logs and spans name it.
                built.Operation = built.Operation with { Operation = LinqOperation.FindUnique };
            }

            return built;
        }, (Expression: expression, Parts: parts, Values: values, Model: model, PageTokens: pageTokens, Unique: unique));
        return (singleStatement && plan.BatchedByDefault ? SingleStatement(plan, expression ?? parts.ToExpression(), values, model, pageTokens) : plan, values);
    }

    /// <summary>
    /// <see cref="Prepare(Expression, DatabaseModel, QueryCache, CursorToken, UniqueLookup?, bool)"/> for a tree whose shape and values the caller already has (a compiled query walked it once):
    /// the plan-cache lookup, and on a miss the same build from the tree.
    /// </summary>
    public static CompiledQuery PrepareShaped(Expression expression, ReadOnlySpan<long> shape, object?[] values, DatabaseModel model, QueryCache cache, CursorToken pageTokens,
        bool singleStatement)
    {
        var plan = cache.GetOrAdd(shape, static state => Build(state.Expression, state.Values, state.Model, state.PageTokens, false),
            (Expression: expression, Values: values, Model: model, PageTokens: pageTokens));
        return singleStatement && plan.BatchedByDefault ? SingleStatement(plan, expression, values, model, pageTokens) : plan;
    }

    // Apart from its callers: a lambda over their parameters would make its closure object on every call, not only here.
    private static CompiledQuery SingleStatement(CompiledQuery plan, Expression expression, object?[] values, DatabaseModel model, CursorToken pageTokens) =>
        plan.SingleStatement(() => Build(expression, values, model, pageTokens, true));

    private static CompiledQuery Build(Expression expression, object?[] values, DatabaseModel model, CursorToken pageTokens, bool singleStatement)
    {
        var nodes = ShapeWalker.CollectParameterNodes(expression);

        var options = new QueryOptions { PageTokens = pageTokens, SingleStatement = singleStatement };
        var rewritten = OptionExtractor.Extract(ParameterRewriter.Rewrite(expression, nodes), options);
        var queryModel = FrontEnd.Parse(rewritten, expression);
        var plan = QueryModelTranslator.Translate(queryModel, model, values, options, FrontEnd);
        plan.OnPrimary = options.OnPrimary;
        return plan;
    }
}

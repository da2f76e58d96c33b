using System.Linq.Expressions;
using Linq.Execution;
using Linq.Execution.ResultCaching;
using Linq.Querying.Batching;
using Linq.Querying.Caching;
using Linq.Querying.Filters;
using Linq.Querying.Paging;
using Linq.Querying.Relations;
using Npgsql;

namespace Linq.Querying.Frontend;

/// <summary>The <see cref="IQueryProvider"/> of a database: builds queries and runs them through the plan cache, async first.</summary>
internal sealed class QueryProvider(LinqDatabase database) : IQueryProvider
{
    public LinqDatabase Database { get; } = database;

    public IQueryable CreateQuery(Expression expression) =>
        throw new NotSupportedException("Use the generic CreateQuery<T>; queries are built with the typed LINQ operators.");

    public IQueryable<TElement> CreateQuery<TElement>(Expression expression) => new Query<TElement>(this, expression);

    public object? Execute(Expression expression) =>
        throw new NotSupportedException("Use the generic Execute<TResult> or the async operators (ToListAsync, FirstAsync, …).");

    // Sync LINQ (Count(), First(), …): the async path run to completion. Npgsql does not capture a synchronization context.
    public TResult Execute<TResult>(Expression expression) => ExecuteAsync<TResult>(expression, CancellationToken.None).GetAwaiter().GetResult();

    public Task<TResult> ExecuteAsync<TResult>(Expression expression, CancellationToken cancellationToken) =>
        ExecuteAsync<TResult>(expression, null, cancellationToken);

    /// <summary>Runs a single-result query; <paramref name="unique"/> is a FindUniqueAsync predicate to check (once per shape).</summary>
    public Task<TResult> ExecuteAsync<TResult>(Expression expression, UniqueLookup? unique, CancellationToken cancellationToken)
    {
        var (plan, values) = Prepare(expression, unique);
        if (plan.Single is not { } cardinality)
        {
            throw ReturnsSequence();
        }

        return CachePolicy.Find(expression) is { } policy && ResultCacheFor() is { } cache
            ? CachedSingleAsync<TResult>(cache, policy, plan, values, cardinality, cancellationToken)
            : RunSingleAsync<TResult>(plan, values, cardinality, cancellationToken);
    }

    // The lambdas of the cached, replica and retrying paths live in methods of their own: a lambda over a method's
    // parameters or locals makes its closure object on entry to that method, so in the common path's method every
    // call would pay for them.
    private Task<TResult> CachedSingleAsync<TResult>(ResultCache cache, CachePolicy policy, CompiledQuery plan, object?[] values, RowCardinality cardinality,
        CancellationToken cancellationToken) =>
        // A single result is returned as cached: a row object is shared by the callers of one entry (see docs/caching.md).
        cache.GetOrRunAsync(plan.Sql, () => FollowUpSql(plan.FollowUps), plan.Bind(values), policy,
            token => RunSingleAsync<TResult>(plan, values, cardinality, token), static result => result, ResultCodecs.Single<TResult>(), cancellationToken);

    /// <summary>
    /// Runs <c>First(table.Where(predicate))</c> given in its parts (FindUniqueAsync, FindFirstAsync): a plan cache hit
    /// makes no expression. An extended client's filters rewrite the tree, so it gets the tree.
    /// </summary>
    public Task<TResult> ExecuteAsync<TResult>(in FirstOfWhere query, UniqueLookup? unique, CancellationToken cancellationToken)
    {
        if (Database.Extensions is not null || query.Source is not ConstantExpression)
        {
            return ExecuteAsync<TResult>(query.ToExpression(), unique, cancellationToken);
        }

        // A table's expression is a constant, which carries no .Cache(…) policy: the plan runs as it is.
        var (plan, values) = QueryCompiler.Prepare(query, Database.Metadata, Database.PlanCache, Database.PageTokens, unique, InSnapshotPerStatement);
        if (plan.Single is not { } cardinality)
        {
            throw ReturnsSequence();
        }

        return unique is not null && Database.Options.BatchFinds && BatchesFinds(plan, cardinality)
            ? plan.Batcher<TResult>(FindBatcher<TResult>.Create).FindAsync(Database.Executor, values, cancellationToken)
            : RunSingleAsync<TResult>(plan, values, cardinality, cancellationToken);
    }

    // Options.BatchFinds: only the plain find of the client itself; everything that changes how the statement runs keeps it alone.
    private bool BatchesFinds(CompiledQuery plan, RowCardinality cardinality) =>
        cardinality == RowCardinality.FirstOrDefault && plan.FollowUps.Count == 0 && plan.Statement is not null
        && Database.Executor is { Binding: null, Extensions: null } && Database.Replicas is null && Database.Options.TransientReadRetries == 0
        && AmbientTransaction.Value is not { Finished: false };

    private Task<TResult> RunSingleAsync<TResult>(CompiledQuery plan, object?[] values, RowCardinality cardinality, CancellationToken cancellationToken)
    {
        if (Database.Replicas is { } replicas && !plan.OnPrimary)
        {
            return SingleOnReplicaAsync<TResult>(replicas, plan, values, cardinality, cancellationToken);
        }

        if (RetriesReads)
        {
            return RetriedSingleAsync<TResult>(plan, values, cardinality, cancellationToken);
        }

        return plan.FollowUps.Count == 0
            ? Database.Executor.SingleAsync(plan.Operation, plan.Sql, plan.Bind(values), plan.Shaper<TResult>(), cardinality, cancellationToken)
            : WithFollowUps<TResult>(plan, values, cardinality, cancellationToken);
    }

    private Task<TResult> SingleOnReplicaAsync<TResult>(Routing.ReplicaRouter replicas, CompiledQuery plan, object?[] values, RowCardinality cardinality,
        CancellationToken cancellationToken) =>
        OnReplica(replicas, (executor, token) =>
        {
            return plan.FollowUps.Count == 0
                ? executor.SingleAsync(plan.Operation, plan.Sql, plan.Bind(values), plan.Shaper<TResult>(), cardinality, token)
                : WithFollowUps<TResult>(plan, values, cardinality, token, executor);
        }, cancellationToken);

    private Task<TResult> RetriedSingleAsync<TResult>(CompiledQuery plan, object?[] values, RowCardinality cardinality, CancellationToken cancellationToken) =>
        ReadRetry.RunAsync(token => plan.FollowUps.Count == 0
            ? Database.Executor.SingleAsync(plan.Operation, plan.Sql, plan.Bind(values), plan.Shaper<TResult>(), cardinality, token)
            : WithFollowUps<TResult>(plan, values, cardinality, token),
            Database.Options.TransientReadRetries, cancellationToken);

    public Task<List<T>> ToListAsync<T>(Expression expression, CancellationToken cancellationToken)
    {
        var (plan, values) = Sequence(expression);
        return CachePolicy.Find(expression) is { } policy && ResultCacheFor() is { } cache
            ? CachedListAsync<T>(cache, policy, plan, values, cancellationToken)
            : RunListAsync<T>(plan, values, cancellationToken);
    }

    private Task<List<T>> CachedListAsync<T>(ResultCache cache, CachePolicy policy, CompiledQuery plan, object?[] values, CancellationToken cancellationToken) =>
        // Each caller gets its own list, so one caller's Add/Remove is never seen by another.
        cache.GetOrRunAsync(plan.Sql, () => FollowUpSql(plan.FollowUps), plan.Bind(values), policy,
            token => RunListAsync<T>(plan, values, token), static list => new List<T>(list), ResultCodecs.List<T>(), cancellationToken);

    /// <summary>
    /// The client's result cache for a <c>.Cache(…)</c> query; null inside a transaction (its reads must see its own
    /// writes, so they always go to the database). Without a configured cache the query fails before any SQL.
    /// </summary>
    private ResultCache? ResultCacheFor()
    {
        if (Database.ResultCache is not { } cache)
        {
            throw new InvalidOperationException(
                "This query uses .Cache(…) but the client has no result cache: call options.UseResultCache(hybridCache), or register one with services.AddHybridCache() before AddLinqDatabase; or remove .Cache(…).");
        }

        return Database.Executor.Binding is null ? cache : null;
    }

    private static IEnumerable<string> FollowUpSql(IReadOnlyList<FollowUpQuery> followUps)
    {
        foreach (var followUp in followUps)
        {
            yield return followUp.Statement.Sql;
            foreach (var child in FollowUpSql(followUp.Children))
            {
                yield return child;
            }
        }
    }

    private static void RefuseCache(Expression expression, string operation)
    {
        if (CachePolicy.Find(expression) is not null)
        {
            throw new InvalidOperationException($".Cache(…) does not apply to {operation}: a cached result is a whole result. Use ToListAsync, or remove .Cache(…).");
        }
    }

    private Task<List<T>> RunListAsync<T>(CompiledQuery plan, object?[] values, CancellationToken cancellationToken)
    {
        if (Database.Replicas is { } replicas && !plan.OnPrimary)
        {
            return ListOnReplicaAsync<T>(replicas, plan, values, cancellationToken);
        }

        if (RetriesReads)
        {
            return RetriedListAsync<T>(plan, values, cancellationToken);
        }

        return plan.FollowUps.Count == 0
            ? Database.Executor.ListAsync(plan.Operation, plan.Sql, plan.Bind(values), plan.Shaper<T>(), plan.CapacityFor(values), cancellationToken)
            : RelationBatch.LoadAsync(Database, plan, values, plan.Shaper<T>(), Itself, cancellationToken);
    }

    private Task<List<T>> ListOnReplicaAsync<T>(Routing.ReplicaRouter replicas, CompiledQuery plan, object?[] values, CancellationToken cancellationToken) =>
        OnReplica(replicas, (executor, token) =>
        {
            return plan.FollowUps.Count == 0
                ? executor.ListAsync(plan.Operation, plan.Sql, plan.Bind(values), plan.Shaper<T>(), plan.CapacityFor(values), token)
                : RelationBatch.LoadAsync(Database, plan, values, plan.Shaper<T>(), Itself, token, executor);
        }, cancellationToken);

    private Task<List<T>> RetriedListAsync<T>(CompiledQuery plan, object?[] values, CancellationToken cancellationToken) =>
        ReadRetry.RunAsync(token => plan.FollowUps.Count == 0
            ? Database.Executor.ListAsync(plan.Operation, plan.Sql, plan.Bind(values), plan.Shaper<T>(), plan.CapacityFor(values), token)
            : RelationBatch.LoadAsync(Database, plan, values, plan.Shaper<T>(), Itself, token),
            Database.Options.TransientReadRetries, cancellationToken);

    // A single-result call (ExecuteAsync, FindUniqueAsync) given a query whose plan returns a sequence.
    private static InvalidOperationException ReturnsSequence() => new("The expression returns a sequence; use ToListAsync or AsAsyncEnumerable.");

    // Reads outside a transaction retry transient failures when the options ask for it (a transaction's reads never do:
    // its connection is gone with the failure).
    private bool RetriesReads => Database.Options.TransientReadRetries > 0 && Database.Executor.Binding is null;

    // A read for the replicas (only a client outside a transaction has them); the opt-in retry wraps the whole routing.
    private Task<T> OnReplica<T>(Routing.ReplicaRouter replicas, Func<CommandExecutor, CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        Database.Options.TransientReadRetries > 0
            ? ReadRetry.RunAsync(token => replicas.ReadAsync(read, token), Database.Options.TransientReadRetries, cancellationToken)
            : replicas.ReadAsync(read, cancellationToken);

    public IAsyncEnumerable<T> StreamAsync<T>(Expression expression, CancellationToken cancellationToken)
    {
        RefuseCache(expression, "streaming (AsAsyncEnumerable)");

        // Rows stream as they come: relations batched by default load in the rows' own statement instead.
        var (plan, values) = Sequence(expression, singleStatement: true);
        if (plan.FollowUps.Count > 0)
        {
            throw new InvalidOperationException("Relations loaded with LoadStrategy.Query need the whole result first; use ToListAsync, or LoadStrategy.Join to stream.");
        }

        return Database.Replicas is { } replicas && !plan.OnPrimary
            ? StreamOnReplica<T>(replicas, plan, values, cancellationToken)
            : Database.Executor.StreamAsync(plan.Operation, plan.Sql, plan.Bind(values), plan.Shaper<T>(), cancellationToken);
    }

    private static IAsyncEnumerable<T> StreamOnReplica<T>(Routing.ReplicaRouter replicas, CompiledQuery plan, object?[] values, CancellationToken cancellationToken) =>
        replicas.StreamAsync((executor, token) => executor.StreamAsync(plan.Operation, plan.Sql, plan.Bind(values), plan.Shaper<T>(), token), cancellationToken);

    // The root statement and its LoadStrategy.Query levels in one round trip (one span); the single row picked by LINQ's rules after.
    private async Task<TResult> WithFollowUps<TResult>(CompiledQuery plan, object?[] values, RowCardinality cardinality, CancellationToken cancellationToken,
        CommandExecutor? executor = null)
    {
        var rows = await RelationBatch.LoadAsync(Database, plan, values, plan.Shaper<TResult>(), Itself, cancellationToken, executor).ConfigureAwait(false);
        return SingleRow.Pick(rows, cardinality);
    }

    private static object? Itself<T>(T row) => row;

    /// <summary>Runs a ToPageAsync query: rows with their ordering keys (and their LoadStrategy.Query relations), and the plan's cursor signature.</summary>
    public async Task<(List<PageRow<T>> Rows, string Signature)> PageAsync<T>(Expression expression, CancellationToken cancellationToken)
    {
        RefuseCache(expression, "ToPageAsync");
        var (plan, values) = Sequence(expression);
        var rows = Database.Replicas is { } replicas && !plan.OnPrimary
            ? await PageOnReplicaAsync<T>(replicas, plan, values, cancellationToken).ConfigureAwait(false)
            : await PageRowsAsync<T>(Database.Executor, plan, values, cancellationToken).ConfigureAwait(false);
        return (rows, plan.PageSignature!);
    }

    private Task<List<PageRow<T>>> PageOnReplicaAsync<T>(Routing.ReplicaRouter replicas, CompiledQuery plan, object?[] values, CancellationToken cancellationToken) =>
        OnReplica(replicas, (executor, token) => PageRowsAsync<T>(executor, plan, values, token), cancellationToken);

    private async Task<List<PageRow<T>>> PageRowsAsync<T>(CommandExecutor executor, CompiledQuery plan, object?[] values, CancellationToken cancellationToken)
    {
        var item = plan.Shaper<T>();
        var keys = plan.PageKeys!;
        Func<NpgsqlDataReader, PageRow<T>> read = reader => new PageRow<T>(item(reader), keys.Read(reader));
        // LoadStrategy.Query relations come in the same round trip, for the page's rows (the look-ahead row included; it is dropped afterwards).
        var rows = plan.FollowUps.Count == 0
            ? await executor.ListAsync(plan.Operation, plan.Sql, plan.Bind(values), read, cancellationToken).ConfigureAwait(false)
            : await RelationBatch.LoadAsync(Database, plan, values, read, row => row.Item, cancellationToken, executor).ConfigureAwait(false);

        return rows;
    }

    /// <summary>The SQL text a query would run, for logging and tests.</summary>
    public string ToSql(Expression expression) => Prepare(expression).Plan.AllSql();

    /// <summary>The plan and bound parameters, without executing (benchmarks measure this).</summary>
    internal (CompiledQuery Plan, NpgsqlParameter[] Parameters) PrepareAndBind(Expression expression)
    {
        var (plan, values) = Prepare(expression);
        return (plan, plan.Bind(values));
    }

    /// <param name="expression">The query.</param>
    /// <param name="unique">A FindUniqueAsync predicate, checked once per shape.</param>
    /// <param name="singleStatement">
    /// Whether the caller can run one statement only. Also so inside a READ COMMITTED transaction: there each statement of a
    /// batch would see its own snapshot, so relations batched by default load in one statement (one snapshot) instead.
    /// </param>
    internal (CompiledQuery Plan, object?[] Values) Prepare(Expression expression, UniqueLookup? unique = null, bool singleStatement = false) =>
        QueryCompiler.Prepare(Database.Extensions is { } extensions ? FilterInjector.Apply(expression, extensions, Database.Metadata) : expression,
            Database.Metadata, Database.PlanCache, Database.PageTokens, unique, singleStatement || InSnapshotPerStatement);

    private bool InSnapshotPerStatement =>
        Database.Executor.Binding is { Finished: false, Transaction.IsolationLevel: not (System.Data.IsolationLevel.RepeatableRead or System.Data.IsolationLevel.Serializable or System.Data.IsolationLevel.Snapshot) };

    /// <summary>
    /// The plan of a compiled query (<see cref="Compiled.QueryTemplate"/>): its shape and values are known, so the tree is
    /// only read on a plan-cache miss. Not for extended clients (their filters change the tree).
    /// </summary>
    internal CompiledQuery PrepareShaped(Expression expression, ReadOnlySpan<long> shape, object?[] values) =>
        QueryCompiler.PrepareShaped(expression, shape, values, Database.Metadata, Database.PlanCache, Database.PageTokens, InSnapshotPerStatement);

    /// <summary>Runs a single-result plan from <see cref="PrepareShaped"/>.</summary>
    internal Task<TResult> RunPreparedAsync<TResult>(CompiledQuery plan, object?[] values, CancellationToken cancellationToken) =>
        plan.Single is { } cardinality
            ? RunSingleAsync<TResult>(plan, values, cardinality, cancellationToken)
            : throw ReturnsSequence();

    /// <summary>Runs a sequence plan from <see cref="PrepareShaped"/>.</summary>
    internal Task<List<T>> RunPreparedListAsync<T>(CompiledQuery plan, object?[] values, CancellationToken cancellationToken) =>
        plan.Single is null
            ? RunListAsync<T>(plan, values, cancellationToken)
            : throw new InvalidOperationException("The expression returns a single value; use the matching async operator (FirstAsync, CountAsync, …).");

    private (CompiledQuery Plan, object?[] Values) Sequence(Expression expression, bool singleStatement = false)
    {
        var prepared = Prepare(expression, singleStatement: singleStatement);
        if (prepared.Plan.Single is not null)
        {
            throw new InvalidOperationException("The expression returns a single value; use the matching async operator (FirstAsync, CountAsync, …).");
        }

        return prepared;
    }
}

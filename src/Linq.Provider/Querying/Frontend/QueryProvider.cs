using System.Linq.Expressions;
using Linq.Execution;
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

    public Task<TResult> ExecuteAsync<TResult>(Expression expression, CancellationToken cancellationToken)
    {
        var (plan, values) = Prepare(expression);
        if (plan.Single is not { } cardinality)
        {
            throw new InvalidOperationException("The expression returns a sequence; use ToListAsync or AsAsyncEnumerable.");
        }

        if (RetriesReads)
        {
            return ReadRetry.RunAsync(token => plan.FollowUps.Count == 0
                ? Database.Executor.SingleAsync(plan.Operation, plan.Sql, plan.Bind(values), plan.Shaper<TResult>(), cardinality, token)
                : WithFollowUps(Database.Executor.SingleAsync(plan.Operation, plan.Sql, plan.Bind(values), plan.Shaper<TResult>(), cardinality, token), plan, values, token),
                Database.Options.TransientReadRetries, cancellationToken);
        }

        var single = Database.Executor.SingleAsync(plan.Operation, plan.Sql, plan.Bind(values), plan.Shaper<TResult>(), cardinality, cancellationToken);
        return plan.FollowUps.Count == 0 ? single : WithFollowUps(single, plan, values, cancellationToken);
    }

    public Task<List<T>> ToListAsync<T>(Expression expression, CancellationToken cancellationToken)
    {
        var (plan, values) = Sequence(expression);
        if (RetriesReads)
        {
            return ReadRetry.RunAsync(token => plan.FollowUps.Count == 0
                ? Database.Executor.ListAsync(plan.Operation, plan.Sql, plan.Bind(values), plan.Shaper<T>(), token)
                : WithFollowUps(Database.Executor.ListAsync(plan.Operation, plan.Sql, plan.Bind(values), plan.Shaper<T>(), token), plan, values, token),
                Database.Options.TransientReadRetries, cancellationToken);
        }

        var list = Database.Executor.ListAsync(plan.Operation, plan.Sql, plan.Bind(values), plan.Shaper<T>(), cancellationToken);
        return plan.FollowUps.Count == 0 ? list : WithFollowUps(list, plan, values, cancellationToken);
    }

    // Reads outside a transaction retry transient failures when the options ask for it (a transaction's reads never do:
    // its connection is gone with the failure).
    private bool RetriesReads => Database.Options.TransientReadRetries > 0 && Database.Executor.Binding is null;

    public IAsyncEnumerable<T> StreamAsync<T>(Expression expression, CancellationToken cancellationToken)
    {
        var (plan, values) = Sequence(expression);
        if (plan.FollowUps.Count > 0)
        {
            throw new InvalidOperationException("Relations loaded with LoadStrategy.Query need the whole result first; use ToListAsync, or LoadStrategy.Join to stream.");
        }

        return Database.Executor.StreamAsync(plan.Operation, plan.Sql, plan.Bind(values), plan.Shaper<T>(), cancellationToken);
    }

    private async Task<List<T>> WithFollowUps<T>(Task<List<T>> rows, CompiledQuery plan, object?[] values, CancellationToken cancellationToken)
    {
        var list = await rows.ConfigureAwait(false);
        await FollowUpLoader.LoadAsync(Database, list, plan.FollowUps, values, cancellationToken).ConfigureAwait(false);
        return list;
    }

    private async Task<TResult> WithFollowUps<TResult>(Task<TResult> row, CompiledQuery plan, object?[] values, CancellationToken cancellationToken)
    {
        var result = await row.ConfigureAwait(false);
        if (result is not null)
        {
            await FollowUpLoader.LoadAsync(Database, new object[] { result }, plan.FollowUps, values, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Runs a ToPageAsync query: rows with their ordering keys (and their LoadStrategy.Query relations), and the plan's cursor signature.</summary>
    public async Task<(List<PageRow<T>> Rows, string Signature)> PageAsync<T>(Expression expression, CancellationToken cancellationToken)
    {
        var (plan, values) = Sequence(expression);
        var item = plan.Shaper<T>();
        var keys = plan.PageKeys!;
        var rows = await Database.Executor.ListAsync(plan.Operation, plan.Sql, plan.Bind(values), reader => new PageRow<T>(item(reader), keys.Read(reader)), cancellationToken)
            .ConfigureAwait(false);
        if (plan.FollowUps.Count > 0)
        {
            // LoadStrategy.Query relations, for the page's rows (the look-ahead row included; it is dropped afterwards).
            await FollowUpLoader.LoadAsync(Database, rows.Select(r => r.Item).ToList(), plan.FollowUps, values, cancellationToken).ConfigureAwait(false);
        }

        return (rows, plan.PageSignature!);
    }

    /// <summary>The SQL text a query would run, for logging and tests.</summary>
    public string ToSql(Expression expression) => Prepare(expression).Plan.Sql;

    /// <summary>The plan and bound parameters, without executing (benchmarks measure this).</summary>
    internal (CompiledQuery Plan, NpgsqlParameter[] Parameters) PrepareAndBind(Expression expression)
    {
        var (plan, values) = Prepare(expression);
        return (plan, plan.Bind(values));
    }

    internal (CompiledQuery Plan, object?[] Values) Prepare(Expression expression) =>
        QueryCompiler.Prepare(Database.Extensions is { } extensions ? FilterInjector.Apply(expression, extensions, Database.Metadata) : expression,
            Database.Metadata, Database.PlanCache, Database.PageTokens);

    private (CompiledQuery Plan, object?[] Values) Sequence(Expression expression)
    {
        var prepared = Prepare(expression);
        if (prepared.Plan.Single is not null)
        {
            throw new InvalidOperationException("The expression returns a single value; use the matching async operator (FirstAsync, CountAsync, …).");
        }

        return prepared;
    }
}

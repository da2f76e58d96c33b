using System.Linq.Expressions;
using Linq.Execution;
using Npgsql;

namespace Linq.Querying;

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

        return Database.Executor.SingleAsync(plan.Sql, plan.Bind(values), (Func<NpgsqlDataReader, TResult>)plan.Shaper, cardinality, cancellationToken);
    }

    public Task<List<T>> ToListAsync<T>(Expression expression, CancellationToken cancellationToken)
    {
        var (plan, values) = Sequence(expression);
        return Database.Executor.ListAsync(plan.Sql, plan.Bind(values), (Func<NpgsqlDataReader, T>)plan.Shaper, cancellationToken);
    }

    public IAsyncEnumerable<T> StreamAsync<T>(Expression expression, CancellationToken cancellationToken)
    {
        var (plan, values) = Sequence(expression);
        return Database.Executor.StreamAsync(plan.Sql, plan.Bind(values), (Func<NpgsqlDataReader, T>)plan.Shaper, cancellationToken);
    }

    /// <summary>Runs a ToPageAsync query: rows with their ordering keys, and the plan's cursor signature.</summary>
    public async Task<(List<Paging.PageRow<T>> Rows, string Signature)> PageAsync<T>(Expression expression, CancellationToken cancellationToken)
    {
        var (plan, values) = Sequence(expression);
        var rows = await Database.Executor.ListAsync(plan.Sql, plan.Bind(values), (Func<NpgsqlDataReader, Paging.PageRow<T>>)plan.Shaper, cancellationToken)
            .ConfigureAwait(false);
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

    private (CompiledQuery Plan, object?[] Values) Prepare(Expression expression) =>
        QueryCompiler.Prepare(expression, Database.Metadata, Database.QueryCache);

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

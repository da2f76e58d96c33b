using System.Linq.Expressions;
using Linq.Execution;
using Npgsql;

namespace Linq.Querying;

/// <summary>The <see cref="IQueryProvider"/> of a database: builds queries and runs them, async first.</summary>
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
        var query = QueryCompiler.Compile(expression, Database.Metadata);
        if (query.Single is not { } cardinality)
        {
            throw new InvalidOperationException("The expression returns a sequence; use ToListAsync or AsAsyncEnumerable.");
        }

        return Database.Executor.SingleAsync(query.Sql, query.CreateParameters(), (Func<NpgsqlDataReader, TResult>)query.Shaper, cardinality, cancellationToken);
    }

    public Task<List<T>> ToListAsync<T>(Expression expression, CancellationToken cancellationToken)
    {
        var query = Sequence(expression);
        return Database.Executor.ListAsync(query.Sql, query.CreateParameters(), (Func<NpgsqlDataReader, T>)query.Shaper, cancellationToken);
    }

    public IAsyncEnumerable<T> StreamAsync<T>(Expression expression, CancellationToken cancellationToken)
    {
        var query = Sequence(expression);
        return Database.Executor.StreamAsync(query.Sql, query.CreateParameters(), (Func<NpgsqlDataReader, T>)query.Shaper, cancellationToken);
    }

    /// <summary>The SQL text a query would run, for logging and tests.</summary>
    public string ToSql(Expression expression) => QueryCompiler.Compile(expression, Database.Metadata).Sql;

    private TranslatedQuery Sequence(Expression expression)
    {
        var query = QueryCompiler.Compile(expression, Database.Metadata);
        if (query.Single is not null)
        {
            throw new InvalidOperationException("The expression returns a single value; use the matching async operator (FirstAsync, CountAsync, …).");
        }

        return query;
    }
}

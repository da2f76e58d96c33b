using Linq.Querying.Compiled;

namespace Linq;

/// <summary>
/// A query returning rows written once and run many times: made by <see cref="CompiledQuery"/>.CreateList; thread-safe,
/// keep it in a static field.
/// </summary>
/// <typeparam name="TDb">The generated database client type.</typeparam>
/// <typeparam name="TRow">The row type.</typeparam>
public sealed class CompiledListQuery<TDb, TRow> where TDb : LinqDatabase
{
    private readonly QueryTemplate _template;

    internal CompiledListQuery(QueryTemplate template) => _template = template;

    /// <summary>Runs the query on <paramref name="database"/> (a client, an extended client or a transaction's client) and returns all rows.</summary>
    /// <param name="database">The client to run on.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    public Task<List<TRow>> ToListAsync(TDb database, CancellationToken cancellationToken = default) =>
        _template.ListAsync<TRow>(database, [], cancellationToken);
}

/// <summary>
/// A query returning rows written once and run many times: made by <see cref="CompiledQuery"/>.CreateList; thread-safe,
/// keep it in a static field.
/// </summary>
/// <typeparam name="TDb">The generated database client type.</typeparam>
/// <typeparam name="T1">The type of argument 1.</typeparam>
/// <typeparam name="TRow">The row type.</typeparam>
public sealed class CompiledListQuery<TDb, T1, TRow> where TDb : LinqDatabase
{
    private readonly QueryTemplate _template;

    internal CompiledListQuery(QueryTemplate template) => _template = template;

    /// <summary>Runs the query on <paramref name="database"/> (a client, an extended client or a transaction's client) and returns all rows.</summary>
    /// <param name="database">The client to run on.</param>
    /// <param name="argument1">Argument 1, bound to the query as a parameter.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    public Task<List<TRow>> ToListAsync(TDb database, T1 argument1, CancellationToken cancellationToken = default) =>
        _template.ListAsync<TRow>(database, [argument1], cancellationToken);
}

/// <summary>
/// A query returning rows written once and run many times: made by <see cref="CompiledQuery"/>.CreateList; thread-safe,
/// keep it in a static field.
/// </summary>
/// <typeparam name="TDb">The generated database client type.</typeparam>
/// <typeparam name="T1">The type of argument 1.</typeparam>
/// <typeparam name="T2">The type of argument 2.</typeparam>
/// <typeparam name="TRow">The row type.</typeparam>
public sealed class CompiledListQuery<TDb, T1, T2, TRow> where TDb : LinqDatabase
{
    private readonly QueryTemplate _template;

    internal CompiledListQuery(QueryTemplate template) => _template = template;

    /// <summary>Runs the query on <paramref name="database"/> (a client, an extended client or a transaction's client) and returns all rows.</summary>
    /// <param name="database">The client to run on.</param>
    /// <param name="argument1">Argument 1, bound to the query as a parameter.</param>
    /// <param name="argument2">Argument 2, bound to the query as a parameter.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    public Task<List<TRow>> ToListAsync(TDb database, T1 argument1, T2 argument2, CancellationToken cancellationToken = default) =>
        _template.ListAsync<TRow>(database, [argument1, argument2], cancellationToken);
}

/// <summary>
/// A query returning rows written once and run many times: made by <see cref="CompiledQuery"/>.CreateList; thread-safe,
/// keep it in a static field.
/// </summary>
/// <typeparam name="TDb">The generated database client type.</typeparam>
/// <typeparam name="T1">The type of argument 1.</typeparam>
/// <typeparam name="T2">The type of argument 2.</typeparam>
/// <typeparam name="T3">The type of argument 3.</typeparam>
/// <typeparam name="TRow">The row type.</typeparam>
public sealed class CompiledListQuery<TDb, T1, T2, T3, TRow> where TDb : LinqDatabase
{
    private readonly QueryTemplate _template;

    internal CompiledListQuery(QueryTemplate template) => _template = template;

    /// <summary>Runs the query on <paramref name="database"/> (a client, an extended client or a transaction's client) and returns all rows.</summary>
    /// <param name="database">The client to run on.</param>
    /// <param name="argument1">Argument 1, bound to the query as a parameter.</param>
    /// <param name="argument2">Argument 2, bound to the query as a parameter.</param>
    /// <param name="argument3">Argument 3, bound to the query as a parameter.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    public Task<List<TRow>> ToListAsync(TDb database, T1 argument1, T2 argument2, T3 argument3, CancellationToken cancellationToken = default) =>
        _template.ListAsync<TRow>(database, [argument1, argument2, argument3], cancellationToken);
}

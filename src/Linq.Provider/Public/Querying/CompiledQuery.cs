using System.Linq.Expressions;
using Linq.Querying.Compiled;

namespace Linq;

/// <summary>
/// Compiled queries: a LINQ query written once as a lambda over the client and up to three arguments, then run many times
/// without building its expression tree or computing its cache key at each call (what EF Core's
/// <c>EF.CompileAsyncQuery</c> does). The arguments are bound by position, as typed parameters.
/// </summary>
/// <remarks>
/// <code>
/// static readonly CompiledQuery&lt;BlogDb, string, User?&gt; ByEmail =
///     CompiledQuery.Create((BlogDb db, string email) =&gt; db.Users.FirstOrDefault(u =&gt; u.Email == email));
/// var user = await ByEmail.RunAsync(db, "ada@example.com", cancellationToken);
/// </code>
/// The body is what you would write inline: <see cref="Create{TDb, TResult}"/> takes one that ends in the synchronous
/// operator returning one value (<c>FirstOrDefault</c>, <c>Count</c>, <c>Sum</c>, …), <see cref="CreateList{TDb, TRow}"/>
/// one that is a query (its rows are returned by <c>ToListAsync</c>). An argument must be used as it is (or
/// widened to the column's type): a value computed from it (<c>email.Trim()</c>) is refused when the query is created.
/// The database parameter only names tables (<c>db.Users</c>). <c>.Cache(…)</c> is refused (use the query inline).
/// </remarks>
public static class CompiledQuery
{
    /// <summary>Compiles a query with one result: its body ends in an element operator or an aggregate.</summary>
    /// <typeparam name="TDb">The generated database client type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="query">The query over the client.</param>
    /// <exception cref="ArgumentException">The body is not a query with one result, or uses the client other than to name tables.</exception>
    /// <exception cref="QueryTranslationException">An argument is part of a value computed on the client.</exception>
    public static CompiledQuery<TDb, TResult> Create<TDb, TResult>(Expression<Func<TDb, TResult>> query)
        where TDb : LinqDatabase =>
        new(new QueryTemplate(query, [], sequence: false));

    /// <summary>Compiles a query that returns rows.</summary>
    /// <typeparam name="TDb">The generated database client type.</typeparam>
    /// <typeparam name="TRow">The row type.</typeparam>
    /// <param name="query">The query over the client.</param>
    /// <exception cref="ArgumentException">The body uses the client other than to name tables.</exception>
    /// <exception cref="QueryTranslationException">An argument is part of a value computed on the client.</exception>
    public static CompiledListQuery<TDb, TRow> CreateList<TDb, TRow>(Expression<Func<TDb, IQueryable<TRow>>> query)
        where TDb : LinqDatabase =>
        new(new QueryTemplate(query, [], sequence: true));

    /// <summary>Compiles a query with one result: its body ends in an element operator or an aggregate.</summary>
    /// <typeparam name="TDb">The generated database client type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="query">The query over the client and its arguments.</param>
    /// <exception cref="ArgumentException">The body is not a query with one result, or uses the client other than to name tables.</exception>
    /// <exception cref="QueryTranslationException">An argument is part of a value computed on the client.</exception>
    public static CompiledQuery<TDb, T1, TResult> Create<TDb, T1, TResult>(Expression<Func<TDb, T1, TResult>> query)
        where TDb : LinqDatabase =>
        new(new QueryTemplate(query, [ArgumentSlot<T1>.NewNode()], sequence: false));

    /// <summary>Compiles a query that returns rows.</summary>
    /// <typeparam name="TDb">The generated database client type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="TRow">The row type.</typeparam>
    /// <param name="query">The query over the client and its arguments.</param>
    /// <exception cref="ArgumentException">The body uses the client other than to name tables.</exception>
    /// <exception cref="QueryTranslationException">An argument is part of a value computed on the client.</exception>
    public static CompiledListQuery<TDb, T1, TRow> CreateList<TDb, T1, TRow>(Expression<Func<TDb, T1, IQueryable<TRow>>> query)
        where TDb : LinqDatabase =>
        new(new QueryTemplate(query, [ArgumentSlot<T1>.NewNode()], sequence: true));

    /// <summary>Compiles a query with one result: its body ends in an element operator or an aggregate.</summary>
    /// <typeparam name="TDb">The generated database client type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="query">The query over the client and its arguments.</param>
    /// <exception cref="ArgumentException">The body is not a query with one result, or uses the client other than to name tables.</exception>
    /// <exception cref="QueryTranslationException">An argument is part of a value computed on the client.</exception>
    public static CompiledQuery<TDb, T1, T2, TResult> Create<TDb, T1, T2, TResult>(Expression<Func<TDb, T1, T2, TResult>> query)
        where TDb : LinqDatabase =>
        new(new QueryTemplate(query, [ArgumentSlot<T1>.NewNode(), ArgumentSlot<T2>.NewNode()], sequence: false));

    /// <summary>Compiles a query that returns rows.</summary>
    /// <typeparam name="TDb">The generated database client type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="TRow">The row type.</typeparam>
    /// <param name="query">The query over the client and its arguments.</param>
    /// <exception cref="ArgumentException">The body uses the client other than to name tables.</exception>
    /// <exception cref="QueryTranslationException">An argument is part of a value computed on the client.</exception>
    public static CompiledListQuery<TDb, T1, T2, TRow> CreateList<TDb, T1, T2, TRow>(Expression<Func<TDb, T1, T2, IQueryable<TRow>>> query)
        where TDb : LinqDatabase =>
        new(new QueryTemplate(query, [ArgumentSlot<T1>.NewNode(), ArgumentSlot<T2>.NewNode()], sequence: true));

    /// <summary>Compiles a query with one result: its body ends in an element operator or an aggregate.</summary>
    /// <typeparam name="TDb">The generated database client type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="query">The query over the client and its arguments.</param>
    /// <exception cref="ArgumentException">The body is not a query with one result, or uses the client other than to name tables.</exception>
    /// <exception cref="QueryTranslationException">An argument is part of a value computed on the client.</exception>
    public static CompiledQuery<TDb, T1, T2, T3, TResult> Create<TDb, T1, T2, T3, TResult>(Expression<Func<TDb, T1, T2, T3, TResult>> query)
        where TDb : LinqDatabase =>
        new(new QueryTemplate(query, [ArgumentSlot<T1>.NewNode(), ArgumentSlot<T2>.NewNode(), ArgumentSlot<T3>.NewNode()], sequence: false));

    /// <summary>Compiles a query that returns rows.</summary>
    /// <typeparam name="TDb">The generated database client type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="TRow">The row type.</typeparam>
    /// <param name="query">The query over the client and its arguments.</param>
    /// <exception cref="ArgumentException">The body uses the client other than to name tables.</exception>
    /// <exception cref="QueryTranslationException">An argument is part of a value computed on the client.</exception>
    public static CompiledListQuery<TDb, T1, T2, T3, TRow> CreateList<TDb, T1, T2, T3, TRow>(Expression<Func<TDb, T1, T2, T3, IQueryable<TRow>>> query)
        where TDb : LinqDatabase =>
        new(new QueryTemplate(query, [ArgumentSlot<T1>.NewNode(), ArgumentSlot<T2>.NewNode(), ArgumentSlot<T3>.NewNode()], sequence: true));
}

using System.Linq.Expressions;
using Linq.Contract;

namespace Linq;

/// <summary>
/// Collects the extensions of <c>db.WithExtensions(x =&gt; …)</c>: query interceptors (<see cref="Intercept"/>) and
/// global filters per model (<see cref="Filter{T}"/>).
/// </summary>
public sealed class ExtensionsBuilder
{
    private readonly List<QueryInterceptor> _interceptors;
    private readonly Dictionary<Type, ClientExtensions.ModelFilter> _filters;

    internal ExtensionsBuilder(ClientExtensions? inherited)
    {
        _interceptors = inherited is null ? [] : [.. inherited.Interceptors];
        _filters = inherited is null ? [] : new Dictionary<Type, ClientExtensions.ModelFilter>(inherited.Filters);
    }

    /// <summary>
    /// Adds an interceptor around every operation of the client (queries, writes, raw SQL, batch transactions). Several
    /// compose in registration order: the first added is the outermost. It may call <c>next()</c> and look at or replace
    /// the result, or return its own result without calling it (the statement is then not run).
    /// </summary>
    public ExtensionsBuilder Intercept(QueryInterceptor interceptor)
    {
        ArgumentNullException.ThrowIfNull(interceptor);
        _interceptors.Add(interceptor);
        return this;
    }

    /// <summary>
    /// Adds a global filter on model <typeparamref name="T"/>: every query, relation load, count, aggregate, update and
    /// delete of the client sees only the rows it matches (soft delete: <c>x.Filter&lt;Post&gt;(p =&gt; p.DeletedAt == null)</c>).
    /// A second filter on the same model is joined with AND. Values the predicate captures are query parameters.
    /// <c>IgnoreFilters()</c> lifts the filters for one query.
    /// </summary>
    public ExtensionsBuilder Filter<T>(Expression<Func<T, bool>> predicate) where T : class, IModel<T>
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ClientExtensions.ModelFilter filter = new ClientExtensions.ModelFilter<T>(predicate);
        _filters[typeof(T)] = _filters.TryGetValue(typeof(T), out var existing) ? existing.And(filter) : filter;
        return this;
    }

    internal ClientExtensions Build() => new([.. _interceptors], _filters);
}

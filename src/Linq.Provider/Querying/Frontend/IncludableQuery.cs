using System.Collections;
using System.Linq.Expressions;

namespace Linq.Querying.Frontend;

/// <summary>The query returned by Include/ThenInclude: the same query, typed so ThenInclude knows where it stands.</summary>
internal sealed class IncludableQuery<T, TProperty>(IQueryable<T> query) : IIncludableQueryable<T, TProperty>
{
    public Type ElementType => query.ElementType;

    public Expression Expression => query.Expression;

    public IQueryProvider Provider => query.Provider;

    public IEnumerator<T> GetEnumerator() => query.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string? ToString() => query.ToString();
}

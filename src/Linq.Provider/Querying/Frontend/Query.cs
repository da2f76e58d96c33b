using System.Collections;
using System.Linq.Expressions;

namespace Linq.Querying.Frontend;

/// <summary>A composed query: an expression over a table. Enumerating it runs it.</summary>
internal sealed class Query<T>(QueryProvider provider, Expression expression) : IOrderedQueryable<T>
{
    public Type ElementType => typeof(T);

    public Expression Expression { get; } = expression;

    public IQueryProvider Provider => provider;

    public IEnumerator<T> GetEnumerator() => provider.ToListAsync<T>(Expression, CancellationToken.None).GetAwaiter().GetResult().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => provider.ToSql(Expression);
}

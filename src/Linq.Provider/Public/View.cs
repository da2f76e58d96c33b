using System.Collections;
using System.Linq.Expressions;
using Linq.Contract;

namespace Linq;

/// <summary>
/// One <c>[View]</c> model's rows: the root of LINQ queries like <see cref="Table{T}"/>, but read-only. It has no
/// create, update or delete and the generator makes no write inputs for the model, so writing to a view does not compile.
/// </summary>
/// <typeparam name="T">The view model type.</typeparam>
public sealed class View<T> : IOrderedQueryable<T> where T : class, IModel<T>
{
    private readonly Table<T> _rows;

    internal View(Table<T> rows) => _rows = rows;

    /// <summary>The model's metadata.</summary>
    public ModelMetadata<T> Metadata => T.Metadata;

    /// <inheritdoc />
    public Type ElementType => typeof(T);

    /// <inheritdoc />
    public Expression Expression => _rows.Expression;

    /// <inheritdoc />
    public IQueryProvider Provider => _rows.Provider;

    /// <summary>The row whose <c>[Id]</c> or unique key equals the given values, or null (see <see cref="Table{T}.FindUniqueAsync"/>).</summary>
    public Task<T?> FindUniqueAsync(Expression<Func<T, bool>> predicate, CancellationToken cancellationToken = default) =>
        _rows.FindUniqueAsync(predicate, cancellationToken);

    /// <summary>The first row matching <paramref name="predicate"/>, or null.</summary>
    public Task<T?> FindFirstAsync(Expression<Func<T, bool>> predicate, CancellationToken cancellationToken = default) =>
        _rows.FindFirstAsync(predicate, cancellationToken);

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => _rows.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => $"View<{typeof(T).Name}> ({T.Metadata.TableName})";
}

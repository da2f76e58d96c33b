using System.ComponentModel;

namespace Linq.Contract;

/// <summary>
/// The extensions of a client made by <c>WithExtensions</c>: its query interceptors and global filters. Generated
/// <c>[Database]</c> classes pass it to the base constructor; it has no public members. Immutable: extending an
/// extended client makes a new set.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class ClientExtensions
{
    internal ClientExtensions(QueryInterceptor[] interceptors, Dictionary<Type, ModelFilter> filters)
    {
        Interceptors = interceptors;
        Filters = filters;
        _byTable = filters.Count == 0 ? null : filters.Values.ToDictionary(f => f.TableType);
    }

    private readonly Dictionary<Type, ModelFilter>? _byTable;

    /// <summary>Outermost first: the first registered sees the operation before the others and the result after them.</summary>
    internal QueryInterceptor[] Interceptors { get; }

    /// <summary>At most one filter per model (two registrations for one model are joined with AND).</summary>
    internal Dictionary<Type, ModelFilter> Filters { get; }

    internal ModelFilter? FilterOf(Type model) => Filters.Count == 0 ? null : Filters.GetValueOrDefault(model);

    /// <summary>The filter of the model whose <c>Table&lt;T&gt;</c> is <paramref name="tableType"/>, or null.</summary>
    internal ModelFilter? FilterOfTable(Type tableType) => _byTable?.GetValueOrDefault(tableType);
}

using Linq.Contract;
using Linq.Execution;
using Npgsql;

namespace Linq.Writing.Caching;

/// <summary>
/// One column of a cached createMany unnest statement: which column of the collected rows fills its array, and the
/// array's element and array entries (looked up once per cached shape), so a hit makes the typed array and binds it
/// without a LINQ pass over the rows or a lookup of the types.
/// </summary>
internal sealed class UnnestColumn
{
    private readonly int _ordinal;
    private readonly ScalarType _element;
    private readonly ScalarType? _array;

    public UnnestColumn(ColumnMetadata column)
    {
        _ordinal = column.Ordinal;
        _element = ScalarType.Get(column.ClrType);
        _array = ScalarType.Find(_element.ArrayClrType);
        StoreType = column.StoreType + "[]";
    }

    /// <summary>The array's PostgreSQL type (<c>text[]</c>, an enum's <c>"Role"[]</c>).</summary>
    public string StoreType { get; }

    /// <summary>The column's values over <paramref name="rows"/> (each of which sets it), as one typed array.</summary>
    public Array Values(List<RowCollector> rows)
    {
        var array = _element.NewArray(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            _element.SetItem(array, i, rows[i][_ordinal]);
        }

        return array;
    }

    /// <summary>The array of <paramref name="rows"/> as a typed driver parameter.</summary>
    public NpgsqlParameter Bind(List<RowCollector> rows) => BoxedValueParameter.Bind(ParameterBinder.Instance, Values(rows), _array, StoreType);
}

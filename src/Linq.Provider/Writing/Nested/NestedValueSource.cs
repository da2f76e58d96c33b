using Linq.Contract;
using Linq.Execution;
using Linq.Sql.Syntax;
using Npgsql;

namespace Linq.Writing.Nested;

/// <summary>
/// Where one parameter of a cached nested-create statement takes its value from, by the position of the collected rows
/// in the order <see cref="NestedCreateShape"/> collects them: a constant of the shape (a table name, a row count, the
/// ordinals joining drawn identities), one row's column, or one column over several rows as an array (unnest).
/// </summary>
internal sealed class NestedValueSource
{
    private readonly SqlParameterExpression? _constant;
    private readonly Type? _elementType;
    private readonly int[]? _rows;
    private readonly int _ordinal;
    private readonly string? _storeType;
    private readonly ScalarType? _arrayType; // the typed array's entry, looked up once per cached statement
    private readonly ScalarType? _elementScalar; // makes and fills the typed array without an object[] in between

    private NestedValueSource(SqlParameterExpression? constant, Type? elementType, int[]? rows, int ordinal, string? storeType)
    {
        _constant = constant;
        _elementType = elementType;
        _rows = rows;
        _ordinal = ordinal;
        _storeType = storeType;
        _arrayType = elementType is null ? null : ScalarType.Find(ArrayConverter.ArrayType(elementType));
        _elementScalar = elementType is null ? null : ScalarType.Get(elementType);
    }

    /// <summary>A value that is the same for every input of the shape (the node is bound again each time).</summary>
    public static NestedValueSource Constant(SqlParameterExpression node) => new(node, null, null, 0, null);

    /// <summary>One row's column, sent as a value known only as object (as the builder sends it).</summary>
    public static NestedValueSource Cell(int row, int ordinal, string? storeType) => new(null, null, [row], ordinal, storeType);

    /// <summary>One column of several rows, as an array of <paramref name="elementType"/>.</summary>
    public static NestedValueSource Column(Type elementType, int[] rows, int ordinal, string? storeType) => new(null, elementType, rows, ordinal, storeType);

    /// <summary>The parameter for this execution, from the rows collected for it.</summary>
    public NpgsqlParameter Bind(List<RowCollector> rows)
    {
        if (_constant is not null)
        {
            return _constant.Bind(ParameterBinder.Instance, null);
        }

        if (_elementType is null)
        {
            var value = rows[_rows![0]][_ordinal];
            return BoxedValueParameter.Bind(ParameterBinder.Instance, value, value is null ? null : ScalarType.Find(value.GetType()), _storeType);
        }

        var array = _elementScalar!.NewArray(_rows!.Length);
        for (var i = 0; i < _rows.Length; i++)
        {
            _elementScalar.SetItem(array, i, rows[_rows[i]][_ordinal]);
        }

        return BoxedValueParameter.Bind(ParameterBinder.Instance, array, _arrayType, _storeType);
    }
}

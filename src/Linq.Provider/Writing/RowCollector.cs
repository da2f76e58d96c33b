using Linq.Contract;
using Linq.Execution;

namespace Linq.Writing;

/// <summary>
/// Records one create input as column values (boxed, for building column arrays and COPY rows) and which columns it
/// sets. Values sit in an array indexed by column ordinal and the set columns in a bit mask, so collecting a row of a
/// createMany costs one small array rather than a dictionary.
/// </summary>
internal sealed class RowCollector : IColumnValueWriter, ICopyRow
{
    private object?[] _values;
    private int _offset; // where the row starts in _values (rows of one nested create share one array)
    private int _length;
    private ulong _bits;
    private SortedSet<int>? _wide; // ordinals from 64 on, for very wide models

    public RowCollector()
        : this(8)
    {
    }

    /// <summary>A row of a model with <paramref name="columns"/> columns: its values array is sized once, exactly.</summary>
    public RowCollector(int columns) => (_values, _length) = (new object?[Math.Max(columns, 1)], Math.Max(columns, 1));

    /// <summary>A row stored in <paramref name="columns"/> slots of <paramref name="values"/> from <paramref name="offset"/> on, shared with other rows.</summary>
    public RowCollector(object?[] values, int offset, int columns) => (_values, _offset, _length) = (values, offset, columns);

    /// <summary>Makes this collector an empty row at <paramref name="offset"/> of <paramref name="values"/> (a collector reused by a pooled nested-create shape).</summary>
    public void Reset(object?[] values, int offset, int columns) => (_values, _offset, _length, _bits, _wide) = (values, offset, columns, 0, null);

    /// <summary>How many columns the row sets.</summary>
    public int Count => System.Numerics.BitOperations.PopCount(_bits) + (_wide?.Count ?? 0);

    /// <summary>The set columns' ordinals, ascending.</summary>
    public IEnumerable<int> Ordinals
    {
        get
        {
            for (var bits = _bits; bits != 0; bits &= bits - 1)
            {
                yield return System.Numerics.BitOperations.TrailingZeroCount(bits);
            }

            foreach (var ordinal in _wide ?? [])
            {
                yield return ordinal;
            }
        }
    }

    /// <summary>The value of a set column (null for SQL NULL).</summary>
    public object? this[int ordinal] => Has(ordinal) ? _values[_offset + ordinal] : throw new KeyNotFoundException($"Column {ordinal} is not set.");

    /// <summary>The set columns, as a key that groups rows insertable by one statement.</summary>
    public RowShape Mask => new(_bits, _wide is null ? null : string.Join(",", _wide));

    /// <summary>
    /// The set columns below ordinal 64 whose value is NULL, as bits: a level whose rows all set a column to NULL sends
    /// it as a NULL literal rather than a parameter array of NULLs (see <c>NestedCreateBuilder</c>).
    /// </summary>
    public ulong NullBits
    {
        get
        {
            var nulls = 0UL;
            for (var bits = _bits; bits != 0; bits &= bits - 1)
            {
                var ordinal = System.Numerics.BitOperations.TrailingZeroCount(bits);
                if (_values[_offset + ordinal] is null)
                {
                    nulls |= 1UL << ordinal;
                }
            }

            return nulls;
        }
    }

    /// <summary>The set columns below ordinal 64, as bits.</summary>
    public ulong Bits => _bits;

    /// <summary>
    /// The columns (below ordinal 64) that are NULL in every row of <paramref name="rows"/> that sets them: such a column
    /// can be written as a NULL literal for the whole level, which stores exactly what the NULL parameters would.
    /// </summary>
    public static ulong NullWhereverSet(List<RowCollector> rows, int start, int count)
    {
        var nulls = ulong.MaxValue;
        for (var i = start; i < start + count; i++)
        {
            nulls &= rows[i].NullBits | ~rows[i]._bits;
        }

        return nulls;
    }

    public bool Has(int ordinal) => ordinal < 64 ? (_bits & (1UL << ordinal)) != 0 : _wide?.Contains(ordinal) == true;

    public bool TryGet(int ordinal, out object? value)
    {
        value = Has(ordinal) ? _values[_offset + ordinal] : null;
        return Has(ordinal);
    }

    public void Write<TValue>(ColumnMetadata column, TValue value)
    {
        ColumnValueCheck.Check(column, value);
        Set(column.Ordinal, value);
    }

    public void WriteNull(ColumnMetadata column) => Set(column.Ordinal, null);

    public void WriteDefault(ColumnMetadata column)
    {
    }

    private void Set(int ordinal, object? value)
    {
        if (ordinal >= _length)
        {
            // Past its slots (more columns than announced): the row moves to an array of its own.
            var grown = new object?[Math.Max(ordinal + 1, _length * 2)];
            Array.Copy(_values, _offset, grown, 0, _length);
            (_values, _offset, _length) = (grown, 0, grown.Length);
        }

        _values[_offset + ordinal] = value;
        if (ordinal < 64)
        {
            _bits |= 1UL << ordinal;
        }
        else
        {
            (_wide ??= []).Add(ordinal);
        }
    }

    /// <summary>Which columns a row sets: rows of one shape share a statement (or a COPY).</summary>
    internal readonly record struct RowShape(ulong Bits, string? Wide);
}

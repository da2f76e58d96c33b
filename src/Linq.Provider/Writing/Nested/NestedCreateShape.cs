using Linq.Contract;

namespace Linq.Writing.Nested;

/// <summary>
/// A nested create of the shape the statement cache serves: a root row with creates of child rows under to-many or
/// to-one relations whose foreign key is on the child, the children without nested writes of their own (no connects,
/// no createMany, no many-to-many). Collects every row once (root first, then each relation's children in order, the
/// order <see cref="NestedCreateBuilder"/> walks them) and the key that decides the statement's text: the root's set
/// columns, and per relation its position, the number of children and each child's set columns, and per level the
/// columns NULL in every row that sets them (written as a literal). No other value enters it.
/// </summary>
internal sealed class NestedCreateShape
{
    // The largest value array a released shape keeps for its thread's next nested create (bigger ones are left to the GC).
    private const int MaxKeptSlots = 4096;

    // One released shape per thread, reused by the thread's next nested create: its row collectors, their list and
    // the value array are then not allocated again on every call. A shape is used synchronously between Of and Release
    // (the statement is bound before the first await), so a thread never hands out a shape that is still in use; a
    // nested create inside another (taken while the slot is empty) simply gets a new one.
    [ThreadStatic]
    private static NestedCreateShape? t_spare;

    private char[] _key = [];
    private ICreateInput _root = null!;
    private List<RelationWrites> _writes = null!;
    private int _length;
    private object?[] _slab = [];
    private int _used;
    private readonly List<RowCollector> _collectors = []; // every collector this shape has made, reused in order

    private NestedCreateShape()
    {
    }

    // Sized exactly: rows and key are known from the counts before anything is collected.
    private static NestedCreateShape Take(ICreateInput root, List<RelationWrites> writes, int rows, int relations, int slots)
    {
        var shape = t_spare ?? new NestedCreateShape();
        t_spare = null;
        shape._root = root;
        shape._writes = writes;
        shape.Rows.Clear();
        shape.Rows.EnsureCapacity(rows);
        if (shape._slab.Length < slots)
        {
            shape._slab = new object?[slots];
        }

        shape._used = 0;
        shape._length = 0;
        shape._key = System.Buffers.ArrayPool<char>.Shared.Rent((rows * 5) + (relations * 7) + 4);
        return shape;
    }

    /// <summary>The inputs in collection order (root first), listed only when a statement is built (a cache miss).</summary>
    public List<ICreateInput> Inputs()
    {
        var inputs = new List<ICreateInput>(Rows.Count) { _root };
        foreach (var relationWrites in _writes)
        {
            inputs.AddRange(relationWrites.Create);
        }

        return inputs;
    }

    /// <summary>Their collected rows, in the same order.</summary>
    public List<RowCollector> Rows { get; } = [];

    public ReadOnlySpan<char> Key => _key.AsSpan(0, _length);

    /// <summary>
    /// Hands the key's buffer back to the pool (rented, so a cache hit allocates no key) and the shape to its thread for
    /// the next nested create, its values cleared (it keeps no caller's object alive); nothing of it may be used after.
    /// </summary>
    public void Release()
    {
        var key = _key;
        _key = [];
        _length = 0;
        if (key.Length > 0)
        {
            System.Buffers.ArrayPool<char>.Shared.Return(key);
        }

        Array.Clear(_slab, 0, Math.Min(_used, _slab.Length));
        _used = 0;
        _root = null!;
        _writes = null!;
        Rows.Clear();
        if (_slab.Length <= MaxKeptSlots)
        {
            t_spare = this;
        }
    }

    /// <summary>The shape of <paramref name="input"/>, or null when its nested writes are not of the cached kind.</summary>
    public static NestedCreateShape? Of(ModelMetadata model, ICreateInput input, List<RelationWrites> writes)
    {
        var rows = 1;
        foreach (var relationWrites in writes)
        {
            var relation = relationWrites.Relation;
            if (relation.IsOwner || relation.JoinTable is not null || !relationWrites.CreatesOnly || relationWrites.Create.Count > char.MaxValue
                || IndexOf(model, relation) < 0)
            {
                return null;
            }

            rows += relationWrites.Create.Count;
        }

        // Every row's values in one array: the root's columns, then each relation's children's.
        var slots = model.Columns.Count;
        foreach (var relationWrites in writes)
        {
            slots += relationWrites.Create.Count * relationWrites.Relation.Target.Columns.Count;
        }

        var shape = Take(input, writes, rows, writes.Count, slots);
        if (!shape.Add(input, model))
        {
            shape.Release();
            return null;
        }

        shape.AppendBits(RowCollector.NullWhereverSet(shape.Rows, 0, 1));

        RelationProbe? probe = null;
        foreach (var relationWrites in writes)
        {
            shape.Append('r');
            shape.Append((char)IndexOf(model, relationWrites.Relation));
            shape.Append((char)relationWrites.Create.Count);
            probe ??= new RelationProbe();
            var first = shape.Rows.Count;
            var children = relationWrites.Create;
            for (var i = 0; i < children.Count; i++)
            {
                var child = children[i];
                if (RelationProbe.Has(child, probe) || !shape.Add(child, relationWrites.Relation.Target))
                {
                    shape.Release();
                    return null;
                }
            }

            // The builder writes a column NULL in every row of a level as a literal: part of the text, so of the key.
            shape.AppendBits(RowCollector.NullWhereverSet(shape.Rows, first, shape.Rows.Count - first));
        }

        return shape;
    }

    private static int IndexOf(ModelMetadata model, RelationMetadata relation)
    {
        for (var i = 0; i < model.Relations.Count; i++)
        {
            if (ReferenceEquals(model.Relations[i], relation))
            {
                return i;
            }
        }

        return -1;
    }

    // A row and its set columns (64 bits as four chars); a row of a model wider than 64 columns is not cached.
    private bool Add(ICreateInput input, ModelMetadata model)
    {
        RowCollector row;
        if (Rows.Count < _collectors.Count)
        {
            row = _collectors[Rows.Count];
            row.Reset(_slab, _used, model.Columns.Count);
        }
        else
        {
            row = new RowCollector(_slab, _used, model.Columns.Count);
            _collectors.Add(row);
        }

        _used += model.Columns.Count;
        input.WriteTo(row);
        var mask = row.Mask;
        if (mask.Wide is not null)
        {
            return false;
        }

        Rows.Add(row);
        Append('c');
        AppendBits(mask.Bits);
        return true;
    }

    private void AppendBits(ulong bits)
    {
        for (var shift = 0; shift < 64; shift += 16)
        {
            Append((char)(bits >> shift));
        }
    }

    private void Append(char c) => _key[_length++] = c;
}

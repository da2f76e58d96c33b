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
    private readonly char[] _key;
    private int _length;

    // Sized exactly: rows and key are known from the counts before anything is collected.
    private NestedCreateShape(int rows, int relations)
    {
        Inputs = new List<ICreateInput>(rows);
        Rows = new List<RowCollector>(rows);
        _key = new char[(rows * 5) + (relations * 7) + 4];
    }

    /// <summary>The inputs in collection order (root first).</summary>
    public List<ICreateInput> Inputs { get; }

    /// <summary>Their collected rows, in the same order.</summary>
    public List<RowCollector> Rows { get; }

    public ReadOnlySpan<char> Key => _key.AsSpan(0, _length);

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

        var shape = new NestedCreateShape(rows, writes.Count);
        if (!shape.Add(input))
        {
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
            foreach (var child in relationWrites.Create)
            {
                if (RelationProbe.Has(child, probe) || !shape.Add(child))
                {
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
    private bool Add(ICreateInput input)
    {
        var row = new RowCollector();
        input.WriteTo(row);
        var mask = row.Mask;
        if (mask.Wide is not null)
        {
            return false;
        }

        Inputs.Add(input);
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

using Linq.Contract;
using Linq.Execution;
using Linq.Sql.Rendering;
using Linq.Sql.Syntax;
using Linq.Writing.Caching;
using Npgsql;

namespace Linq.Writing.Nested;

/// <summary>
/// The creates of new children under the row a nested update changes, cached by shape as a nested create's are
/// (<see cref="NestedCreateCache"/>): children of a to-many relation, or of a to-one relation whose foreign key is on
/// the child, without nested writes of their own and with no connect, connectOrCreate, createMany or skipDuplicates
/// next to them. The shape is the relation, the number of children, each child's set columns, the columns NULL in every
/// row that sets them (a literal in the text), and the parent's key columns. A hit binds the collected rows' values and
/// the parent's key to the cached text; any other create is built by <see cref="NestedCreateBuilder"/> on every call.
/// </summary>
/// <remarks>
/// A text is cached only when the builder took exactly the collected rows in order, added no checks, and every rendered
/// parameter is either the next node it recorded (with where its value comes from) or the next node of the parent's key.
/// </remarks>
internal static class NestedUpdateCreates
{
    private static readonly ShapeStore<Entry> Statements = new();

    /// <summary>How many shapes are known (tests).</summary>
    public static int Count => Statements.Count;

    /// <summary>Whether <paramref name="writes"/> is of the kind this cache serves.</summary>
    public static bool Serves(RelationWrites writes) =>
        !writes.Relation.IsOwner && writes.Relation.JoinTable is null && writes.NewRowsOnly && writes.Create.Count is > 0 and <= char.MaxValue;

    /// <summary>
    /// The step creating <paramref name="writes"/>' children under the parent row <paramref name="writeParentKey"/> selects
    /// (recording its key's parameters in order in the shape); null when a child carries nested writes
    /// or sets a column past the 64th (the builder then plans the step as before).
    /// </summary>
    public static WriteStep? Step(ModelMetadata parent, RelationWrites writes, Func<WriteShape, SqlSelectStatement> writeParentKey, LinqDatabase database)
    {
        var child = writes.Relation.Target;
        var children = writes.Create;
        var shape = NestedStepCache.Start('c', writes.Relation, reuse: true);
        shape.Mark((char)children.Count);
        var rows = new List<RowCollector>(children.Count);
        var probe = new RelationProbe();
        for (var i = 0; i < children.Count; i++)
        {
            var row = new RowCollector(child.Columns.Count);
            if (RelationProbe.Has(children[i], probe))
            {
                shape.Release();
                return null;
            }

            children[i].WriteTo(row);
            if (row.Mask.Wide is not null)
            {
                shape.Release();
                return null;
            }

            shape.Mark('r');
            Bits(shape, row.Mask.Bits);
            rows.Add(row);
        }

        Bits(shape, RowCollector.NullWhereverSet(rows, 0, rows.Count));
        var parentKey = writeParentKey(shape);
        var found = Statements.TryGet(shape.Key, out var cached);
        if (cached is not null)
        {
            var parameters = new NpgsqlParameter[cached.Sources.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                var (keyIndex, source) = cached.Sources[i];
                parameters[i] = source is null ? shape.Parameters[keyIndex].Bind(ParameterBinder.Instance, null) : source.Bind(rows);
            }

            shape.Release();
            NestedStepCache.Served();
            return new WriteStep(cached.Sql, parameters) { ReturnsRows = true };
        }

        var recording = new NestedCreateRecording([.. children], rows);
        var builder = new NestedCreateBuilder(recording);
        builder.AddUnderExisting(parent, writes, parentKey, database);
        var rendered = PostgresRenderer.Render(builder.Build(null, null));
        if (!found)
        {
            Statements.Remember(shape.Key, builder.Checks.Count == 0 && recording.Usable ? Reusable(rendered, recording, shape.Parameters) : null);
        }

        shape.Release();
        return new WriteStep(rendered.Text, ParameterBinder.Bind(rendered.Parameters, null)) { ReturnsRows = true, Checks = builder.Checks };
    }

    // Every rendered parameter: the builder's next recorded node, or the parent key's next node; all of both, in order.
    private static Entry? Reusable(RenderedSql rendered, NestedCreateRecording recording, List<SqlParameterExpression> key)
    {
        var sources = new (int, NestedValueSource?)[rendered.Parameters.Count];
        int built = 0, keyed = 0;
        for (var i = 0; i < sources.Length; i++)
        {
            var node = rendered.Parameters[i];
            if (built < recording.Parameters.Count && ReferenceEquals(node, recording.Parameters[built].Node))
            {
                sources[i] = (-1, recording.Parameters[built++].Source);
            }
            else if (keyed < key.Count && ReferenceEquals(node, key[keyed]))
            {
                sources[i] = (keyed++, null);
            }
            else
            {
                return null;
            }
        }

        return built == recording.Parameters.Count && keyed == key.Count ? new Entry(rendered.Text, sources) : null;
    }

    private static void Bits(WriteShape shape, ulong bits)
    {
        for (var shift = 0; shift < 64; shift += 16)
        {
            shape.Mark((char)(bits >> shift));
        }
    }

    /// <summary>A cached text and, per <c>$n</c>, the parent key's parameter index or the rows' value source.</summary>
    private sealed record Entry(string Sql, (int KeyIndex, NestedValueSource? Source)[] Sources);
}

using System.ComponentModel;
using System.Linq.Expressions;
using System.Reflection;
using Npgsql;

namespace Linq.Contract;

/// <summary>Metadata plus the generated, reflection-free materializer of one model type.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ModelMetadata<T> : ModelMetadata
    where T : class
{
    /// <summary>Created by generated code only; also makes the model's results reachable by the result cache's distributed tier.</summary>
    public ModelMetadata(string tableName, IReadOnlyList<ColumnMetadata> columns, KeyMetadata primaryKey,
        IReadOnlyList<KeyMetadata> uniqueKeys, IReadOnlyList<KeyMetadata> indexes, IReadOnlyList<RelationMetadata> relations)
        : base(typeof(T), tableName, columns, primaryKey, uniqueKeys, indexes, relations)
    {
        // Typed delegates in a generic static: the result cache finds a model's codec from the result type at compile time, not by reflection.
        ModelCacheWriter.Roots<T>.Write = WriteEntity;
        ModelCacheWriter.Roots<T>.Read = ReadEntity;
    }

    /// <summary>
    /// Writes one entity, its columns and its navigations (whatever the query loaded), for the result cache's distributed
    /// tier. Generated per model; the base refuses, and such a model's results stay in memory only.
    /// </summary>
    public virtual void WriteCached(ModelCacheWriter writer, T entity) =>
        throw new NotSupportedException("Model " + Name + " has no generated cache codec; its cached results stay in memory.");

    /// <summary>Reads back one entity written by <see cref="WriteCached"/>, in the same order.</summary>
    public virtual T ReadCached(ModelCacheReader reader) =>
        throw new NotSupportedException("Model " + Name + " has no generated cache codec; its cached results stay in memory.");

    internal void WriteEntity(ModelCacheWriter writer, T? entity)
    {
        if (entity is null)
        {
            writer.WriteNull();
            return;
        }

        writer.Enter(entity);
        WriteCached(writer, entity);
        writer.Leave();
    }

    internal T? ReadEntity(ModelCacheReader reader) => reader.NextIsNull() ? null : ReadCached(reader);
    /// <summary>
    /// Reads one entity from the current row: column <c>i</c> of <see cref="ModelMetadata.Columns"/> is at
    /// ordinal <paramref name="offset"/> + i, read with typed <c>GetFieldValue&lt;T&gt;</c> (no boxing).
    /// </summary>
    public abstract T Materialize(NpgsqlDataReader reader, int offset);

    private Func<NpgsqlDataReader, T>? _rowReader;

    /// <summary>
    /// Reads one entity from the JSON array PostgreSQL built for a related row (<c>json_build_array</c> of the
    /// columns in <see cref="ModelMetadata.Columns"/> order). The reader is on the array's start; afterwards it
    /// is on the last column's value, so the caller can read what follows (nested relations) and the end.
    /// </summary>
    public abstract T MaterializeJson(ref System.Text.Json.Utf8JsonReader reader);

    /// <summary>
    /// Reads one array per column (<c>array_agg</c> of each column of related rows), starting at ordinal
    /// <paramref name="offset"/>; a NULL aggregate (no related rows) reads as an empty array.
    /// </summary>
    public abstract Array[] ReadColumnArrays(NpgsqlDataReader reader, int offset);

    /// <summary>The entity at <paramref name="index"/> of column arrays read by <see cref="ReadColumnArrays"/>.</summary>
    public abstract T MaterializeFromArrays(Array[] columns, int index);

    /// <inheritdoc />
    public sealed override object MaterializeFromArraysObject(Array[] columns, int index) => MaterializeFromArrays(columns, index);

    /// <inheritdoc />
    public sealed override Array[] ReadColumnArraysObject(NpgsqlDataReader reader, int offset) => ReadColumnArrays(reader, offset);

    /// <inheritdoc />
    public sealed override object MaterializeObject(NpgsqlDataReader reader, int offset) => Materialize(reader, offset);

    /// <inheritdoc />
    public sealed override object MaterializeJsonObject(ref System.Text.Json.Utf8JsonReader reader) => MaterializeJson(ref reader);

    /// <inheritdoc />
    public sealed override System.Collections.IList CreateObjectList(int capacity) => new List<T>(capacity);

    internal sealed override System.Collections.IList CopyList(List<object> rows, int start, int count)
    {
        var list = new List<T>(count);
        System.Runtime.InteropServices.CollectionsMarshal.SetCount(list, count);
        var items = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list);
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = (T)rows[start + i];
        }

        return list;
    }

    /// <summary>
    /// The property of column <paramref name="ordinal"/> (of <see cref="ModelMetadata.Columns"/>) as the expression tree
    /// <c>e =&gt; e.Property</c>, written by the generator so that the property is reached without looking it up by name.
    /// </summary>
    public abstract LambdaExpression PropertyExpression(int ordinal);

    /// <inheritdoc />
    public sealed override MemberInfo PropertyOf(ColumnMetadata column) => ((MemberExpression)PropertyExpression(column.Ordinal).Body).Member;

    internal sealed override Expression MaterializeExpression(Expression reader, int offset, int? keyOrdinal) => keyOrdinal is { } key
        ? Expression.Call(Calls.MaterializeOptional, Expression.Constant(this, typeof(ModelMetadata<T>)), reader, Expression.Constant(offset), Expression.Constant(key))
        : Expression.Call(Calls.Materialize, Expression.Constant(this, typeof(ModelMetadata<T>)), reader, Expression.Constant(offset));

    internal sealed override Delegate RowReader => _rowReader ??= reader => Materialize(reader, 0);

    private static T Read(ModelMetadata<T> model, NpgsqlDataReader reader, int offset) => model.Materialize(reader, offset);

    // A row reached over an optional join is absent when its primary key is NULL.
    private static T? ReadOptional(ModelMetadata<T> model, NpgsqlDataReader reader, int offset, int keyOrdinal) =>
        reader.IsDBNull(keyOrdinal) ? null : model.Materialize(reader, offset);

    // The shaper's calls, closed over T here (ldtoken in expression trees), never closed over a run-time type by reflection; built on first use.
    private static class Calls
    {
        public static readonly MethodInfo Materialize =
            ((MethodCallExpression)((Expression<Func<ModelMetadata<T>, NpgsqlDataReader, int, T>>)((m, r, o) => Read(m, r, o))).Body).Method;

        public static readonly MethodInfo MaterializeOptional =
            ((MethodCallExpression)((Expression<Func<ModelMetadata<T>, NpgsqlDataReader, int, int, T?>>)((m, r, o, k) => ReadOptional(m, r, o, k))).Body).Method;
    }
}

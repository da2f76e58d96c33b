using Npgsql;

namespace Linq.Modeling;

/// <summary>Metadata plus the generated, reflection-free materializer of one model type.</summary>
public abstract class ModelMetadata<T>(string tableName, IReadOnlyList<ColumnMetadata> columns, KeyMetadata primaryKey,
    IReadOnlyList<KeyMetadata> uniqueKeys, IReadOnlyList<KeyMetadata> indexes, IReadOnlyList<RelationMetadata> relations)
    : ModelMetadata(typeof(T), tableName, columns, primaryKey, uniqueKeys, indexes, relations)
    where T : class
{
    /// <summary>
    /// Reads one entity from the current row: column <c>i</c> of <see cref="ModelMetadata.Columns"/> is at
    /// ordinal <paramref name="offset"/> + i, read with typed <c>GetFieldValue&lt;T&gt;</c> (no boxing).
    /// </summary>
    public abstract T Materialize(NpgsqlDataReader reader, int offset);
}

using System.Collections.Frozen;
using System.ComponentModel;
using Linq.Sql.Schema;

namespace Linq.Contract;

/// <summary>
/// Everything the runtime knows about one model, emitted by the source generator. The runtime never
/// inspects model types by reflection: it reads this.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ModelMetadata
{
    private readonly FrozenDictionary<string, ColumnMetadata> _columnsByProperty;
    private readonly FrozenDictionary<string, RelationMetadata> _relationsByProperty;

    /// <summary>Created by generated code only.</summary>
    protected ModelMetadata(Type clrType, string tableName, IReadOnlyList<ColumnMetadata> columns, KeyMetadata primaryKey,
        IReadOnlyList<KeyMetadata> uniqueKeys, IReadOnlyList<KeyMetadata> indexes, IReadOnlyList<RelationMetadata> relations)
    {
        ClrType = clrType;
        Name = clrType.Name;
        TableName = tableName;
        Columns = columns;
        PrimaryKey = primaryKey;
        UniqueKeys = uniqueKeys;
        Indexes = indexes;
        Relations = relations;
        foreach (var column in columns)
        {
            column.ModelName = Name;
        }

        _columnsByProperty = columns.ToFrozenDictionary(c => c.PropertyName, StringComparer.Ordinal);
        _relationsByProperty = relations.ToFrozenDictionary(r => r.PropertyName, StringComparer.Ordinal);
    }

    /// <summary>The model's CLR type.</summary>
    public Type ClrType { get; }

    /// <summary>The model name (the class name).</summary>
    public string Name { get; }

    /// <summary>The table name.</summary>
    public string TableName { get; }

    /// <summary>Mapped columns in declaration order.</summary>
    public IReadOnlyList<ColumnMetadata> Columns { get; }

    /// <summary>The primary key.</summary>
    public KeyMetadata PrimaryKey { get; }

    /// <summary>Unique keys other than the primary key.</summary>
    public IReadOnlyList<KeyMetadata> UniqueKeys { get; }

    /// <summary>Non-unique indexes.</summary>
    public IReadOnlyList<KeyMetadata> Indexes { get; }

    /// <summary>
    /// Whether the model reads a database view (<c>[View]</c>): read-only, left out of the schema the migrations manage,
    /// and never the end of a foreign key constraint.
    /// </summary>
    public virtual bool IsView => false;

    /// <summary>Navigation properties.</summary>
    public IReadOnlyList<RelationMetadata> Relations { get; }

    /// <summary>Reads one entity from a row (see <see cref="ModelMetadata{T}.Materialize"/>), untyped for the relation loader.</summary>
    public abstract object MaterializeObject(Npgsql.NpgsqlDataReader reader, int offset);

    /// <summary>Reads one entity from related-row JSON (see <see cref="ModelMetadata{T}.MaterializeJson"/>), untyped for the relation loader.</summary>
    public abstract object MaterializeJsonObject(ref System.Text.Json.Utf8JsonReader reader);

    /// <summary>Reads per-column arrays of related rows (see <see cref="ModelMetadata{T}.ReadColumnArrays"/>), untyped for the relation loader.</summary>
    public abstract Array[] ReadColumnArraysObject(Npgsql.NpgsqlDataReader reader, int offset);

    /// <summary>One entity from per-column arrays, untyped for the relation loader.</summary>
    public abstract object MaterializeFromArraysObject(Array[] columns, int index);

    /// <summary>
    /// Whether related rows of this model can travel as one array per column: no column is itself an array or
    /// JSON (PostgreSQL arrays cannot nest).
    /// </summary>
    public bool SupportsColumnArrays => Columns.All(c => !c.StoreType.EndsWith("[]", StringComparison.Ordinal) && c.StoreType != "jsonb");

    /// <summary>An empty <c>List&lt;T&gt;</c> of this model.</summary>
    public abstract System.Collections.IList CreateObjectList(int capacity);

    /// <summary>
    /// A <c>List&lt;T&gt;</c> of the <paramref name="count"/> entities of <paramref name="rows"/> from
    /// <paramref name="start"/>, filled through its typed <c>Add</c>: the stitching of a loaded relation level.
    /// </summary>
    internal abstract System.Collections.IList CopyList(List<object> rows, int start, int count);

    /// <summary>The property a column is mapped from (from generated code, not looked up by name).</summary>
    public abstract System.Reflection.MemberInfo PropertyOf(ColumnMetadata column);

    /// <summary>
    /// The shaper expression that reads this model's row from <paramref name="reader"/>, its first column at ordinal
    /// <paramref name="offset"/>, typed as the model. With <paramref name="keyOrdinal"/>, a row reached over an optional
    /// join reads as null when its key is NULL. Built by <see cref="ModelMetadata{T}"/>, so the call is closed over the
    /// model type by the generated code, never at run time.
    /// </summary>
    internal abstract System.Linq.Expressions.Expression MaterializeExpression(System.Linq.Expressions.Expression reader, int offset, int? keyOrdinal);

    /// <summary>
    /// A <c>Func&lt;NpgsqlDataReader, T&gt;</c> reading a row of this model from ordinal 0: the shaper of a query that
    /// returns the rows themselves, used as it is (compiled code under NativeAOT too, not an interpreted expression).
    /// </summary>
    internal abstract Delegate RowReader { get; }

    /// <summary>The column mapped from a property, or null.</summary>
    public ColumnMetadata? FindColumn(string propertyName) => _columnsByProperty.GetValueOrDefault(propertyName);

    /// <summary>The navigation with that property name, or null.</summary>
    public RelationMetadata? FindRelation(string propertyName) => _relationsByProperty.GetValueOrDefault(propertyName);

    /// <summary>The column mapped from a property; throws when there is none.</summary>
    public ColumnMetadata GetColumn(string propertyName) =>
        FindColumn(propertyName) ?? throw new InvalidOperationException($"Model '{Name}' has no mapped property '{propertyName}'.");

    /// <summary>The table's DDL model, for schema creation and (later) diffing.</summary>
    public TableDefinition ToTableDefinition()
    {
        var columns = Columns.Where(c => !c.IsRowVersion).Select(c => new ColumnDefinition(c.ColumnName, c.StoreType, c.IsNullable, c.IsAutoIncrement, c.Default)).ToList();
        var uniques = UniqueKeys.Select(k => new UniqueConstraintDefinition(k.Name, ColumnNames(k))).ToList();
        var indexes = Indexes.Select(k => new IndexDefinition(k.Name, ColumnNames(k))
        {
            TextSearchConfig = k.TextSearchConfig,
            NullsFirstColumns = k.TextSearchConfig is null && !k.NullsLast ? NullableColumnNames(k.Columns) : [],
        }).ToList();

        // Foreign keys get an index unless a key or index already starts with their columns: relation loading and
        // relation filters look rows up by foreign key, and PostgreSQL does not index them by itself.
        var covered = Indexes.Where(k => k.TextSearchConfig is null).Concat(UniqueKeys).Append(PrimaryKey).Select(ColumnNames).ToList();
        // A relation to a view has no constraint (a foreign key cannot reference a view); its column is still indexed.
        foreach (var relation in Relations.Where(r => r.IsOwner))
        {
            var foreignKey = relation.ForeignKeyProperties.Select(p => GetColumn(p).ColumnName).ToList();
            if (!covered.Any(c => c.Count >= foreignKey.Count && c.Take(foreignKey.Count).SequenceEqual(foreignKey)))
            {
                indexes.Add(new IndexDefinition(TableName + "_" + string.Join("_", foreignKey) + "_idx", foreignKey)
                {
                    NullsFirstColumns = NullableColumnNames(relation.ForeignKeyProperties.Select(GetColumn)),
                });
                covered.Add(foreignKey);
            }
        }
        var foreignKeys = Relations.Where(r => r.IsOwner && !r.Target.IsView).Select(r => new ForeignKeyDefinition(
            r.ConstraintName,
            r.ForeignKeyProperties.Select(p => GetColumn(p).ColumnName).ToList(),
            r.Target.TableName,
            r.ReferencedProperties.Select(p => r.Target.GetColumn(p).ColumnName).ToList(),
            r.OnDelete,
            r.OnUpdate)).ToList();
        // The database refuses, from every writer, a value no read could return; and the client can then leave out
        // the range guard of number operations on these columns.
        var checks = Columns.Where(c => !c.IsRowVersion && c.MayExceedDecimal).Select(c => CheckConstraintDefinition.DecimalRange(TableName, c.ColumnName)).ToList();
        return new TableDefinition(TableName, columns, ColumnNames(PrimaryKey), uniques, foreignKeys, indexes) { Checks = checks };
    }

    private static List<string> ColumnNames(KeyMetadata key) => key.Columns.Select(c => c.ColumnName).ToList();

    // An index puts a nullable column's NULLs first, where LINQ's ascending order has them: read forwards it serves
    // OrderBy/ThenBy (ASC NULLS FIRST), read backwards OrderByDescending/ThenByDescending (DESC NULLS LAST). A column that
    // cannot be NULL gets no option, as the translator writes no NULLS for it.
    private static List<string> NullableColumnNames(IEnumerable<ColumnMetadata> columns) =>
        columns.Where(c => c.IsNullable).Select(c => c.ColumnName).ToList();

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({TableName})";
}

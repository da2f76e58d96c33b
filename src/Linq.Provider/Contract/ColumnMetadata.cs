using System.ComponentModel;
using Linq.Sql.Schema;

namespace Linq.Contract;

/// <summary>One mapped property of a model: its column, CLR and PostgreSQL types and what the database generates.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ColumnMetadata
{
    /// <summary>Created by generated code only.</summary>
    public ColumnMetadata(int ordinal, string propertyName, string columnName, Type clrType, string storeType, bool isNullable,
        bool isPrimaryKey = false, bool isAutoIncrement = false, ColumnDefault? @default = null, Func<object, object?>? getter = null)
    {
        Getter = getter;
        Ordinal = ordinal;
        PropertyName = propertyName;
        ColumnName = columnName;
        ClrType = clrType;
        StoreType = storeType;
        IsNullable = isNullable;
        IsPrimaryKey = isPrimaryKey;
        IsAutoIncrement = isAutoIncrement;
        Default = @default;
    }

    /// <summary>Position in <see cref="ModelMetadata.Columns"/>, which is also the materializer's read order.</summary>
    public int Ordinal { get; }

    /// <summary>The C# property name.</summary>
    public string PropertyName { get; }

    /// <summary>The column name in the database.</summary>
    public string ColumnName { get; }

    /// <summary>The property's CLR type (nullable value types as <see cref="Nullable{T}"/>).</summary>
    public Type ClrType { get; }

    /// <summary>The PostgreSQL type as SQL text, e.g. <c>integer</c>, <c>timestamptz</c>, <c>"Role"</c>.</summary>
    public string StoreType { get; }

    /// <summary>Whether the column accepts NULL.</summary>
    public bool IsNullable { get; }

    /// <summary>Whether the column is part of the primary key.</summary>
    public bool IsPrimaryKey { get; }

    /// <summary>Whether the database numbers the column (identity).</summary>
    public bool IsAutoIncrement { get; }

    /// <summary>The database default, if any.</summary>
    public ColumnDefault? Default { get; }

    /// <summary>Reads the property from an entity (generated; boxes value types). Used to stitch relations loaded by separate queries.</summary>
    public Func<object, object?>? Getter { get; }

    /// <summary>
    /// Reads the property typed as itself (generated for key-like properties: a <c>Func&lt;object, int&gt;</c>,
    /// <c>Func&lt;object, long?&gt;</c>, <c>Func&lt;object, string?&gt;</c>, <c>Func&lt;object, Guid&gt;</c> …), or null. Used to
    /// stitch relations loaded by separate queries by key without boxing it.
    /// </summary>
    public Delegate? TypedGetter { get; init; }

    /// <summary>The most characters a <c>varchar(n)</c> column holds (<c>[MaxLength]</c>), or null.</summary>
    public int? MaxLength { get; init; }

    /// <summary>The precision of a <c>numeric(p, s)</c> column (<c>[Precision]</c>), or null.</summary>
    public int? Precision { get; init; }

    /// <summary>The scale of a <c>numeric(p, s)</c> column (<c>[Precision]</c>), or null.</summary>
    public int? Scale { get; init; }

    /// <summary>Whether the column is a concurrency token (<c>[ConcurrencyToken]</c>), checked when an update or delete filter compares it.</summary>
    public bool IsConcurrencyToken { get; init; }

    /// <summary>Whether the property reads the <c>xmin</c> system column (<c>[RowVersion]</c>): read-only, not part of the table's DDL.</summary>
    public bool IsRowVersion { get; init; }

    /// <summary>The name of the model the column belongs to (set by its metadata), for errors about a value.</summary>
    internal string ModelName { get; set; } = "?";

    /// <summary>Whether writes check values before sending them (length, scale, <see cref="DateTime.Kind"/>).</summary>
    internal bool ChecksValues => MaxLength is not null || Precision is not null || StoreType is "timestamp" or "timestamptz" or "date";

    /// <summary>
    /// Whether the model's type lets the column hold values a <see cref="decimal"/> cannot read back: a <c>decimal</c>
    /// property on an unconstrained <c>numeric</c> column, or on <c>numeric(p, s)</c> with more than 28 digits (which
    /// keeps every value at scale s, so its digits at that scale may pass 96 bits). Such a column gets the range CHECK
    /// in the schema, and number operations on it need the range guard unless the database bounds the column (see
    /// <c>DecimalBounds</c>).
    /// </summary>
    internal bool MayExceedDecimal =>
        (Nullable.GetUnderlyingType(ClrType) ?? ClrType) == typeof(decimal)
        && StoreType.StartsWith("numeric", StringComparison.Ordinal) && !StoreType.EndsWith("[]", StringComparison.Ordinal)
        && !PrecisionBoundsDecimal;

    /// <summary>
    /// Whether the model's <c>numeric(p, s)</c> has at most 28 digits, so every value the column's own type takes is one a
    /// <see cref="decimal"/> reads back (below 10^28 at scale s &lt;= 28: within 96 bits), the rule the range CHECK, the
    /// number operations' guard and the catalog's <c>DecimalBounds</c> follow.
    /// </summary>
    internal bool PrecisionBoundsDecimal => Precision is <= 28;

    /// <summary>Whether an insert may leave the column out.</summary>
    public bool HasDatabaseValue => IsAutoIncrement || IsRowVersion || Default is not null;

    /// <inheritdoc />
    public override string ToString() => $"{PropertyName} ({ColumnName} {StoreType})";
}

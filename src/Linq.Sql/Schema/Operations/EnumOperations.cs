using Linq.Sql.Rendering;

namespace Linq.Sql.Schema.Operations;

/// <summary><c>CREATE TYPE … AS ENUM (…)</c>.</summary>
/// <param name="Enum">The type to create.</param>
public sealed record CreateEnumOperation(EnumTypeDefinition Enum) : SchemaOperation
{
    /// <inheritdoc />
    public override string Description => $"create enum {Enum.TypeName} ({string.Join(", ", Enum.Labels.Select(StringLiteral.Quote))})";
}

/// <summary><c>DROP TYPE</c> of an enum no column uses any more.</summary>
/// <param name="Enum">The type to drop, as it is before the change.</param>
public sealed record DropEnumOperation(EnumTypeDefinition Enum) : SchemaOperation
{
    /// <inheritdoc />
    public override string Description => $"drop enum {Enum.TypeName}";
}

/// <summary><c>ALTER TYPE … ADD VALUE</c>: adds one label, placed before or after an existing one (or last).</summary>
/// <param name="Enum">The type, as it is before the change.</param>
/// <param name="Label">The new label.</param>
/// <param name="Before">The existing label it goes before, or null.</param>
/// <param name="After">The existing label it goes after, or null (with both null it goes last).</param>
public sealed record AddEnumValueOperation(EnumTypeDefinition Enum, string Label, string? Before = null, string? After = null) : SchemaOperation
{
    /// <inheritdoc />
    public override string Description => $"add value {StringLiteral.Quote(Label)} to enum {Enum.TypeName}";
}

/// <summary>
/// Rebuilds an enum type with a new list of labels, for what <c>ALTER TYPE</c> cannot do: dropping labels or
/// reordering them (and adding labels the same migration uses, which PostgreSQL forbids for <c>ADD VALUE</c>
/// inside a transaction). Renders as several statements: rename the old type to <see cref="TemporaryName"/>,
/// create the new one, convert every column through text, drop the old type. Rows that hold a dropped label make
/// the conversion fail, so the migration rolls back instead of losing them.
/// </summary>
/// <param name="From">The type before the change.</param>
/// <param name="To">The type after the change (same name and schema).</param>
/// <param name="Columns">The columns of this type (or arrays of it) to convert. Their defaults must be dropped before and set after.</param>
public sealed record RebuildEnumOperation(EnumTypeDefinition From, EnumTypeDefinition To, IReadOnlyList<EnumColumnReference> Columns) : SchemaOperation
{
    /// <summary>The labels of <see cref="From"/> that <see cref="To"/> does not have.</summary>
    public IReadOnlyList<string> RemovedLabels => From.Labels.Except(To.Labels, StringComparer.Ordinal).ToList();

    /// <summary>The labels of <see cref="To"/> that <see cref="From"/> does not have.</summary>
    public IReadOnlyList<string> AddedLabels => To.Labels.Except(From.Labels, StringComparer.Ordinal).ToList();

    /// <summary>The name the old type has while the columns are converted: <c>&lt;name&gt;_old</c>.</summary>
    public string TemporaryName => From.Name + "_old";

    /// <inheritdoc />
    public override string Description
    {
        get
        {
            var removed = RemovedLabels;
            var added = AddedLabels;
            var parts = new List<string>();
            if (removed.Count > 0)
            {
                parts.Add("drop value" + (removed.Count > 1 ? "s " : " ") + string.Join(", ", removed.Select(StringLiteral.Quote)));
            }

            if (added.Count > 0)
            {
                parts.Add("add value" + (added.Count > 1 ? "s " : " ") + string.Join(", ", added.Select(StringLiteral.Quote)));
            }

            if (parts.Count == 0)
            {
                parts.Add("reorder labels");
            }

            return $"rebuild enum {From.TypeName}: {string.Join(", ", parts)} ({string.Join(", ", To.Labels.Select(StringLiteral.Quote))})";
        }
    }
}

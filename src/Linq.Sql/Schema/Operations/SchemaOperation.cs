namespace Linq.Sql.Schema.Operations;

/// <summary>
/// One step of a schema change, produced by a schema diff and rendered by <see cref="DdlRenderer.Render"/> as one
/// statement (<see cref="RebuildEnumOperation"/> needs several, and <see cref="AddIdentityOperation"/> adds a
/// <c>setval</c> so the new sequence starts past the existing values). Operations are
/// data: they hold names and definitions, never SQL text, so rendering is the only place that quotes.
/// </summary>
public abstract record SchemaOperation
{
    private protected SchemaOperation()
    {
    }

    /// <summary>A one-line description for a migration header or a review, e.g. <c>drop column "User"."Email"</c>.</summary>
    public abstract string Description { get; }

    /// <summary>Returns <see cref="Description"/>.</summary>
    public sealed override string ToString() => Description;

    private protected static string Qualify(QualifiedName table, string column) => table.ToSql() + "." + Rendering.Identifier.Quote(column);

    private protected static string List(IReadOnlyList<string> columns) => "(" + string.Join(", ", columns.Select(Rendering.Identifier.Quote)) + ")";
}

/// <summary>A column of an enum type (or an array of it) that a <see cref="RebuildEnumOperation"/> converts.</summary>
/// <param name="Table">The table.</param>
/// <param name="Column">The column.</param>
/// <param name="IsArray">Whether the column is an array of the enum.</param>
public sealed record EnumColumnReference(QualifiedName Table, string Column, bool IsArray);

namespace Linq.Sql.Schema;

/// <summary>A foreign key constraint.</summary>
/// <param name="Name">Constraint name.</param>
/// <param name="Columns">The referencing columns, in key order.</param>
/// <param name="ReferencedTable">The referenced table.</param>
/// <param name="ReferencedColumns">The referenced columns, in key order.</param>
/// <param name="OnDelete">What deleting a referenced row does.</param>
/// <param name="OnUpdate">What updating a referenced key does.</param>
/// <param name="ReferencedSchema">The referenced table's schema, or null for the connection's current schema.</param>
public sealed record ForeignKeyDefinition(
    string Name,
    IReadOnlyList<string> Columns,
    string ReferencedTable,
    IReadOnlyList<string> ReferencedColumns,
    ReferentialAction OnDelete = ReferentialAction.Restrict,
    ReferentialAction OnUpdate = ReferentialAction.Cascade,
    string? ReferencedSchema = null)
{
    /// <summary>The referenced table's name with its schema.</summary>
    public QualifiedName ReferencedQualifiedName => new(ReferencedSchema, ReferencedTable);
}

namespace Linq.Sql.Schema;

/// <summary>A foreign key constraint.</summary>
public sealed record ForeignKeyDefinition(
    string Name,
    IReadOnlyList<string> Columns,
    string ReferencedTable,
    IReadOnlyList<string> ReferencedColumns,
    ReferentialAction OnDelete = ReferentialAction.Restrict,
    ReferentialAction OnUpdate = ReferentialAction.Cascade);

namespace Linq.Sql.Schema;

/// <summary>A whole schema: enum types and tables.</summary>
public sealed record SchemaDefinition(IReadOnlyList<EnumTypeDefinition> Enums, IReadOnlyList<TableDefinition> Tables);

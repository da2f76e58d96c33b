namespace Linq.Sql.Schema;

/// <summary>A unique constraint over one or more columns.</summary>
public sealed record UniqueConstraintDefinition(string Name, IReadOnlyList<string> Columns);

namespace Linq.Sql.Schema;

/// <summary>A (non-unique) index over one or more columns.</summary>
public sealed record IndexDefinition(string Name, IReadOnlyList<string> Columns);

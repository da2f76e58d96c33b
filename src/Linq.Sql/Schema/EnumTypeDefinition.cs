namespace Linq.Sql.Schema;

/// <summary>A PostgreSQL enum type (<c>CREATE TYPE … AS ENUM</c>).</summary>
public sealed record EnumTypeDefinition(string Name, IReadOnlyList<string> Labels);

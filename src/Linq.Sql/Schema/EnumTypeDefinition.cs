namespace Linq.Sql.Schema;

/// <summary>A PostgreSQL enum type (<c>CREATE TYPE … AS ENUM</c>).</summary>
/// <param name="Name">Type name (quoted when rendered).</param>
/// <param name="Labels">Labels in sort order.</param>
/// <param name="Schema">The schema, or null for the connection's current schema.</param>
public sealed record EnumTypeDefinition(string Name, IReadOnlyList<string> Labels, string? Schema = null)
{
    /// <summary>The type's name with its schema.</summary>
    public QualifiedName QualifiedName => new(Schema, Name);

    /// <summary>The type as a column type is written: the quoted (and, with a schema, qualified) name, e.g. <c>"Role"</c>.</summary>
    public string TypeName => QualifiedName.ToSql();
}

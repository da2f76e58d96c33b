using Linq.Sql.Rendering;

namespace Linq.Sql.Schema;

/// <summary>A schema object's name, optionally qualified by its schema.</summary>
/// <param name="Schema">The schema, or null for the connection's current schema (the name is then rendered unqualified).</param>
/// <param name="Name">The object's name.</param>
public sealed record QualifiedName(string? Schema, string Name)
{
    /// <summary>The name as SQL: <c>"name"</c> or <c>"schema"."name"</c>, each part quoted.</summary>
    public string ToSql() => Schema is null ? Identifier.Quote(Name) : Identifier.Quote(Schema) + "." + Identifier.Quote(Name);

    /// <inheritdoc />
    public override string ToString() => ToSql();
}

namespace Linq.Sql.Syntax;

/// <summary>A table in a <c>FROM</c> or <c>JOIN</c> clause: <c>"schema"."name" AS "alias"</c>.</summary>
internal sealed record SqlTableReference(string Name, string? Alias = null, string? Schema = null) : SqlTableSource;

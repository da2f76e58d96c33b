namespace Linq.Sql.Syntax;

/// <summary>A column reference <c>"alias"."column"</c>; the alias is omitted when null.</summary>
internal sealed record SqlColumnExpression(string? TableAlias, string Column) : SqlExpression;

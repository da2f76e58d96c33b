namespace Linq.Sql.Syntax;

/// <summary>A set-returning function in a <c>FROM</c> clause: <c>unnest($1, $2) AS "u"</c>.</summary>
public sealed record FunctionTable(FunctionExpression Function, string Alias) : TableSource;

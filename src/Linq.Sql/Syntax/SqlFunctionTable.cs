namespace Linq.Sql.Syntax;

/// <summary>A set-returning function in a <c>FROM</c> clause: <c>unnest($1, $2) AS "u"("a", "b")</c>.</summary>
/// <param name="Function">The function call.</param>
/// <param name="Alias">The table alias.</param>
/// <param name="ColumnAliases">Names for the function's output columns; empty keeps the function's own.</param>
internal sealed record SqlFunctionTable(SqlFunctionExpression Function, string Alias, IReadOnlyList<string>? ColumnAliases = null) : SqlTableSource;

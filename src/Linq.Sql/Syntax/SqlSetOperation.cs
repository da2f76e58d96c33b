namespace Linq.Sql.Syntax;

/// <summary>
/// Two selects combined by a set operator, read as a table: <c>((SELECT …) UNION (SELECT …)) AS "alias"</c>. Each side
/// is parenthesised, so its own ORDER BY/LIMIT/OFFSET applies to that side alone. The columns are named by the left
/// side's select list; both sides must select the same number of compatible columns.
/// </summary>
internal sealed record SqlSetOperation(SqlSetOperator Operator, SqlSelectStatement Left, SqlSelectStatement Right, string Alias) : SqlTableSource;

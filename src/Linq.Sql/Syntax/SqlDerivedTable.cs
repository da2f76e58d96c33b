namespace Linq.Sql.Syntax;

/// <summary>A subquery in a <c>FROM</c> clause: <c>(SELECT …) AS "alias"</c>.</summary>
internal sealed record SqlDerivedTable(SqlSelectStatement Query, string Alias) : SqlTableSource;

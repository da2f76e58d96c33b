namespace Linq.Sql.Syntax;

/// <summary>A row list in a <c>FROM</c> clause: <c>(VALUES ($1, $2), ($3, $4)) AS "v"("a", "b")</c>.</summary>
/// <param name="Rows">The rows; each as long as <paramref name="ColumnAliases"/>.</param>
/// <param name="Alias">The table alias.</param>
/// <param name="ColumnAliases">The column names.</param>
internal sealed record SqlValuesTable(IReadOnlyList<IReadOnlyList<SqlExpression>> Rows, string Alias, IReadOnlyList<string> ColumnAliases) : SqlTableSource;

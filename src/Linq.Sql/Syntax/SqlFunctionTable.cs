namespace Linq.Sql.Syntax;

/// <summary>A set-returning function in a <c>FROM</c> clause: <c>unnest($1, $2) AS "u"("a", "b")</c>.</summary>
/// <param name="Function">The function call.</param>
/// <param name="Alias">The table alias.</param>
/// <param name="ColumnAliases">Names for the function's output columns; empty keeps the function's own.</param>
/// <param name="WithOrdinality">
/// Adds <c>WITH ORDINALITY</c>: a last <c>bigint</c> column numbering the rows from 1 (name it last in <paramref name="ColumnAliases"/>).
/// </param>
internal sealed record SqlFunctionTable(SqlFunctionExpression Function, string Alias, IReadOnlyList<string>? ColumnAliases = null, bool WithOrdinality = false)
    : SqlTableSource;

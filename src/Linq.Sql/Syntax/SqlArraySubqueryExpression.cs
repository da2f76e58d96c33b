namespace Linq.Sql.Syntax;

/// <summary>
/// <c>ARRAY(SELECT …)</c>: the one-column rows of a subquery as an array, evaluated once per statement (an InitPlan),
/// so <c>fk = ANY(ARRAY(SELECT …))</c> probes an index with the whole key list like <c>fk = ANY($keys)</c> does.
/// </summary>
internal sealed record SqlArraySubqueryExpression(SqlSelectStatement Subquery) : SqlExpression;

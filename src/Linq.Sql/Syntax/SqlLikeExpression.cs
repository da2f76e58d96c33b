namespace Linq.Sql.Syntax;

/// <summary>
/// <c>operand LIKE pattern ESCAPE '\'</c> (or <c>ILIKE</c>). The pattern is an expression, normally a
/// parameter whose value the caller has escaped so that <c>%</c>, <c>_</c> and <c>\</c> match literally.
/// </summary>
internal sealed record SqlLikeExpression(SqlExpression Operand, SqlExpression Pattern, bool CaseInsensitive = false) : SqlExpression;

namespace Linq.Sql.Syntax;

/// <summary>
/// <c>operand COLLATE "collation"</c>: compares text in a fixed order whatever the column's collation is. The
/// collation name comes from the translator (e.g. <c>C</c> for code point order), never from input.
/// </summary>
internal sealed record SqlCollateExpression(SqlExpression Operand, string Collation) : SqlExpression;

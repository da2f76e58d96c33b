namespace Linq.Sql.Syntax;

/// <summary><c>operand::type</c>. The type name is written as is; it comes from metadata, never from input.</summary>
internal sealed record SqlCastExpression(SqlExpression Operand, string TypeName) : SqlExpression;

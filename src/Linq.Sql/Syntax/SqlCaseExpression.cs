namespace Linq.Sql.Syntax;

/// <summary>One <c>WHEN condition THEN result</c> arm.</summary>
internal sealed record SqlCaseWhen(SqlExpression Condition, SqlExpression Result);

/// <summary><c>CASE WHEN … THEN … [ELSE …] END</c>.</summary>
internal sealed record SqlCaseExpression(IReadOnlyList<SqlCaseWhen> Whens, SqlExpression? Else) : SqlExpression;

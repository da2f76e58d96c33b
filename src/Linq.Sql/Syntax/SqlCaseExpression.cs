namespace Linq.Sql.Syntax;

/// <summary>One <c>WHEN condition THEN result</c> arm.</summary>
public sealed record SqlCaseWhen(SqlExpression Condition, SqlExpression Result);

/// <summary><c>CASE WHEN … THEN … [ELSE …] END</c>.</summary>
public sealed record SqlCaseExpression(IReadOnlyList<SqlCaseWhen> Whens, SqlExpression? Else) : SqlExpression;

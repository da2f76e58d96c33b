namespace Linq.Sql.Syntax;

/// <summary>One <c>WHEN condition THEN result</c> arm.</summary>
public sealed record CaseWhen(SqlExpression Condition, SqlExpression Result);

/// <summary><c>CASE WHEN … THEN … [ELSE …] END</c>.</summary>
public sealed record CaseExpression(IReadOnlyList<CaseWhen> Whens, SqlExpression? Else) : SqlExpression;

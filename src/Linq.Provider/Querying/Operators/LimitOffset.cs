using Linq.Sql.Syntax;

namespace Linq.Querying.Operators;

/// <summary>
/// Skip and Take in LINQ order folded into one LIMIT/OFFSET pair (SQL applies OFFSET first, then LIMIT):
/// Take(a).Take(b) is LIMIT least(a, b); Take(a).Skip(b) is OFFSET b LIMIT greatest(a - b, 0).
/// </summary>
internal static class LimitOffset
{
    public static (SqlExpression? Limit, SqlExpression? Offset) Take(SqlExpression? limit, SqlExpression? offset, SqlExpression count) =>
        (limit is null ? count : new SqlFunctionExpression("LEAST", limit, count), offset);

    public static (SqlExpression? Limit, SqlExpression? Offset) Skip(SqlExpression? limit, SqlExpression? offset, SqlExpression count) =>
        (limit is null ? null : new SqlFunctionExpression("GREATEST", new SqlBinaryExpression(SqlBinaryOperator.Subtract, limit, count), SqlLiteralExpression.Integer(0)),
         offset is null ? count : new SqlBinaryExpression(SqlBinaryOperator.Add, offset, count));
}

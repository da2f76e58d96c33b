using Linq.Sql.Syntax;
using SqlBinary = Linq.Sql.Syntax.BinaryExpression;

namespace Linq.Querying;

/// <summary>
/// Skip and Take in LINQ order folded into one LIMIT/OFFSET pair (SQL applies OFFSET first, then LIMIT):
/// Take(a).Take(b) is LIMIT least(a, b); Take(a).Skip(b) is OFFSET b LIMIT greatest(a - b, 0).
/// </summary>
internal static class LimitOffset
{
    public static (SqlExpression? Limit, SqlExpression? Offset) Take(SqlExpression? limit, SqlExpression? offset, SqlExpression count) =>
        (limit is null ? count : new FunctionExpression("LEAST", limit, count), offset);

    public static (SqlExpression? Limit, SqlExpression? Offset) Skip(SqlExpression? limit, SqlExpression? offset, SqlExpression count) =>
        (limit is null ? null : new FunctionExpression("GREATEST", new SqlBinary(BinaryOperator.Subtract, limit, count), LiteralExpression.Integer(0)),
         offset is null ? count : new SqlBinary(BinaryOperator.Add, offset, count));
}

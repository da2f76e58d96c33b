using System.Linq.Expressions;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Strings;

/// <summary>
/// <c>string.CompareOrdinal(a, b)</c> and <c>string.Compare(a, b, StringComparison.Ordinal)</c> compared with zero
/// (<c>&lt; 0</c>, <c>== 0</c>, <c>&gt;= 0</c> …). .NET returns the difference of the first differing chars, so only its
/// sign has a meaning SQL can match: the SQL is the sign (null before any text, as .NET orders null), compared with a
/// parameter that must be zero when the query runs. Text is compared <c>COLLATE "C"</c>, code point order whatever
/// the column's collation: that is .NET's ordinal (UTF-16 code unit) order except between characters U+E000–U+FFFF and
/// characters outside the BMP, which UTF-16 puts first (documented). <c>CompareTo</c> and <c>Compare(a, b)</c>
/// compare with the current culture in .NET and are refused.
/// </summary>
internal static class OrdinalComparison
{
    /// <summary>The comparison when one side is an ordinal compare call and the other a value; null otherwise.</summary>
    public static SqlValue? TryTranslate(SqlExpressionTranslator translator, BinaryExpression binary)
    {
        var (call, zero, flipped) = binary.Left is MethodCallExpression left && IsCompare(left)
            ? (left, binary.Right, false)
            : binary.Right is MethodCallExpression right && IsCompare(right) ? (right, binary.Left, true) : (null, binary.Left, false);
        if (call is null)
        {
            return null;
        }

        var (a, b) = Operands(call);
        if (!SqlExpressionTranslator.IsValue(zero))
        {
            throw new QueryTranslationException(binary, "an ordinal string comparison can only be compared with 0.", "Write string.CompareOrdinal(a, b) < 0 (or == 0, > 0 …).");
        }

        var (l, r) = translator.Operands(a, b);
        var sign = Sign(l, r);
        var zeroSql = translator.Value(zero, "integer", v => v is 0 ? 0
            : throw new QueryTranslationException(binary, "an ordinal string comparison can only be compared with 0 (.NET returns the difference of the first differing chars).",
                "Write string.CompareOrdinal(a, b) < 0 (or == 0, > 0 …)."), typeof(int)).Sql;
        var op = binary.NodeType switch
        {
            ExpressionType.Equal => SqlBinaryOperator.Equal,
            ExpressionType.NotEqual => SqlBinaryOperator.NotEqual,
            ExpressionType.LessThan => flipped ? SqlBinaryOperator.GreaterThan : SqlBinaryOperator.LessThan,
            ExpressionType.LessThanOrEqual => flipped ? SqlBinaryOperator.GreaterThanOrEqual : SqlBinaryOperator.LessThanOrEqual,
            ExpressionType.GreaterThan => flipped ? SqlBinaryOperator.LessThan : SqlBinaryOperator.GreaterThan,
            _ => flipped ? SqlBinaryOperator.LessThanOrEqual : SqlBinaryOperator.GreaterThanOrEqual,
        };
        return new SqlValue(new SqlBinaryExpression(op, sign, zeroSql), false);
    }

    /// <summary>A compare call used as a value on its own: refused, its number has no SQL equivalent.</summary>
    public static SqlValue Standalone(MethodCallExpression call)
    {
        if (IsCompare(call))
        {
            throw new QueryTranslationException(call, "the number an ordinal string comparison returns (the difference of the first differing chars) has no SQL translation.",
                "Compare it with 0 (string.CompareOrdinal(a, b) < 0), or order by the strings themselves.");
        }

        throw new QueryTranslationException(call, $"string.{call.Method.Name} compares with the current culture in .NET, which SQL cannot repeat.",
            "Compare ordinally: string.CompareOrdinal(a, b) < 0 or string.Compare(a, b, StringComparison.Ordinal) < 0.");
    }

    private static bool IsCompare(MethodCallExpression call) =>
        call.Method.DeclaringType == typeof(string) && call.Object is null && (
            (call.Method.Name == nameof(string.CompareOrdinal) && call.Arguments.Count == 2)
            || (call.Method.Name == nameof(string.Compare) && call.Arguments.Count == 3 && call.Arguments[2] is ConstantExpression { Value: StringComparison.Ordinal }));

    private static (Expression A, Expression B) Operands(MethodCallExpression call) => (call.Arguments[0], call.Arguments[1]);

    // -1, 0 or 1; a NULL string sorts before every string, two NULLs are equal (String.CompareOrdinal's null rules).
    private static SqlCaseExpression Sign(SqlValue a, SqlValue b)
    {
        var whens = new List<SqlCaseWhen>();
        if (a.MayBeNull || a.Sql == SqlLiteralExpression.Null)
        {
            SqlExpression whenANull = b.MayBeNull || b.Sql == SqlLiteralExpression.Null
                ? new SqlCaseExpression([new SqlCaseWhen(new SqlIsNullExpression(b.Sql), SqlLiteralExpression.Integer(0))], SqlLiteralExpression.Integer(-1))
                : SqlLiteralExpression.Integer(-1);
            whens.Add(new SqlCaseWhen(new SqlIsNullExpression(a.Sql), whenANull));
        }

        if (b.MayBeNull || b.Sql == SqlLiteralExpression.Null)
        {
            whens.Add(new SqlCaseWhen(new SqlIsNullExpression(b.Sql), SqlLiteralExpression.Integer(1)));
        }

        var ca = new SqlCollateExpression(a.Sql, "C");
        whens.Add(new SqlCaseWhen(new SqlBinaryExpression(SqlBinaryOperator.LessThan, ca, b.Sql), SqlLiteralExpression.Integer(-1)));
        whens.Add(new SqlCaseWhen(new SqlBinaryExpression(SqlBinaryOperator.GreaterThan, ca, b.Sql), SqlLiteralExpression.Integer(1)));
        return new SqlCaseExpression(whens, SqlLiteralExpression.Integer(0));
    }
}

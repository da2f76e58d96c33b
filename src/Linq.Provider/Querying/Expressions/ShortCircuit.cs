using Linq.Querying;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions;

/// <summary>
/// <c>&amp;&amp;</c> and <c>||</c> whose right side can fail the statement for some rows (as .NET throws for them), kept
/// behind their left side. PostgreSQL may evaluate <c>AND</c>'s and <c>OR</c>'s operands in any order (the planner sorts
/// a WHERE's conditions by cost), so the guard in <c>s.Length &gt; 3 &amp;&amp; s[3] == 'x'</c> would not be promised
/// to run first; <c>CASE</c> evaluates its branches in order. The result is the plain operator's, NULL included: the
/// right side runs only where the left does not decide.
/// </summary>
internal static class ShortCircuit
{
    /// <summary>
    /// <c>CASE WHEN NOT left THEN FALSE ELSE left AND right END</c> for <c>&amp;&amp;</c>,
    /// <c>CASE WHEN left THEN TRUE ELSE left OR right END</c> for <c>||</c>.
    /// </summary>
    /// <summary>
    /// A later <c>Where</c>'s <paramref name="next"/> predicate joined to the filters before it (<paramref name="previous"/>,
    /// null for none): LINQ's second <c>Where</c> sees only the rows the first let through, so where it can fail the
    /// statement it is guarded by them.
    /// </summary>
    public static SqlExpression ThenWhere(TranslationContext context, SqlExpression? previous, Func<SqlExpression> next)
    {
        var failures = context.Failures;
        var filter = next();
        return previous is null ? filter
            : context.Failures != failures ? Guard(previous, filter, and: true)
            : new SqlBinaryExpression(SqlBinaryOperator.And, previous, filter);
    }

    public static SqlExpression Guard(SqlExpression left, SqlExpression right, bool and) => and
        ? new SqlCaseExpression([new SqlCaseWhen(new SqlUnaryExpression(SqlUnaryOperator.Not, left), SqlLiteralExpression.False)],
            new SqlBinaryExpression(SqlBinaryOperator.And, left, right))
        : new SqlCaseExpression([new SqlCaseWhen(left, SqlLiteralExpression.True)],
            new SqlBinaryExpression(SqlBinaryOperator.Or, left, right));
}

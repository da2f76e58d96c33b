using System.Linq.Expressions;
using Linq.Querying.Expressions;
using Linq.Sql.Syntax;

namespace Linq.Querying.Operators;

/// <summary>
/// The count of a Skip or Take, with LINQ's meaning of a negative count (<c>Skip(-1)</c> skips nothing, <c>Take(-1)</c>
/// takes nothing) where PostgreSQL would refuse the statement. A value is clamped when it is bound, so the plan's SQL
/// stays <c>LIMIT $n</c>; a count computed from a row is clamped in SQL.
/// </summary>
internal static class PageCount
{
    private static readonly Func<object?, object?> NonNegative = value => value is int count && count < 0 ? 0 : value;

    /// <summary>Whether a slot's transform is the count clamp (or none): its bound value is then the count itself.</summary>
    public static bool IsCount(Func<object?, object?>? transform) => transform is null || ReferenceEquals(transform, NonNegative);

    public static SqlExpression Translate(SqlExpressionTranslator expressions, Expression count) =>
        SqlExpressionTranslator.IsValue(count)
            ? expressions.Value(count, "integer", NonNegative, typeof(int)).Sql
            : new SqlFunctionExpression("GREATEST", expressions.Translate(count).Sql, SqlLiteralExpression.Integer(0));
}

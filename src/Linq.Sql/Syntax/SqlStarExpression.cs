namespace Linq.Sql.Syntax;

/// <summary><c>*</c>, as in <c>count(*)</c>.</summary>
internal sealed record SqlStarExpression : SqlExpression
{
    private SqlStarExpression() { }

    /// <summary>The single instance.</summary>
    public static SqlStarExpression Instance { get; } = new();
}

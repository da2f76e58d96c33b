namespace Linq.Sql.Syntax;

/// <summary>The <c>DEFAULT</c> keyword in an <c>INSERT</c> value list.</summary>
public sealed record DefaultExpression : SqlExpression
{
    private DefaultExpression() { }

    /// <summary>The single instance.</summary>
    public static DefaultExpression Instance { get; } = new();
}

namespace Linq.Sql.Syntax;

/// <summary>The <c>DEFAULT</c> keyword in an <c>INSERT</c> value list.</summary>
internal sealed record SqlDefaultExpression : SqlExpression
{
    private SqlDefaultExpression() { }

    /// <summary>The single instance.</summary>
    public static SqlDefaultExpression Instance { get; } = new();
}

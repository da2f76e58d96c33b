namespace Linq.Sql.Syntax;

/// <summary><c>*</c>, as in <c>count(*)</c>.</summary>
public sealed record StarExpression : SqlExpression
{
    private StarExpression() { }

    /// <summary>The single instance.</summary>
    public static StarExpression Instance { get; } = new();
}

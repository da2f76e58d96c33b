namespace Linq.Sql.Syntax;

/// <summary>Unary SQL operators.</summary>
public enum SqlUnaryOperator
{
    /// <summary><c>NOT</c></summary>
    Not,
    /// <summary>Arithmetic negation <c>-</c>.</summary>
    Negate,
}

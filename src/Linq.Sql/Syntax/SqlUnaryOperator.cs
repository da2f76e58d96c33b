namespace Linq.Sql.Syntax;

/// <summary>Unary SQL operators.</summary>
internal enum SqlUnaryOperator
{
    /// <summary><c>NOT</c></summary>
    Not,
    /// <summary>Arithmetic negation <c>-</c>.</summary>
    Negate,
}

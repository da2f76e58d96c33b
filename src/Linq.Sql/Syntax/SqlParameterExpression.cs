namespace Linq.Sql.Syntax;

/// <summary>
/// A parameter slot. Values are never inlined into SQL text: the renderer writes <c>$n</c>
/// (n = <see cref="Index"/> + 1) and the executor binds the value positionally.
/// </summary>
/// <param name="Index">Zero-based slot index.</param>
/// <param name="TypeName">Optional PostgreSQL type to cast the slot to (e.g. <c>text[]</c>); rendered as <c>$n::type</c>.</param>
public sealed record SqlParameterExpression(int Index, string? TypeName = null) : SqlExpression;

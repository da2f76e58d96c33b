using Linq.Sql.Syntax;

namespace Linq.Sql.Rendering;

/// <summary>
/// The text of a rendered statement and its parameters in <c>$n</c> order: <c>Parameters[0]</c> is <c>$1</c>.
/// Each parameter node appears once, however often the text refers to it.
/// </summary>
internal sealed record RenderedSql(string Text, IReadOnlyList<SqlParameterExpression> Parameters)
{
    /// <summary>How many positional parameters (<c>$1…$n</c>) the text uses.</summary>
    public int ParameterCount => Parameters.Count;
}

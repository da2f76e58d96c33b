using System.Runtime.CompilerServices;
using Linq.Sql.Syntax;

namespace Linq.Sql.Rendering;

/// <summary>
/// When two parameter nodes are one <c>$n</c>: the same node, or equal nodes of a kind that says equal means the same
/// value (<see cref="SqlParameterExpression.SharesNumberWhenEqual"/>).
/// </summary>
internal sealed class SameParameter : IEqualityComparer<SqlParameterExpression>
{
    public static readonly SameParameter Instance = new();

    public bool Equals(SqlParameterExpression? x, SqlParameterExpression? y) =>
        ReferenceEquals(x, y) || (x is { SharesNumberWhenEqual: true } && x.Equals(y));

    public int GetHashCode(SqlParameterExpression obj) =>
        obj.SharesNumberWhenEqual ? obj.GetHashCode() : RuntimeHelpers.GetHashCode(obj);
}

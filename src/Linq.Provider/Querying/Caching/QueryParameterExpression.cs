using System.Linq.Expressions;

namespace Linq.Querying.Caching;

/// <summary>
/// Stands in for a captured value or constant in the tree handed to re-linq: the value itself lives in the
/// execution's value array at <see cref="Index"/>. re-linq never evaluates extension nodes, so its costly
/// partial evaluation has nothing to compile, and the plan built from this tree serves every value.
/// </summary>
internal sealed class QueryParameterExpression(int index, Type type) : Expression
{
    public int Index { get; } = index;

    public override Type Type { get; } = type;

    public override ExpressionType NodeType => ExpressionType.Extension;

    protected override Expression VisitChildren(ExpressionVisitor visitor) => this;

    public override string ToString() => $"@p{Index}";
}

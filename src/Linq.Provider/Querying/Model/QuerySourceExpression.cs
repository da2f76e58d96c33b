using System.Linq.Expressions;

namespace Linq.Querying.Model;

/// <summary>A reference to a query's row: <c>u</c> in <c>u.Email</c> once the lambda is parsed. Its type is the row's.</summary>
internal sealed class QuerySourceExpression(QuerySource source) : Expression
{
    public QuerySource Source { get; } = source;

    public override Type Type => Source.ItemType;

    public override ExpressionType NodeType => ExpressionType.Extension;

    protected override Expression VisitChildren(ExpressionVisitor visitor) => this;

    public override string ToString() => $"[{Source.Name}]";
}

using System.Linq.Expressions;

namespace Linq.Querying.Model;

/// <summary>
/// A query inside an expression: <c>u.Posts.Any(p =&gt; p.Published)</c>, <c>g.Count()</c>, <c>ids.Contains(x)</c>,
/// or the source of a query over a query. Visiting its children visits its model's expressions, so a visitor that
/// replaces references reaches into sub-queries.
/// </summary>
internal sealed class SubqueryExpression(QueryModel model, Type type) : Expression
{
    public QueryModel Model { get; } = model;

    /// <summary>What the sub-query yields: a sequence type, or the result of its last operator (a count, a row, …).</summary>
    public override Type Type { get; } = type;

    public override ExpressionType NodeType => ExpressionType.Extension;

    protected override Expression VisitChildren(ExpressionVisitor visitor)
    {
        var model = Model.Transform(e => visitor.Visit(e)!);
        return model == Model ? this : new SubqueryExpression(model, Type);
    }

    public override string ToString() => $"{{{Model}}}";
}

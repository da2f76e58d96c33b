using System.Linq.Expressions;

namespace Linq.Querying.Model;

/// <summary>
/// The match of a join: <c>Outer equals Inner</c> with LINQ's join semantics, which differ from <c>==</c>: a null
/// scalar key matches nothing (Enumerable.Join skips null keys), while the members of a composite key
/// (<c>new { a.X, a.Y }</c>) compare as the anonymous type's Equals does, null equal to null.
/// </summary>
internal sealed class JoinKeyExpression(Expression outer, Expression inner) : Expression
{
    public Expression Outer { get; } = outer;

    public Expression Inner { get; } = inner;

    public override Type Type => typeof(bool);

    public override ExpressionType NodeType => ExpressionType.Extension;

    protected override Expression VisitChildren(ExpressionVisitor visitor)
    {
        var outer = visitor.Visit(Outer)!;
        var inner = visitor.Visit(Inner)!;
        return outer == Outer && inner == Inner ? this : new JoinKeyExpression(outer, inner);
    }

    public override string ToString() => $"{Outer} equals {Inner}";
}

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

    /// <summary>
    /// Whether a captured value is a table itself (<c>db.Posts</c> captured inside a lambda), which translates as that
    /// table. A captured query over it (a variable holding <c>db.Posts.Where(…)</c>) is not: its operators are not in
    /// the tree. The difference is part of the plan's shape (see <see cref="ShapeWalker"/>).
    /// </summary>
    public static bool IsTable(object? value) => value is IQueryable queryable && queryable.Expression is ConstantExpression { Value: var root } && ReferenceEquals(root, queryable);

    public override string ToString() => $"@p{Index}";
}

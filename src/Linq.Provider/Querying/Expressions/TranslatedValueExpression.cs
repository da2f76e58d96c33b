using System.Linq.Expressions;

namespace Linq.Querying.Expressions;

/// <summary>
/// A value whose SQL is already known: a column of a derived table that stands for a part of an earlier projection
/// (<c>u.Posts.Select(p =&gt; p.Title).Distinct().OrderBy(t =&gt; t)</c> orders by the distinct rows' column).
/// </summary>
internal sealed class TranslatedValueExpression(SqlValue value, Type type) : Expression
{
    public SqlValue Value { get; } = value;

    public override Type Type { get; } = type;

    public override ExpressionType NodeType => ExpressionType.Extension;

    protected override Expression VisitChildren(ExpressionVisitor visitor) => this;

    public override string ToString() => Value.Sql.ToString() ?? "value";
}

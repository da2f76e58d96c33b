using System.Linq.Expressions;
using Linq.Contract;

namespace Linq.Querying.Expressions;

/// <summary>
/// A value read from a column of a derived table the query now reads from (the combined rows of a Union, say): it stands
/// where the selector had a computed value, so later operators and the projection read the column instead.
/// </summary>
internal sealed class DerivedColumnExpression(string alias, string column, Type type, bool mayBeNull, ColumnMetadata? metadata) : Expression
{
    public string Alias { get; } = alias;

    public string Column { get; } = column;

    public bool MayBeNull { get; } = mayBeNull;

    /// <summary>The table column behind the value on every side, when there is one (it types the parameters the value meets).</summary>
    public ColumnMetadata? Metadata { get; } = metadata;

    public override Type Type { get; } = type;

    public override ExpressionType NodeType => ExpressionType.Extension;

    protected override Expression VisitChildren(ExpressionVisitor visitor) => this;

    public override string ToString() => $"[{Alias}.{Column}]";
}

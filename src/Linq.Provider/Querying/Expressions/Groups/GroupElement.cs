using System.Linq.Expressions;
using Linq.Querying.Model;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Groups;

/// <summary>
/// One element of each group by an ordering: <c>g.OrderBy(x =&gt; x.A).ThenBy(…).First()</c> (<c>FirstOrDefault</c>,
/// <c>Last</c>, <c>LastOrDefault</c>, after <c>Where</c> and <c>Select</c>), and members read from it
/// (<c>….First().Name</c>). Each value of it is <c>(array_agg(v ORDER BY …) FILTER (WHERE …))[1]</c> in the grouped
/// SELECT: the ordering is LINQ's (NULL keys first ascending), ties go to the grouped row's primary key (source order),
/// and the value keeps its type (numeric, timestamps, enums and text are not converted on the way).
/// </summary>
/// <remarks>
/// A group is never empty, but its filtered rows may be: <see cref="Present"/> then tells an empty selection from a NULL
/// element, and <see cref="Empty"/> says what .NET does with it.
/// </remarks>
internal sealed class GroupElement
{
    private readonly IReadOnlyList<SqlOrdering> _order;
    private readonly SqlExpression? _filter;

    private GroupElement(Expression element, IReadOnlyList<SqlOrdering> order, SqlExpression? filter, EmptySelection empty, Expression at)
    {
        Element = element;
        _order = order;
        _filter = filter;
        Empty = empty;
        At = at;
        Present = filter is null ? null
            : new SqlBinaryExpression(SqlBinaryOperator.GreaterThan, new SqlAggregateExpression("count", [SqlStarExpression.Instance], [], Filter: filter), SqlLiteralExpression.Integer(0));
    }

    /// <summary>What is read from the element, over the group's row (the selector, or a member of it).</summary>
    public Expression Element { get; }

    /// <summary>Whether the group has an element to read (null when it always has: no filter).</summary>
    public SqlExpression? Present { get; }

    /// <summary>What .NET gives when there is no element.</summary>
    public EmptySelection Empty { get; }

    /// <summary>The expression this element stands for (for errors).</summary>
    public Expression At { get; }

    /// <summary>
    /// The element read by <paramref name="node"/>: the query over a group itself, or a member chain over it
    /// (<c>g.OrderBy(…).First().Album.Title</c>); null when <paramref name="node"/> is neither.
    /// </summary>
    public static GroupElement? Find(SqlExpressionTranslator outer, Expression node)
    {
        var inner = node;
        while (inner is MemberExpression { Expression: { } owner })
        {
            inner = owner;
        }

        return inner is SubqueryExpression { Model.Operators: [FirstOperator or LastOperator] } subQuery
            && GroupRows.Over(outer.Context, subQuery.Model, out var group)
            ? Of(outer, GroupRows.Read(outer, subQuery, group!), subQuery, node)
            : null;
    }

    public static GroupElement Of(SqlExpressionTranslator outer, GroupRows rows, SubqueryExpression subQuery, Expression node)
    {
        var (orDefault, last) = rows.Operators[0] switch
        {
            FirstOperator first => (first.OrDefault, false),
            LastOperator l => (l.OrDefault, true),
            _ => throw new InvalidOperationException("Not an element operator."),
        };

        var name = (last ? "Last" : "First") + (orDefault ? "OrDefault" : "");
        // Without an OrderBy, the grouped row's primary key stands for source order (as for MaxBy, ElementAt, lists per
        // group and a navigation's First()); only rows without one (a keyless view, a join) have no order to pick by.
        if (rows.TotalOrder.Count == 0)
        {
            throw new QueryTranslationException(subQuery, $"{name}() of a group needs an ordering: in .NET it is the group's {(last ? "last" : "first")} row in source order, which these rows (without a primary key) do not have.",
                $"Order inside the group: g.OrderBy(x => x.Key).{name}().");
        }

        IReadOnlyList<SqlOrdering> order = last ? [.. rows.TotalOrder.Select(o => o with { Descending = !o.Descending })] : rows.TotalOrder;

        // A member read from the element: read from the group's row instead (the element's own member, picked the same way).
        var element = node == subQuery ? rows.Element : new ElementReplacer(subQuery, rows.Element).Visit(node)!;
        var empty = !orDefault ? EmptySelection.NoElements
            : node == subQuery ? EmptySelection.Default
            : !subQuery.Type.IsValueType || Nullable.GetUnderlyingType(subQuery.Type) is not null ? EmptySelection.NullReference
            : rows.Filter is null ? EmptySelection.Default
            : throw new QueryTranslationException(node, $"a member of {name}() of a value cannot be read from a selection that may be empty.",
                $"Select the member before {name}() (g.Select(x => x.Value.Member).{name}()).");
        Check(outer, element, node);
        return new GroupElement(element, order, rows.Filter, empty, node);
    }

    /// <summary>The element's <paramref name="value"/> (a value of the group's row): the first in the order, among the filtered rows.</summary>
    public SqlExpression Pick(SqlExpression value) =>
        new SqlSubscriptExpression(new SqlAggregateExpression("array_agg", [value], _order, Filter: _filter), SqlLiteralExpression.Integer(1));

    /// <summary>
    /// The element as one SQL value (in a filter, an ordering, HAVING): possible only when an empty selection means NULL
    /// there too; a projection reads <see cref="Present"/> as well.
    /// </summary>
    public SqlValue Value(SqlExpressionTranslator outer)
    {
        if (outer.Context.Model.Find(Element.Type) is not null)
        {
            throw new QueryTranslationException(At, "a whole row cannot be used as a value here.", "Compare a key property instead (e.g. g.OrderBy(…).First().Id == …).");
        }

        if (Present is not null && (Empty != EmptySelection.Default || (Element.Type.IsValueType && Nullable.GetUnderlyingType(Element.Type) is null)))
        {
            throw new QueryTranslationException(At, "outside the projection, an element of a filtered group cannot say that the filter left no rows.",
                "Select it in the projection, or select a nullable value with FirstOrDefault: g.Where(…).OrderBy(…).Select(x => (int?)x.Value).FirstOrDefault().");
        }

        return new SqlValue(Pick(Sql(outer)), true);
    }

    /// <summary>The element's value over the group's row (a bool is never NULL in C#).</summary>
    public SqlExpression Sql(SqlExpressionTranslator outer)
    {
        var value = outer.Translate(Element);
        return Element.Type == typeof(bool) ? outer.TwoValued(value) : value.Sql;
    }

    // PostgreSQL aggregates arrays into a two-dimensional array, whose [1] is NULL: array values cannot be picked this way.
    private static void Check(SqlExpressionTranslator outer, Expression element, Expression at)
    {
        static bool IsArray(Type type) => type.IsArray && type != typeof(byte[]);
        var model = outer.Context.Model.Find(element.Type);
        if (IsArray(element.Type) || (model is not null && model.Columns.Any(c => IsArray(c.ClrType))))
        {
            throw new QueryTranslationException(at, "an array value cannot be picked from a group.",
                "Select the element's key (….First().Id) and read the array by it, or pick the array from the rows with OrderBy(…).DistinctBy(x => key).");
        }
    }

    private sealed class ElementReplacer(SubqueryExpression subQuery, Expression element) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) => node == subQuery ? element : base.Visit(node);
    }
}

/// <summary>What .NET gives for the element of an empty selection.</summary>
internal enum EmptySelection
{
    /// <summary><c>FirstOrDefault()</c>: default (null, 0, …).</summary>
    Default,

    /// <summary><c>First()</c>: InvalidOperationException ("Sequence contains no elements").</summary>
    NoElements,

    /// <summary>A member of <c>FirstOrDefault()</c>'s null: NullReferenceException.</summary>
    NullReference,
}

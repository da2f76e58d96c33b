using System.Linq.Expressions;
using Linq.Querying.Model;
using Linq.Querying.Relations;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Groups;

/// <summary>
/// The rows a query over a group reads (<c>g.Where(…).OrderBy(…).ThenBy(…).Select(…)</c>), inside the grouped SELECT:
/// its filter, its order and what each row yields, then the operators that end it. The group's element selector, when
/// it has one, stands where the query refers to its element.
/// </summary>
internal sealed class GroupRows
{
    private GroupRows(QueryModel model, SqlExpression? filter, IReadOnlyList<SqlOrdering> orderBy, GroupBinding group)
    {
        Model = model;
        Filter = filter;
        OrderBy = orderBy;
        Group = group;
    }

    /// <summary>The query, its element replaced by the group's element selector when there is one.</summary>
    public QueryModel Model { get; }

    public GroupBinding Group { get; }

    /// <summary>The rows of the group the query reads, or null for all of them.</summary>
    public SqlExpression? Filter { get; }

    /// <summary>The query's own order (a later OrderBy first, as LINQ's stable sort has it); empty when it has none.</summary>
    public IReadOnlyList<SqlOrdering> OrderBy { get; }

    /// <summary>What each row yields.</summary>
    public Expression Element => Model.Selector;

    public IReadOnlyList<QueryOperator> Operators => Model.Operators;

    /// <summary>The query's order with ties decided by source order (the grouped row's key); empty when there is neither.</summary>
    public IReadOnlyList<SqlOrdering> TotalOrder => OrderBy.Count == 0 ? Group.SourceOrder ?? [] : [.. OrderBy.Concat(Group.SourceOrder ?? []).DistinctBy(o => o.Expression)];

    /// <summary>Whether the query reads a group (<c>g.…</c>, not a query over a query of it).</summary>
    public static bool Over(TranslationContext context, QueryModel model, out GroupBinding? group)
    {
        group = model.From is QuerySourceExpression reference ? context.FindGroup(reference.Source) : null;
        return group is not null;
    }

    public static GroupRows Read(SqlExpressionTranslator outer, SubqueryExpression subQuery, GroupBinding group)
    {
        var model = subQuery.Model;
        if (group.ElementSelector is { } selector)
        {
            model = model.Replace(model.Source, selector);
        }
        else
        {
            outer.Context.Bind(model.Source, group.Elements);
        }

        var (filter, orderBy) = CollectionFilter.WhereAndOrder(model.Clauses, outer,
            clause => new QueryTranslationException(subQuery, $"the clause '{clause}' is not supported inside a group.", "Use Where, OrderBy/ThenBy and Select on a group."));

        return new GroupRows(model, filter, [.. orderBy.DistinctBy(o => o.Expression)], group);
    }

    /// <summary>A value of the rows read: <paramref name="value"/> when the row passes the filter, else NULL (what the plain aggregates skip).</summary>
    public SqlExpression Filtered(SqlExpression value) => Filter is null ? value : new SqlCaseExpression([new SqlCaseWhen(Filter, value)], null);
}

using System.Linq.Expressions;
using Linq.Querying.Expressions.Collections;
using Linq.Querying.Expressions.Groups;
using Linq.Querying.Expressions.Relations;
using Linq.Querying.Model;
using Linq.Querying.Relations;

namespace Linq.Querying.Expressions;

/// <summary>
/// Sub-queries inside a filter or projection, sent to their area: <c>ids.Contains(x)</c> over a local collection
/// (<see cref="ValueCollections"/>), aggregates over a group (<see cref="GroupTranslator"/>), and relation filters
/// over collection navigations or tables (<see cref="RelationFilterTranslator"/>).
/// </summary>
internal sealed class SubqueryTranslator(SqlExpressionTranslator outer)
{
    private readonly TranslationContext _context = outer.Context;

    public SqlValue Translate(SubqueryExpression subQuery)
    {
        var model = subQuery.Model;
        var from = model.From;
        if (SqlExpressionTranslator.IsValue(from) && !SqlExpressionTranslator.IsTable(from, _context.Values))
        {
            return ValueCollection(subQuery, model, from);
        }

        // A related collection's query beyond a plain filter (OrderBy, Skip/Take, Distinct, Select, a query over a query).
        if (NestedAggregate.Needed(model) && NestedRows.Relation(outer, model) is { } nested)
        {
            return NestedAggregate.Translate(outer, subQuery, nested.Owner, nested.Relation);
        }

        if (model.Operators.Count != 1)
        {
            throw new QueryTranslationException(subQuery, "only one operator (Any, All, Count, Sum, Min, Max, Average or Contains) may end a sub-query.");
        }

        if (from is QuerySourceExpression reference && _context.FindGroup(reference.Source) is { } group)
        {
            return GroupTranslator.Aggregate(outer, subQuery, group);
        }

        return RelationFilterTranslator.Translate(outer, subQuery);
    }

    // values.Contains(x) (or values.Any(v => v == x)): see ValueCollections.
    private SqlValue ValueCollection(SubqueryExpression subQuery, QueryModel model, Expression from)
    {
        var searched = SearchedItem(model)
            ?? throw new QueryTranslationException(subQuery, "only Contains (or Any(v => v == x)) is supported over a local collection.", "Write list.Contains(x.Property).");
        return ValueCollections.Contains(outer, subQuery, searched, from, model.Source.ItemType);
    }

    // list.Contains(x), or list.Any(v => v == x) which means the same: the x searched for.
    private static Expression? SearchedItem(QueryModel model)
    {
        if (model.Selector is not QuerySourceExpression || model.Operators.Count != 1)
        {
            return null;
        }

        if (model.Clauses.Count == 0 && model.Operators[0] is ContainsOperator contains)
        {
            return contains.Item;
        }

        if (model.Clauses is [WhereClause { Predicate: BinaryExpression { NodeType: ExpressionType.Equal } equal }]
            && model.Operators[0] is AnyOperator)
        {
            bool IsElement(Expression e) => e is QuerySourceExpression r && r.Source == model.Source;
            return IsElement(equal.Left) ? equal.Right : IsElement(equal.Right) ? equal.Left : null;
        }

        return null;
    }

}

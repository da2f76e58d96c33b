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

        if (from is QuerySourceExpression reference && _context.FindGroup(reference.Source) is { } group)
        {
            return GroupTranslator.Aggregate(outer, subQuery, group);
        }

        if (model.Operators.Count != 1)
        {
            throw new QueryTranslationException(subQuery, "only one operator (Any, All, Count, Sum, Min, Max, Average or Contains) may end a sub-query.");
        }

        if (ArrayColumns.IsArray(from.Type))
        {
            return ArrayColumns.Subquery(outer, subQuery);
        }

        if (from is MemberExpression { Expression: { } owner } && Contract.JsonValues.IsJsonType(Nullable.GetUnderlyingType(owner.Type) ?? owner.Type))
        {
            throw new QueryTranslationException(subQuery, "collections inside a [JsonColumn] column cannot be queried in SQL.",
                "Test them with Pg.JsonContains(x.Column, jsonFragment), e.g. a fragment {\"lines\":[\"a\"]} for a list holding \"a\".");
        }

        return RelationFilterTranslator.Translate(outer, subQuery);
    }

    // values.Contains(x) (or values.Any(v => v == x)): see ValueCollections; values.All(v => o.Tags.Contains(v)) and
    // other predicates over the values: see ArrayColumns.
    private SqlValue ValueCollection(SubqueryExpression subQuery, QueryModel model, Expression from)
    {
        if (SearchedItem(model) is { } searched)
        {
            return ValueCollections.Contains(outer, subQuery, searched, from, model.Source.ItemType);
        }

        if (outer.PeekValue(from) is null)
        {
            throw new QueryTranslationException(subQuery, "the collection is null; the operator would throw.");
        }

        if (ArrayColumns.ContainedIn(outer, model, from) is { } contained)
        {
            return contained;
        }

        if (Contract.ScalarType.Find(model.Source.ItemType) is null)
        {
            throw new QueryTranslationException(subQuery, "only collections of column values (numbers, text, Guid, dates, enums, …) can be sent to the database.", "Write list.Contains(x.Property).");
        }

        var elementType = model.Source.ItemType;
        var values = outer.Value(from, null, Execution.ArrayConverter.For(elementType), Execution.ArrayConverter.ArrayType(elementType));
        return ArrayColumns.OverElements(outer, subQuery, values, null);
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

using System.Linq.Expressions;
using Linq.Contract;
using Linq.Querying.Model;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Collections;

/// <summary>
/// Array columns (<c>text[]</c>, <c>integer[]</c>, …) in filters, orderings and projections, with .NET's semantics:
/// <c>Contains</c> finds NULL elements, <c>Any</c>/<c>All</c>/<c>Count</c>/aggregates read the elements through
/// <c>unnest</c>, <c>[i]</c> is 1-based in SQL. A NULL array reads as an empty one (.NET would throw).
/// </summary>
internal static class ArrayColumns
{
    private const string ElementColumn = "v";

    /// <summary>Whether values of <paramref name="type"/> are SQL arrays (<c>byte[]</c> is <c>bytea</c>).</summary>
    public static bool IsArray(Type type) => type.IsArray && type != typeof(byte[]);

    /// <summary>A sub-query over an array that is read from rows: <c>o.Tags.Contains(x)</c>, <c>o.Tags.Any(…)</c>, …</summary>
    public static SqlValue Subquery(SqlExpressionTranslator outer, SubqueryExpression subQuery)
    {
        var model = subQuery.Model;
        var array = outer.Translate(model.From);
        var element = ElementColumnOf(array);
        var plain = model.Clauses.Count == 0 && model.Selector is QuerySourceExpression selected && selected.Source == model.Source;
        if (plain && model.Operators.Count == 1)
        {
            switch (model.Operators[0])
            {
                case ContainsOperator contains:
                    return Contains(outer, array, contains.Item);
                case AnyOperator:
                    return new SqlValue(new SqlBinaryExpression(SqlBinaryOperator.GreaterThan, Cardinality(array), SqlLiteralExpression.Integer(0)), false);
                case CountOperator:
                    return new SqlValue(Cardinality(array), false);
                case LongCountOperator:
                    return new SqlValue(new SqlCastExpression(Cardinality(array), "bigint"), false);
                case FirstOperator first:
                    return First(array, model.Source.ItemType, first.OrDefault, element);
            }
        }

        if (model.Clauses is [WhereClause { Predicate: SubqueryExpression other }] && model.Operators is [AnyOperator]
            && IsElementIn(other, model.Source) is { } values && !CanBeNull(model.Source.ItemType))
        {
            // tags.Any(t => values.Contains(t)) over elements that cannot be NULL: the overlap operator is exact.
            if (outer.PeekValue(values) is null)
            {
                throw new QueryTranslationException(other, "the collection is null; Contains would throw.");
            }

            var elementType = model.Source.ItemType;
            var parameter = outer.Value(values, array.Column?.StoreType, Execution.ArrayConverter.For(elementType), Execution.ArrayConverter.ArrayType(elementType));
            return new SqlValue(new SqlBinaryExpression(SqlBinaryOperator.ArrayOverlap, array.Sql, parameter.Sql), true);
        }

        return OverElements(outer, subQuery, array, element);
    }

    /// <summary>
    /// <c>values.All(v =&gt; o.Tags.Contains(v))</c> over a local collection, for elements that cannot be NULL: <c>@&gt;</c>
    /// (exact then; an empty list is contained even in a NULL array, as .NET never looks at the array). Null otherwise.
    /// </summary>
    public static SqlValue? ContainedIn(SqlExpressionTranslator outer, QueryModel model, Expression from)
    {
        if (model.Clauses.Count != 0 || model.Operators is not [AllOperator { Predicate: SubqueryExpression inner }]
            || CanBeNull(model.Source.ItemType) || SqlExpressionTranslator.IsValue(inner.Model.From) || !IsArray(inner.Model.From.Type)
            || inner.Model.Clauses.Count != 0 || inner.Model.Operators is not [ContainsOperator { Item: QuerySourceExpression item }]
            || item.Source != model.Source)
        {
            return null;
        }

        var array = outer.Translate(inner.Model.From);
        var values = outer.Value(from, array.Column?.StoreType, Execution.ArrayConverter.For(model.Source.ItemType), Execution.ArrayConverter.ArrayType(model.Source.ItemType));
        SqlExpression sql = new SqlBinaryExpression(SqlBinaryOperator.ContainsAll, array.Sql, values.Sql);
        if (array.MayBeNull)
        {
            sql = new SqlFunctionExpression("COALESCE", sql,
                new SqlBinaryExpression(SqlBinaryOperator.Equal, new SqlFunctionExpression("cardinality", values.Sql), SqlLiteralExpression.Integer(0)));
        }

        return new SqlValue(sql, false);
    }

    /// <summary>
    /// A sub-query over the elements of <paramref name="array"/> (a column or a parameter):
    /// <c>EXISTS (SELECT 1 FROM unnest(array) AS "tN"("v") WHERE …)</c> and its relatives for All, Count, aggregates and Contains.
    /// </summary>
    public static SqlValue OverElements(SqlExpressionTranslator outer, SubqueryExpression subQuery, SqlValue array, ColumnMetadata? elementColumn)
    {
        var context = outer.Context;
        var model = subQuery.Model;
        if (model.Operators.Count != 1)
        {
            throw new QueryTranslationException(subQuery, "only one operator (Any, All, Count, Sum, Min, Max, Average, Contains or First) may end a query over an array.");
        }

        var alias = context.NextAlias();
        context.BindElement(model.Source, new SqlValue(new SqlColumnExpression(alias, ElementColumn), CanBeNull(model.Source.ItemType), elementColumn));
        var scope = new QueryScope(context);
        var inner = new SqlExpressionTranslator(context, scope);
        SqlExpression? where = null;
        foreach (var clause in model.Clauses)
        {
            where = clause switch
            {
                WhereClause w => RowSetOperator.And(where, inner.TranslatePredicate(w.Predicate)),
                _ => throw new QueryTranslationException(subQuery, $"the clause '{clause}' is not supported in a query over an array.", "Use Where, then Any, All, Count or an aggregate."),
            };
        }

        SqlSelectStatement Select(SqlExpression item, SqlExpression? condition) => new()
        {
            Items = [new SqlSelectItem(item)],
            From = new SqlFunctionTable(new SqlFunctionExpression("unnest", array.Sql), alias, [ElementColumn]),
            Joins = scope.Joins,
            Where = condition,
        };

        return RowSetOperator.Translate(inner, subQuery, where, Select,
                (contains, selected) => SqlExpressionTranslator.IsValue(contains.Item)
                    ? outer.Value(contains.Item, SqlExpressionTranslator.TypeOf(selected))
                    : outer.Translate(contains.Item))
            ?? throw new QueryTranslationException(subQuery, $"the operator '{model.Operators[0]}' is not supported over an array.",
                "Supported: Contains, Any, All, Count, LongCount, Sum, Min, Max, Average, First(), FirstOrDefault() and [index]; First with a predicate is not.");
    }

    /// <summary><c>array[index]</c>: C#'s 0-based index becomes PostgreSQL's 1-based one. Out of range is NULL (.NET throws).</summary>
    public static SqlValue Index(SqlExpressionTranslator translator, BinaryExpression index)
    {
        var array = translator.Translate(index.Left);
        SqlExpression position = SqlExpressionTranslator.IsValue(index.Right)
            ? translator.Value(index.Right, "integer", static i => (int)i! + 1, typeof(int)).Sql
            : new SqlBinaryExpression(SqlBinaryOperator.Add, translator.Translate(index.Right).Sql, SqlLiteralExpression.Integer(1));
        return new SqlValue(new SqlSubscriptExpression(array.Sql, position), true, ElementColumnOf(array));
    }

    /// <summary><c>Pg.Overlaps(a, b)</c> (<c>&amp;&amp;</c>) and <c>Pg.Contains(a, b)</c> (<c>@&gt;</c>): SQL's operators, SQL's semantics.</summary>
    public static SqlValue Operator(SqlExpressionTranslator translator, MethodCallExpression call, SqlBinaryOperator op)
    {
        var (left, right) = translator.Operands(call.Arguments[0], call.Arguments[1]);
        return new SqlValue(new SqlBinaryExpression(op, left.Sql, right.Sql), true);
    }

    private static SqlValue Contains(SqlExpressionTranslator outer, SqlValue array, Expression itemNode)
    {
        var element = ElementColumnOf(array);
        var item = SqlExpressionTranslator.IsValue(itemNode) ? outer.Value(itemNode, element?.StoreType) : outer.Translate(itemNode);
        if (!item.MayBeNull && item.Sql != SqlLiteralExpression.Null)
        {
            // NULL when the array has NULL elements and no match: MayBeNull makes NOT and projections coalesce it.
            return new SqlValue(new SqlAnyExpression(item.Sql, array.Sql), true);
        }

        // array_position compares with IS NOT DISTINCT FROM: Contains(null) finds a NULL element, as .NET does.
        return new SqlValue(new SqlIsNullExpression(new SqlFunctionExpression("array_position", array.Sql, item.Sql), Negated: true), false);
    }

    private static SqlValue First(SqlValue array, Type elementType, bool orDefault, ColumnMetadata? element)
    {
        SqlExpression first = new SqlSubscriptExpression(array.Sql, SqlLiteralExpression.Integer(1));
        if (orDefault && !CanBeNull(elementType))
        {
            // FirstOrDefault of an empty int[] is 0, not null.
            first = new SqlFunctionExpression("COALESCE", first, DefaultLiteral(elementType, element));
            return new SqlValue(first, false, element);
        }

        return new SqlValue(first, true, element);
    }

    private static SqlExpression DefaultLiteral(Type elementType, ColumnMetadata? element) =>
        elementType == typeof(bool) ? SqlLiteralExpression.False
        : elementType.IsEnum || !IsNumber(elementType) ? throw new QueryTranslationException(null, $"FirstOrDefault() over an array of {elementType.Name} is not supported.", "Use First() and compare with null, or o.Array.Length > 0 ? o.Array[0] : fallback.")
        : element?.StoreType is { } store ? new SqlCastExpression(SqlLiteralExpression.Integer(0), store) : SqlLiteralExpression.Integer(0);

    private static bool IsNumber(Type type) => type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(decimal) || type == typeof(double) || type == typeof(float);

    // values.Contains(element) in the predicate of a query over an array: the values (a local collection), or null.
    private static Expression? IsElementIn(SubqueryExpression predicate, QuerySource element) =>
        SqlExpressionTranslator.IsValue(predicate.Model.From) && predicate.Model.Clauses.Count == 0
        && predicate.Model.Operators is [ContainsOperator { Item: QuerySourceExpression item }] && item.Source == element
            ? predicate.Model.From
            : null;

    private static SqlExpression Cardinality(SqlValue array) =>
        new SqlFunctionExpression("COALESCE", new SqlFunctionExpression("cardinality", array.Sql), SqlLiteralExpression.Integer(0));

    /// <summary>Whether elements of this type can be null (reference types and <see cref="Nullable{T}"/>).</summary>
    public static bool CanBeNull(Type type) => !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;

    // The element's store type, so parameters compared with elements are sent as exactly that type.
    private static ColumnMetadata? ElementColumnOf(SqlValue array)
    {
        if (array.Column is not { } column || !column.StoreType.EndsWith("[]", StringComparison.Ordinal) || !column.ClrType.IsArray)
        {
            return null;
        }

        var elementType = column.ClrType.GetElementType()!;
        return new ColumnMetadata(0, column.PropertyName, column.ColumnName, elementType, column.StoreType[..^2], isNullable: true);
    }
}

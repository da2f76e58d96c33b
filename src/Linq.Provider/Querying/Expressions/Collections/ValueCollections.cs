using System.Linq.Expressions;
using Linq.Execution;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Collections;

/// <summary>Local collections in a query: <c>values.Contains(x)</c> as one array parameter (<c>= ANY($n)</c>), and an array's Length.</summary>
internal static class ValueCollections
{
    /// <summary>
    /// <paramref name="searched"/> in the collection <paramref name="collection"/> (a value node) of
    /// <paramref name="elementType"/>; NULL in the list matches NULL as in LINQ-to-Objects.
    /// </summary>
    public static SqlValue Contains(SqlExpressionTranslator translator, Expression at, Expression searched, Expression collection, Type elementType)
    {
        var item = translator.Translate(searched);
        if (translator.PeekValue(collection) is null)
        {
            throw new QueryTranslationException(at, "the collection is null; Contains would throw.");
        }

        var type = SqlExpressionTranslator.TypeOf(item) is { } scalar ? scalar + "[]" : null;
        var array = translator.Value(collection, type, ArrayConverter.For(elementType), ArrayConverter.ArrayType(elementType));
        SqlExpression sql = new SqlAnyExpression(item.Sql, array.Sql);
        if (!item.MayBeNull)
        {
            // A non-null item that is not in a list holding NULL makes "= ANY" NULL, not false: flagged, so that
            // NOT (and every other two-valued context) folds it to false first, as LINQ's !Contains is true there.
            return new SqlValue(sql, ElementMayBeNull(elementType));
        }

        var nullInList = new SqlIsNullExpression(new SqlFunctionExpression("array_position", array.Sql, SqlLiteralExpression.Null), Negated: true);
        var itemIsNull = new SqlBinaryExpression(SqlBinaryOperator.And, new SqlIsNullExpression(item.Sql), nullInList);
        return new SqlValue(new SqlBinaryExpression(SqlBinaryOperator.Or, new SqlFunctionExpression("COALESCE", sql, SqlLiteralExpression.False), itemIsNull), false);
    }

    private static bool ElementMayBeNull(Type elementType) => !elementType.IsValueType || Nullable.GetUnderlyingType(elementType) is not null;

    /// <summary><c>array.Length</c>: <c>COALESCE(cardinality(…), 0)</c>.</summary>
    public static SqlValue Length(SqlValue operand) =>
        new(new SqlFunctionExpression("COALESCE", new SqlFunctionExpression("cardinality", operand.Sql), SqlLiteralExpression.Integer(0)), operand.MayBeNull);
}

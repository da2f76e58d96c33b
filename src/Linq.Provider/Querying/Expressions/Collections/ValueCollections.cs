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
            return new SqlValue(sql, false);
        }

        var nullInList = new SqlIsNullExpression(new SqlFunctionExpression("array_position", array.Sql, SqlLiteralExpression.Null), Negated: true);
        var itemIsNull = new SqlBinaryExpression(SqlBinaryOperator.And, new SqlIsNullExpression(item.Sql), nullInList);
        return new SqlValue(new SqlBinaryExpression(SqlBinaryOperator.Or, new SqlFunctionExpression("COALESCE", sql, SqlLiteralExpression.False), itemIsNull), false);
    }

    /// <summary><c>array.Length</c>: <c>COALESCE(cardinality(…), 0)</c>.</summary>
    public static SqlValue Length(SqlValue operand) =>
        new(new SqlFunctionExpression("COALESCE", new SqlFunctionExpression("cardinality", operand.Sql), SqlLiteralExpression.Integer(0)), operand.MayBeNull);
}

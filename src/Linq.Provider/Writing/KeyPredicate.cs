using System.Linq.Expressions;
using Linq.Contract;
using Linq.Querying.Filters;
using Linq.Sql.Syntax;
using Npgsql;

namespace Linq.Writing;

/// <summary>
/// A unique-key filter (<c>p =&gt; p.Id == id</c>) as <c>"t"."Id" = $n</c> with typed parameters appended to the
/// statement's list. Nested writes build these directly rather than through a query plan, so several can share one
/// statement without renumbering. A filter that is not a unique key is an <see cref="ArgumentException"/> listing the keys.
/// </summary>
internal static class KeyPredicate
{
    public static SqlExpression Build(ModelMetadata model, LambdaExpression where, string alias, List<NpgsqlParameter> parameters)
    {
        var key = UniqueKeyMatcher.EnsureUnique(model, where, out var values);
        SqlExpression? result = null;
        foreach (var column in key.Columns)
        {
            var value = UniqueKeyMatcher.ValueOf(values[column.PropertyName]);
            parameters.Add(Typed.Boxed(column, value is DateTimeOffset offset ? offset.ToUniversalTime() : value));
            var equals = new SqlBinaryExpression(SqlBinaryOperator.Equal, new SqlColumnExpression(alias, column.ColumnName), new Sql.Syntax.SqlParameterExpression(parameters.Count - 1));
            result = result is null ? equals : new SqlBinaryExpression(SqlBinaryOperator.And, result, equals);
        }

        return result!;
    }

    /// <summary>The single foreign key column of a relation, seen from either side; composite keys are refused with a clear message.</summary>
    public static (ColumnMetadata ForeignKey, ColumnMetadata Referenced) SingleColumn(RelationMetadata relation, ModelMetadata parent, ModelMetadata child)
    {
        if (relation.ForeignKeyProperties.Count != 1)
        {
            throw new NotSupportedException(
                $"Nested writes through '{parent.Name}.{relation.PropertyName}' are not supported: its foreign key has {relation.ForeignKeyProperties.Count} columns (only single-column keys are).");
        }

        return (child.GetColumn(relation.ForeignKeyProperties[0]), parent.GetColumn(relation.ReferencedProperties[0]));
    }
}

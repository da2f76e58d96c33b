using System.Linq.Expressions;
using Linq.Contract;
using Linq.Querying.Filters;
using Linq.Sql.Syntax;
using Linq.Writing.Caching;

namespace Linq.Writing;

/// <summary>
/// A unique-key filter (<c>p =&gt; p.Id == id</c>) as <c>"t"."Id" = $n</c>, its values as parameters of the column's
/// type. Nested writes build these directly rather than through a query plan, so any number can share one statement
/// (the renderer numbers them). A filter that is not a unique key is an <see cref="ArgumentException"/> listing the keys.
/// </summary>
internal static class KeyPredicate
{
    /// <remarks>Given a <see cref="WriteShape"/>, it also records the key's columns and their parameter nodes in order.</remarks>
    public static SqlExpression Build(ModelMetadata model, LambdaExpression where, string alias, WriteShape? shape = null)
    {
        if (UniqueKeyMatcher.SingleColumnKey(model, where, out var single, out var singleValue) is not null)
        {
            shape?.Mark('w');
            return Equality(single!, singleValue!, alias, shape);
        }

        var key = UniqueKeyMatcher.EnsureUnique(model, where, out var values);
        shape?.Mark('w');

        // Evaluated from the filter's expression, so known only as object.
        return Equalities(key.Columns, values, alias, shape);
    }

    /// <summary>
    /// The unique key alone of a filter that may also compare concurrency tokens (checked as <see cref="BuildChecked"/>
    /// checks it): how a nested write finds its parent row, whose tokens the parent's own statement checks.
    /// </summary>
    public static SqlExpression KeyOnly(ModelMetadata model, LambdaExpression where, string alias, WriteShape? shape = null)
    {
        if (UniqueKeyMatcher.SingleColumnKey(model, where, out var single, out var singleValue) is not null)
        {
            shape?.Mark('w');
            return Equality(single!, singleValue!, alias, shape);
        }

        var key = UniqueKeyMatcher.EnsureUniqueWithTokens(model, where, out var values, out _);
        shape?.Mark('w');
        return Equalities(key.Columns, values, alias, shape);
    }

    /// <summary>
    /// The filter of an update or delete: the unique key and, when the filter also compares concurrency tokens, those
    /// (<paramref name="keyOnly"/> is then the key alone, to tell a conflict from a missing row).
    /// </summary>
    /// <remarks>Given a <see cref="WriteShape"/>, it also records the key's and the tokens' columns and their parameter nodes in order.</remarks>
    public static SqlExpression BuildChecked(ModelMetadata model, LambdaExpression where, string alias, out SqlExpression keyOnly, out IReadOnlyList<ColumnMetadata> tokens, WriteShape? shape = null)
    {
        if (UniqueKeyMatcher.SingleColumnKey(model, where, out var single, out var singleValue) is not null)
        {
            // One column compared with one value (the usual write by key): no dictionary of values to build.
            shape?.Mark('w');
            keyOnly = Equality(single!, singleValue!, alias, shape);
            tokens = [];
            return keyOnly;
        }

        var key = UniqueKeyMatcher.EnsureUniqueWithTokens(model, where, out var values, out var compared);
        shape?.Mark('w');
        keyOnly = Equalities(key.Columns, values, alias, shape);
        tokens = compared;
        if (compared.Count == 0)
        {
            return keyOnly;
        }

        shape?.Mark('t');
        return new SqlBinaryExpression(SqlBinaryOperator.And, keyOnly, Equalities(compared, values, alias, shape));
    }

    private static SqlExpression Equalities(IEnumerable<ColumnMetadata> columns, Dictionary<string, Expression> values, string alias, WriteShape? shape = null)
    {
        SqlExpression? result = null;
        foreach (var column in columns)
        {
            var equals = Equality(column, values[column.PropertyName], alias, shape);
            result = result is null ? equals : new SqlBinaryExpression(SqlBinaryOperator.And, result, equals);
        }

        return result!;
    }

    private static SqlBinaryExpression Equality(ColumnMetadata column, Expression valueExpression, string alias, WriteShape? shape)
    {
        var value = UniqueKeyMatcher.ValueOf(valueExpression);
        var parameter = new BoxedValueParameter(value is DateTimeOffset offset ? offset.ToUniversalTime() : value, column.StoreType);
        shape?.Column('k', column.Ordinal);
        shape?.Parameter(parameter);
        return new SqlBinaryExpression(SqlBinaryOperator.Equal, new SqlColumnExpression(alias, column.ColumnName), parameter);
    }

    /// <summary>The single foreign key column of a relation, seen from either side; composite keys are refused with a clear message.</summary>
    /// <remarks>For a many-to-many relation (no foreign key on either side) these are the child's and the parent's primary keys.</remarks>
    public static (ColumnMetadata ForeignKey, ColumnMetadata Referenced) SingleColumn(RelationMetadata relation, ModelMetadata parent, ModelMetadata child)
    {
        if (relation.JoinTable is not null)
        {
            return (JoinTableMetadata.KeyOf(child), JoinTableMetadata.KeyOf(parent));
        }

        if (relation.ForeignKeyProperties.Count != 1)
        {
            throw new NotSupportedException(
                $"Nested writes through '{parent.Name}.{relation.PropertyName}' are not supported: its foreign key has {relation.ForeignKeyProperties.Count} columns (only single-column keys are).");
        }

        return (child.GetColumn(relation.ForeignKeyProperties[0]), parent.GetColumn(relation.ReferencedProperties[0]));
    }
}

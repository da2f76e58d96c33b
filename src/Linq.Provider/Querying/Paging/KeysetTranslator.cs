using System.Linq.Expressions;
using Linq.Contract;
using Linq.Querying.Expressions;
using Linq.Querying.Model;
using Linq.Querying.Shaping;
using Linq.Sql.Syntax;

namespace Linq.Querying.Paging;

/// <summary>
/// Keyset paging: make the ordering unique (primary key as the last tie-breaker), then keep the rows after the
/// cursor with a row comparison where all keys go the same way, or the equivalent OR-chain where they do not.
/// </summary>
internal static class KeysetTranslator
{
    /// <summary>
    /// Keyset paging over <paramref name="row"/>'s rows in the order <paramref name="orderBy"/> (extended with the
    /// primary key when it is not unique); <paramref name="rowSource"/> is what the cursor's key selector reads.
    /// </summary>
    public static KeysetPlan Translate(SqlExpressionTranslator expressions, SourceBinding row, QuerySource rowSource, List<SqlOrdering> orderBy, KeysetSpec keyset, CursorToken pageTokens)
    {
        var keys = new List<(SqlOrdering Ordering, ColumnMetadata Column)>();
        foreach (var ordering in orderBy)
        {
            var column = ordering.Expression is SqlColumnExpression c && c.TableAlias == row.Alias
                ? row.Model.Columns.FirstOrDefault(m => m.ColumnName == c.Column)
                : null;
            if (column is null)
            {
                throw new QueryTranslationException(keyset.Key, "keyset paging supports ordering by the row's own columns only.");
            }

            if (column.IsNullable)
            {
                throw new QueryTranslationException(keyset.Key, $"the ordering key '{column.PropertyName}' is nullable, and NULLs have no place in a keyset.",
                    "Order by non-nullable columns for cursor paging (or page with Skip/Take).");
            }

            keys.Add((ordering, column));
        }

        if (!TotalOrder.CoversUniqueKey(row.Model, c => keys.Exists(x => x.Column == c)))
        {
            foreach (var column in row.Model.PrimaryKey.Columns.Where(c => keys.All(k => k.Column != c)))
            {
                var ordering = new SqlOrdering(new SqlColumnExpression(row.Alias, column.ColumnName));
                orderBy.Add(ordering);
                keys.Add((ordering, column));
            }
        }

        var signature = row.Model.Name + "|" + string.Join(",", keys.Select(k => k.Column.ColumnName + (k.Ordering.Descending ? " desc" : " asc")));
        var values = keyset.Key is not null ? CursorValues(expressions, rowSource, keyset, keys) : TokenValues(expressions, pageTokens, signature, keyset, keys);
        SqlExpression? limit = null;
        List<(SqlExpression Sql, ColumnMetadata Column)>? pageKeys = null;
        if (keyset.Take is not null)
        {
            // One row more than asked tells whether another page follows.
            limit = new SqlBinaryExpression(SqlBinaryOperator.Add, expressions.Translate(keyset.Take).Sql, SqlLiteralExpression.Integer(1));
            pageKeys = [.. keys.Select(k => (k.Ordering.Expression, k.Column))];
        }

        var after = values is null ? null : After(keys.Select(k => k.Ordering).ToList(), values);
        return new KeysetPlan(signature, limit, pageKeys, after);
    }

    // The ordering keys of each row, selected after the row's own items, for the next cursor.
    public static PageKeyReader PageKeys(IReadOnlyList<(SqlExpression Sql, ColumnMetadata Column)> pageKeys, RowSink sink)
    {
        var keys = new List<(int Ordinal, ScalarType Type)>();
        foreach (var (sql, column) in pageKeys)
        {
            keys.Add((sink.Items.Count, ScalarType.Get(column.ClrType)));
            sink.Scalar(new SqlValue(sql, false, column), column.ClrType);
        }

        return new PageKeyReader(keys);
    }

    private static List<SqlExpression> CursorValues(SqlExpressionTranslator expressions, QuerySource rowSource, KeysetSpec keyset, List<(SqlOrdering Ordering, ColumnMetadata Column)> keys)
    {
        var lambda = keyset.Key!;
        var parts = lambda.Body is NewExpression { Members: { } members } @new
            ? @new.Arguments.Select((a, i) => (Expression: a, Member: (System.Reflection.MemberInfo?)members[i])).ToList()
            : [(lambda.Body, null)];
        var row = new QuerySourceExpression(rowSource);
        for (var i = 0; i < parts.Count; i++)
        {
            var translated = expressions.Translate(ParameterReplacer.Replace(parts[i].Expression, lambda.Parameters[0], row)).Sql;
            if (i >= keys.Count || translated != keys[i].Ordering.Expression)
            {
                throw new QueryTranslationException(lambda, $"the cursor key must list the ordering keys in order: {Describe(keys)}.",
                    keys.Count > parts.Count ? "The ordering is not unique, so the primary key was added to it; include it in the cursor." : null);
            }
        }

        if (parts.Count != keys.Count)
        {
            throw new QueryTranslationException(lambda, $"the cursor key must list every ordering key: {Describe(keys)}.",
                "The ordering is not unique, so the primary key was added to it; include it in the cursor.");
        }

        if (SqlExpressionTranslator.IsValue(keyset.After!) && expressions.PeekValue(keyset.After!) is null)
        {
            throw new QueryTranslationException(lambda, "the cursor value is null.");
        }

        return parts.Select((part, i) =>
        {
            var transform = part.Member is null ? null : MemberReader(part.Member);
            return expressions.Value(keyset.After!, keys[i].Column.StoreType, transform, transform is null ? null : keys[i].Column.ClrType).Sql;
        }).ToList();
    }

    private static List<SqlExpression>? TokenValues(SqlExpressionTranslator expressions, CursorToken pageTokens, string signature, KeysetSpec keyset, List<(SqlOrdering Ordering, ColumnMetadata Column)> keys)
    {
        if (expressions.PeekValue(keyset.Token!) is null)
        {
            return null;
        }

        var types = keys.Select(k => Nullable.GetUnderlyingType(k.Column.ClrType) ?? k.Column.ClrType).ToArray();
        return keys.Select((k, i) =>
        {
            Func<object?, object?> decode = token => WithColumnKind(pageTokens.Decode((string)token!, signature, types)[i], k.Column.StoreType);
            return expressions.Value(keyset.Token!, k.Column.StoreType, decode, types[i]).Sql;
        }).ToList();
    }

    // A cursor keeps a DateTime key's kind; a key of a column mapped as timestamptz is sent as UTC whatever the database
    // column is (a wall-clock value read from a timestamp column behind a timestamptz mapping has no kind of its own).
    private static object? WithColumnKind(object? value, string storeType) =>
        value is DateTime { Kind: not DateTimeKind.Utc } dateTime && storeType != "timestamp" ? DateTime.SpecifyKind(dateTime, DateTimeKind.Utc) : value;

    private static SqlExpression After(List<SqlOrdering> keys, List<SqlExpression> values)
    {
        var descending = keys[0].Descending;
        if (keys.Count > 1 && keys.All(k => k.Descending == descending))
        {
            return new SqlBinaryExpression(descending ? SqlBinaryOperator.LessThan : SqlBinaryOperator.GreaterThan,
                new SqlRowValueExpression([.. keys.Select(k => k.Expression)]), new SqlRowValueExpression(values));
        }

        // Mixed directions: (a after) OR (a = and b after) OR (a = and b = and c after) …
        SqlExpression? any = null;
        for (var i = 0; i < keys.Count; i++)
        {
            SqlExpression term = new SqlBinaryExpression(keys[i].Descending ? SqlBinaryOperator.LessThan : SqlBinaryOperator.GreaterThan, keys[i].Expression, values[i]);
            for (var j = i - 1; j >= 0; j--)
            {
                term = new SqlBinaryExpression(SqlBinaryOperator.And, new SqlBinaryExpression(SqlBinaryOperator.Equal, keys[j].Expression, values[j]), term);
            }

            any = any is null ? term : new SqlBinaryExpression(SqlBinaryOperator.Or, any, term);
        }

        return any!;
    }

    private static Func<object?, object?> MemberReader(System.Reflection.MemberInfo member)
    {
        var value = Expression.Parameter(typeof(object), "value");
        var typed = Expression.Convert(value, member.DeclaringType!);
        var read = Expression.Convert(Expression.MakeMemberAccess(typed, member), typeof(object));
        return ShaperCompiler.Compile(Expression.Lambda<Func<object?, object?>>(read, value));
    }

    private static string Describe(List<(SqlOrdering Ordering, ColumnMetadata Column)> keys) =>
        string.Join(", ", keys.Select(k => k.Column.PropertyName + (k.Ordering.Descending ? " (descending)" : "")));

    private sealed class ParameterReplacer(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        public static Expression Replace(Expression body, ParameterExpression parameter, Expression replacement) =>
            new ParameterReplacer(parameter, replacement).Visit(body)!;

        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }
}

/// <summary>What keyset paging adds to a query: the ordering's signature (checked against page tokens), the LIMIT of
/// a page (one more row than asked), the keys read back for the next cursor, and the condition for rows after the cursor.</summary>
internal sealed record KeysetPlan(string Signature, SqlExpression? Limit, List<(SqlExpression Sql, ColumnMetadata Column)>? PageKeys, SqlExpression? After);

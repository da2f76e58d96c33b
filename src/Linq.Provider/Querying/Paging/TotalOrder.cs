using Linq.Contract;
using Linq.Sql.Syntax;

namespace Linq.Querying.Paging;

/// <summary>
/// Makes the ordering of a page unique: a page that a relation's own statement selects again (LoadStrategy.Query's
/// <c>= ANY(ARRAY(…))</c>) is run more than once, and ties in its order could pick other rows the second time (another
/// plan, a parallel scan); a row would then silently get the relations of another or none. Which of the tied rows a
/// page holds is unspecified either way, so ending the order with the primary key changes no promised result.
/// </summary>
internal static class TotalOrder
{
    /// <summary>
    /// <paramref name="orderBy"/> when it already orders <paramref name="row"/> by all columns of a non-nullable unique
    /// key (the primary key or another); otherwise a new list with the primary key's missing columns added, ascending.
    /// </summary>
    public static List<SqlOrdering> Of(List<SqlOrdering> orderBy, SourceBinding row)
    {
        if (CoversUniqueKey(row.Model, c => Orders(orderBy, row.Alias, c.ColumnName)))
        {
            return orderBy;
        }

        var total = new List<SqlOrdering>(orderBy);
        foreach (var column in row.Model.PrimaryKey.Columns.Where(c => !Orders(orderBy, row.Alias, c.ColumnName)))
        {
            total.Add(new SqlOrdering(new SqlColumnExpression(row.Alias, column.ColumnName)));
        }

        return total;
    }

    /// <summary>
    /// Whether the <paramref name="ordered"/> columns include every column of a non-nullable unique key of
    /// <paramref name="model"/> (its primary key or another): rows ordered by them have no ties. Keyset paging asks the same.
    /// </summary>
    public static bool CoversUniqueKey(ModelMetadata model, Func<ColumnMetadata, bool> ordered) =>
        model.UniqueKeys.Prepend(model.PrimaryKey).Any(key => key.Columns.All(c => !c.IsNullable && ordered(c)));

    private static bool Orders(List<SqlOrdering> orderBy, string alias, string column) =>
        orderBy.Exists(o => o.Expression is SqlColumnExpression c && c.TableAlias == alias && c.Column == column);
}

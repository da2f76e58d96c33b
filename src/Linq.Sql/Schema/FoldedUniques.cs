namespace Linq.Sql.Schema;

/// <summary>
/// PostgreSQL folds a <c>CREATE TABLE</c>'s unique constraints over the same columns as its primary key or an earlier
/// unique constraint into that one (one index, one name), so a second key on those columns would silently not exist.
/// Such keys are left out of <c>CREATE TABLE</c> and added after it with <c>ALTER TABLE … ADD CONSTRAINT</c>, where
/// PostgreSQL keeps each one.
/// </summary>
internal static class FoldedUniques
{
    /// <summary>Whether the table's unique key at <paramref name="index"/> would be folded into an earlier key in <c>CREATE TABLE</c>.</summary>
    public static bool IsFolded(TableDefinition table, int index)
    {
        var columns = table.Uniques[index].Columns;
        if (table.PrimaryKey.SequenceEqual(columns, StringComparer.Ordinal))
        {
            return true;
        }

        for (var i = 0; i < index; i++)
        {
            if (table.Uniques[i].Columns.SequenceEqual(columns, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The table's unique keys that <c>CREATE TABLE</c> cannot hold, in order: each needs its own <c>ALTER TABLE</c>.</summary>
    public static IEnumerable<UniqueConstraintDefinition> Of(TableDefinition table) =>
        table.Uniques.Where((_, i) => IsFolded(table, i));
}

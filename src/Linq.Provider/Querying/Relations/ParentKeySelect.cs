using Linq.Sql.Syntax;

namespace Linq.Querying.Relations;

/// <summary>Builds <see cref="ParentKeys"/> from the select that reads the parent rows.</summary>
internal static class ParentKeySelect
{
    /// <summary>
    /// The parent select with its items replaced by a column of <paramref name="alias"/>: the same rows, filter, order,
    /// page and keyset cursor. Without a page the order cannot change which rows are picked, so it is left out (a sort less).
    /// </summary>
    public static ParentKeys Of(SqlSelectStatement parents, string alias) => column =>
    {
        var paged = parents.Limit is not null || parents.Offset is not null;
        if (paged && parents.Distinct)
        {
            // DISTINCT over the key alone could not keep an ORDER BY on other columns, so the page would differ.
            throw new QueryTranslationException(null, "LoadStrategy.Query cannot load the relations of a page of distinct rows.",
                "Use LoadStrategy.Join for this query, or page after a Where instead of Distinct.");
        }

        return new SqlArraySubqueryExpression(parents with
        {
            Items = [new SqlSelectItem(new SqlColumnExpression(alias, column.ColumnName))],
            OrderBy = paged ? parents.OrderBy : [],
        });
    };
}

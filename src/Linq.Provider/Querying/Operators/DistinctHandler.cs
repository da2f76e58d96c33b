using System.Linq.Expressions;
using Linq.Querying.Model;
using Linq.Sql.Syntax;

namespace Linq.Querying.Operators;

/// <summary>
/// Distinct: SELECT DISTINCT, over the page in a derived table when Skip/Take came first. DistinctBy: the first row of
/// each key in the query's ordering (DISTINCT ON in a derived table; the outer select keeps the ordering).
/// </summary>
internal static class DistinctHandler
{
    public static void Distinct(OperatorState state)
    {
        if (state.Paged)
        {
            PagingHandler.WrapPaged(state);
        }

        state.Distinct = true;
    }

    /// <summary>
    /// DistinctBy keeps the first element of each key in source order; SQL rows have an order only when the query gives
    /// one, so an ordering by the row's own columns must come first. Ties in that ordering are decided by the primary
    /// key, so the row kept is always the same. A null key is one key, as in .NET (DISTINCT ON treats nulls as equal).
    /// </summary>
    public static void DistinctBy(OperatorState state, DistinctByOperator distinctBy)
    {
        if (state.OrderBy.Count == 0)
        {
            throw new QueryTranslationException(distinctBy.KeySelector, "DistinctBy keeps the first row of each key in source order, which SQL rows do not have.",
                "Order the rows first (e.g. OrderBy(x => x.CreatedAt).DistinctBy(x => x.AuthorId)); or use GroupBy(key).Select(g => g.Key) for the keys only.");
        }

        if (state.Distinct)
        {
            throw new QueryTranslationException(distinctBy.KeySelector, "DistinctBy after Distinct is not supported.", "Apply DistinctBy first.");
        }

        if (state.Paged)
        {
            PagingHandler.WrapPaged(state);
        }

        if (!PagingHandler.CanWrap(state))
        {
            throw new QueryTranslationException(distinctBy.KeySelector, "DistinctBy is supported over the rows themselves ordered by their own columns, not over a projection, groups or a join.",
                "Order by the row's own columns and call DistinctBy before Select.");
        }

        var keys = Keys(distinctBy.KeySelector).Select(state.Value).ToList();
        if (state.Row is { } row && row.Model.PrimaryKey.Columns.Count > 0)
        {
            // Ties decided by the primary key, in the kept row and in the result's order: the same rows in the same order
            // every time, as .NET keeps the first in source order and its ordering is stable.
            var ties = row.Model.PrimaryKey.Columns.Select(c => new SqlOrdering(new SqlColumnExpression(row.Alias, c.ColumnName)))
                .Where(t => !state.OrderBy.Any(o => o.Expression == t.Expression));
            state.OrderBy = [.. state.OrderBy, .. ties];
        }

        PagingHandler.Wrap(state, keys);
    }

    // A composite key (new { a, b } or a tuple) is its members.
    private static IEnumerable<Expression> Keys(Expression key) => key switch
    {
        NewExpression composite when composite.Arguments.Count > 0 => composite.Arguments,
        _ => [key],
    };
}

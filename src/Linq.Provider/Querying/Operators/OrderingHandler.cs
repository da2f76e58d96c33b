using Linq.Querying.Model;
using Linq.Sql.Syntax;

namespace Linq.Querying.Operators;

/// <summary>OrderBy/ThenBy(Descending): the ORDER BY keys.</summary>
internal static class OrderingHandler
{
    public static void OrderBy(OperatorState state, OrderByClause orderBy)
    {
        // A later OrderBy sorts first; the earlier ordering only breaks its ties (LINQ's stable sort).
        var keys = orderBy.Orderings.Select(o => new SqlOrdering(state.Expressions.Translate(o.Expression).Sql, o.Descending)).ToList();
        state.OrderBy = [.. keys, .. state.OrderBy];
    }
}

using Linq.Querying.Model;
using Linq.Sql.Syntax;

namespace Linq.Querying.Operators;

/// <summary>OrderBy/ThenBy(Descending): the ORDER BY keys.</summary>
internal static class OrderingHandler
{
    public static void OrderBy(OperatorState state, OrderByClause orderBy)
    {
        // A later OrderBy sorts first; the earlier ordering only breaks its ties (LINQ's stable sort).
        var keys = orderBy.Orderings.Select(o => Key(state.Expressions.Translate(o.Expression), o.Descending)).ToList();
        state.OrderBy = [.. keys, .. state.OrderBy];
    }

    /// <summary>A user's ordering key: a key that may be NULL puts it first ascending and last descending, as LINQ-to-Objects does.</summary>
    public static SqlOrdering Key(SqlValue key, bool descending) => new(key.Sql, descending, key.MayBeNull);
}

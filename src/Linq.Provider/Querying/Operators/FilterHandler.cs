using Linq.Querying.Model;
using Linq.Sql.Syntax;

namespace Linq.Querying.Operators;

/// <summary>Where: a predicate added to WHERE, or to HAVING once the rows are grouped.</summary>
internal static class FilterHandler
{
    public static void Where(OperatorState state, WhereClause where, List<SqlExpression> filters) =>
        filters.Add(state.Expressions.TranslatePredicate(where.Predicate));
}

using Linq.Querying.Expressions;
using Linq.Querying.Model;
using Linq.Sql.Syntax;

namespace Linq.Querying.Operators;

/// <summary>Where: a predicate added to WHERE, or to HAVING once the rows are grouped.</summary>
internal static class FilterHandler
{
    public static void Where(OperatorState state, WhereClause where, List<SqlExpression> filters)
    {
        // LINQ's second Where sees only the rows the first let through; where it can fail the statement for some rows,
        // it stays behind the filters before it (SQL's AND would not promise that order).
        var failures = state.Context.Failures;
        var filter = state.Expressions.TranslatePredicate(where.Predicate);
        filters.Add(state.Context.Failures != failures && filters.Count > 0
            ? ShortCircuit.Guard(filters.Aggregate((a, b) => new SqlBinaryExpression(SqlBinaryOperator.And, a, b)), filter, and: true)
            : filter);
    }
}

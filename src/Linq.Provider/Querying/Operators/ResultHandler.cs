using Linq.Execution;
using Linq.Querying.Model;

namespace Linq.Querying.Operators;

/// <summary>First and Single (OrDefault): how many rows the result holds, and a LIMIT that reads no more than needed.</summary>
internal static class ResultHandler
{
    public static RowCardinality First(OperatorState state, FirstOperator first)
    {
        state.Limit = PagingHandler.LimitTo(state, 1);
        return first.OrDefault ? RowCardinality.FirstOrDefault : RowCardinality.First;
    }

    // Two rows tell Single that there is more than one.
    public static RowCardinality Single(OperatorState state, SingleOperator single)
    {
        state.Limit = PagingHandler.LimitTo(state, 2);
        return single.OrDefault ? RowCardinality.SingleOrDefault : RowCardinality.Single;
    }
}

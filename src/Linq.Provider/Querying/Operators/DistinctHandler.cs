namespace Linq.Querying.Operators;

/// <summary>Distinct: SELECT DISTINCT, over the page in a derived table when Skip/Take came first.</summary>
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
}

using Linq.Querying.Paging;

namespace Linq.Querying.Operators;

/// <summary>Cursor and ToPageAsync: keyset paging over the query's ordering (see <see cref="KeysetTranslator"/>).</summary>
internal static class KeysetHandler
{
    public static void Apply(OperatorState state, KeysetSpec keyset)
    {
        if (state.OrderBy.Count == 0 || state.Row is null || state.GroupBy.Count > 0)
        {
            throw new QueryTranslationException(keyset.Key, "keyset paging needs an ordered query over a table's rows.",
                "Add OrderBy (e.g. OrderBy(p => p.Id)) before Cursor or ToPageAsync.");
        }

        var plan = KeysetTranslator.Translate(state.Expressions, state.Row, state.RowSources[0], state.OrderBy, keyset, state.Options.PageTokens);
        state.PageSignature = plan.Signature;
        if (plan.Limit is not null)
        {
            state.Limit = plan.Limit;
            state.PageKeys = plan.PageKeys;
        }

        if (plan.After is not null)
        {
            state.Where.Add(plan.After);
        }
    }
}

using System.Linq.Expressions;
using Remotion.Linq;
using Remotion.Linq.Parsing.Structure;

namespace Linq.Querying.Relinq;

/// <summary>
/// re-linq's parser: a prepared tree (values already replaced by placeholders) to a <see cref="QueryModel"/>. One
/// parser is shared: building it is costly and it is thread-safe once built.
/// </summary>
internal static class RelinqParser
{
    internal static readonly QueryParser Parser = QueryParser.CreateDefault();

    /// <summary>Parses <paramref name="prepared"/>; what re-linq cannot parse is reported against <paramref name="original"/>.</summary>
    public static QueryModel Parse(Expression prepared, Expression original)
    {
        try
        {
            return Parser.GetParsedQuery(prepared);
        }
        catch (NotSupportedException ex)
        {
            throw new QueryTranslationException(original, ex.Message);
        }
    }
}

using System.Linq.Expressions;
using Linq.Querying.Model;
using Remotion.Linq.Parsing.Structure;

namespace Linq.Querying.Relinq;

/// <summary>
/// The re-linq seam: the only code that sees <c>Remotion.*</c>. Remotion.Linq's <see cref="QueryParser"/> reads the
/// operator chain into its QueryModel, which <see cref="QueryModelConverter"/> turns into ours at once; nothing
/// of re-linq leaves this folder. A front end of our own replaces this folder.
/// </summary>
internal sealed class RelinqFrontEnd : IQueryFrontEnd
{
    /// <summary>One parser for the process: building it is costly, and it is thread-safe once built.</summary>
    public static RelinqFrontEnd Instance { get; } = new();

    private readonly QueryParser _parser = QueryParser.CreateDefault();

    private RelinqFrontEnd()
    {
    }

    /// <summary>Parses with re-linq (which throws <see cref="NotSupportedException"/> for an operator it does not know) and converts.</summary>
    public QueryModel Parse(Expression expression) => QueryModelConverter.Convert(_parser.GetParsedQuery(expression));
}

using System.Linq.Expressions;
using Linq.Modeling;
using Remotion.Linq.Parsing.Structure;

namespace Linq.Querying;

/// <summary>Parses an expression with re-linq and translates it. One parser is shared: building it is costly and it is thread-safe once built.</summary>
internal static class QueryCompiler
{
    private static readonly QueryParser Parser = QueryParser.CreateDefault();

    public static TranslatedQuery Compile(Expression expression, DatabaseModel model)
    {
        Remotion.Linq.QueryModel queryModel;
        try
        {
            queryModel = Parser.GetParsedQuery(expression);
        }
        catch (NotSupportedException ex)
        {
            throw new QueryTranslationException(expression, ex.Message);
        }

        return QueryModelTranslator.Translate(queryModel, model);
    }
}

using System.Linq.Expressions;
using Linq.Querying.Expressions.Collections;
using Linq.Querying.Expressions.Json;
using Linq.Querying.Expressions.TextSearch;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions;

internal sealed partial class SqlExpressionTranslator
{
    // The Pg helpers (arrays, jsonb, full-text search) and JsonElement's methods.
    private SqlValue PostgresCall(MethodCallExpression call)
    {
        if (call.Method.DeclaringType != typeof(Pg))
        {
            return JsonPaths.Call(this, call);
        }

        return call.Method.Name switch
        {
            nameof(Pg.Overlaps) => ArrayColumns.Operator(this, call, SqlBinaryOperator.ArrayOverlap),
            nameof(Pg.Contains) => ArrayColumns.Operator(this, call, SqlBinaryOperator.ContainsAll),
            nameof(Pg.JsonContains) => JsonPaths.Contains(this, call),
            nameof(Pg.JsonHasKey) => JsonPaths.HasKey(this, call),
            nameof(Pg.Matches) => FullText.Matches(this, call),
            nameof(Pg.Rank) => FullText.Rank(this, call),
            _ => throw new QueryTranslationException(call, $"the method 'Pg.{call.Method.Name}' has no SQL translation."),
        };
    }
}

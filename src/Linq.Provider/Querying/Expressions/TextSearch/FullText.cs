using System.Linq.Expressions;
using Linq.Contract;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.TextSearch;

/// <summary>
/// <c>Pg.Matches</c> and <c>Pg.Rank</c>: <c>to_tsvector(config, text) @@ websearch_to_tsquery(config, $n)</c> and
/// <c>ts_rank(…)</c>. Without an explicit configuration the column's <c>[FullTextIndex]</c> one is written as a literal
/// (it comes from the model, not from a value), so the expression is exactly the index's and the planner can use it.
/// </summary>
internal static class FullText
{
    /// <summary>The configuration when neither the call nor the column names one.</summary>
    public const string DefaultConfig = "simple";

    public static SqlValue Matches(SqlExpressionTranslator translator, MethodCallExpression call)
    {
        var (vector, query, mayBeNull) = Operands(translator, call);
        return new SqlValue(new SqlBinaryExpression(SqlBinaryOperator.TextMatch, vector, query), mayBeNull);
    }

    public static SqlValue Rank(SqlExpressionTranslator translator, MethodCallExpression call)
    {
        var (vector, query, mayBeNull) = Operands(translator, call);
        SqlExpression rank = new SqlFunctionExpression("ts_rank", vector, query);
        // ts_rank of NULL text is NULL; the method returns a float, so no match ranks 0.
        return new SqlValue(mayBeNull ? new SqlFunctionExpression("COALESCE", rank, new SqlCastExpression(SqlLiteralExpression.Integer(0), "real")) : rank, false);
    }

    /// <summary>The <c>to_tsvector</c> expression of a full-text index, exactly as queries write it (for the DDL).</summary>
    public static SqlExpression Vector(string config, SqlExpression text) => new SqlFunctionExpression("to_tsvector", ConfigLiteral(config), text);

    private static (SqlExpression Vector, SqlExpression Query, bool MayBeNull) Operands(SqlExpressionTranslator translator, MethodCallExpression call)
    {
        var text = translator.Translate(call.Arguments[0]);
        var config = call.Arguments.Count == 3
            ? new SqlCastExpression(Required(translator, call.Arguments[2], call, "configuration"), "regconfig")
            : ConfigLiteral(ConfigOf(translator.Context.Model, text.Column));
        var query = Required(translator, call.Arguments[1], call, "query");
        return (new SqlFunctionExpression("to_tsvector", config, text.Sql), new SqlFunctionExpression("websearch_to_tsquery", config, query), text.MayBeNull);
    }

    private static SqlExpression Required(SqlExpressionTranslator translator, Expression node, Expression at, string what)
    {
        var value = SqlExpressionTranslator.IsValue(node) ? translator.Value(node, "text") : translator.Translate(node);
        return value.Sql == SqlLiteralExpression.Null
            ? throw new QueryTranslationException(at, $"the {what} is null.", "Pass a non-null text.")
            : value.Sql;
    }

    // The configuration of the column's full-text index, found by the column itself (the index lists that very object).
    private static string ConfigOf(DatabaseModel model, ColumnMetadata? column)
    {
        if (column is null)
        {
            return DefaultConfig;
        }

        foreach (var table in model.Models)
        {
            foreach (var index in table.Indexes)
            {
                if (index.TextSearchConfig is { } config && index.Columns.Count == 1 && ReferenceEquals(index.Columns[0], column))
                {
                    return config;
                }
            }
        }

        return DefaultConfig;
    }

    private static SqlExpression ConfigLiteral(string config) => new SqlCastExpression(SqlLiteralExpression.Quoted(config), "regconfig");
}

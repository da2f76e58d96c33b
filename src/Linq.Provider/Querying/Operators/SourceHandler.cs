using System.Linq.Expressions;
using Linq.Querying.Model;
using Linq.Sql.Syntax;

namespace Linq.Querying.Operators;

/// <summary>The table a query starts from: its rows get an alias and stand for the query source.</summary>
internal static class SourceHandler
{
    public static SqlTableSource Table(OperatorState state, QueryModel query)
    {
        if (query.From is not ConstantExpression { Value: IQueryable })
        {
            throw new QueryTranslationException(query.From, "queries must start from a table.",
                "Start the query from a table property of the database (e.g. db.Users).");
        }

        var table = state.Context.ModelFor(query.Source.ItemType, query.From);
        state.RootModel ??= table;
        var alias = state.Context.NextAlias();
        state.Row = new SourceBinding(alias, table, state.Scope);
        state.Context.Bind(query.Source, state.Row);
        state.RowSources.Add(query.Source);
        return new SqlTableReference(table.TableName, alias);
    }
}

using System.Linq.Expressions;
using Linq.Querying.Expressions;
using Linq.Querying.Model;
using Linq.Sql.Syntax;

namespace Linq.Querying.Operators;

/// <summary>
/// The table a query starts from: its rows get an alias and stand for the query source. The second sequence of a set
/// operator may also be a local collection of values (<c>q.Select(g =&gt; g.Id).Union(ids)</c>): its elements, one array
/// parameter read through <c>unnest</c>.
/// </summary>
internal static class SourceHandler
{
    public static SqlTableSource Table(OperatorState state, QueryModel query)
    {
        if (SqlExpressionTranslator.IsValue(query.From) && !SqlExpressionTranslator.IsTable(query.From, state.Context.Values)
            && Contract.ScalarType.Find(query.Source.ItemType) is not null)
        {
            return Values(state, query);
        }

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

    private static SqlTableSource Values(OperatorState state, QueryModel query)
    {
        var expressions = state.Expressions;
        var elementType = query.Source.ItemType;
        if (expressions.PeekValue(query.From) is null)
        {
            // Union(null) and the other set operators throw in C#.
            throw new ArgumentNullException("second", "The second sequence of the set operator is null.");
        }

        var values = expressions.Value(query.From, null, Execution.ArrayConverter.For(elementType), Execution.ArrayConverter.ArrayType(elementType));
        var alias = state.Context.NextAlias();
        var mayBeNull = !elementType.IsValueType || Nullable.GetUnderlyingType(elementType) is not null;
        state.Context.BindElement(query.Source, new SqlValue(new SqlColumnExpression(alias, "v"), mayBeNull));
        return new SqlFunctionTable(new SqlFunctionExpression("unnest", values.Sql), alias, ["v"]);
    }
}

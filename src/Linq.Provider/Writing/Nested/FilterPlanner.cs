using System.Linq.Expressions;
using Linq.Modeling;
using Linq.Querying;
using Linq.Sql.Syntax;

namespace Linq.Writing;

/// <summary>Compiles a write's LINQ filter through the query cache into the set of primary keys it selects.</summary>
internal static class FilterPlanner
{
    public const string Target = "target";

    public static FilterPlan Plan<T>(Table<T> table, Expression<Func<T, bool>> where) where T : class, IModel<T> =>
        Plan<T>(table.Where(where), table.QueryProvider);

    public static FilterPlan Plan<T>(IQueryable<T> filtered, QueryProvider provider) where T : class, IModel<T>
    {
        var (plan, values) = provider.Prepare(filtered.Expression);
        var select = plan.Statement ?? throw new InvalidOperationException("The filter has no statement.");
        if (select.From is not SqlTableReference { Alias: { } alias } || select.Limit is not null || select.Offset is not null || select.Distinct)
        {
            throw new QueryTranslationException(filtered.Expression, "a write can only be filtered with Where.");
        }

        var keys = T.Metadata.PrimaryKey.Columns;
        var subquery = select with { Items = [.. keys.Select(c => new SqlSelectItem(new SqlColumnExpression(alias, c.ColumnName)))], OrderBy = [] };
        SqlExpression target = keys.Count == 1
            ? new SqlColumnExpression(Target, keys[0].ColumnName)
            : new SqlRowValueExpression([.. keys.Select(c => (SqlExpression)new SqlColumnExpression(Target, c.ColumnName))]);
        return new FilterPlan(new SqlInSubqueryExpression(target, subquery), values);
    }
}

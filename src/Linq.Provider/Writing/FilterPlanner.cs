using System.Linq.Expressions;
using Linq.Contract;
using Linq.Querying.Filters;
using Linq.Sql.Syntax;

namespace Linq.Writing;

/// <summary>A write's LINQ filter as the set of primary keys it selects, through the query side's narrow <see cref="PredicateTranslator"/>.</summary>
internal static class FilterPlanner
{
    public const string Target = "target";

    /// <summary>
    /// The keys <paramref name="where"/> selects; on an extended client, only among the rows its global filters let
    /// through (<paramref name="applyFilters"/> false: the predicate is the filter itself).
    /// </summary>
    public static FilterPlan Plan<T>(Table<T> table, Expression<Func<T, bool>> where, bool applyFilters = true) where T : class, IModel<T>
    {
        if (applyFilters && table.Database.Extensions is { } extensions)
        {
            where = FilterInjector.Apply(where, extensions, table.Database.Metadata);
        }

        var (keys, values) = PredicateTranslator.Translate(table, where, table.Database.Metadata, table.Database.PlanCache);
        var columns = T.Metadata.PrimaryKey.Columns;
        SqlExpression target = columns.Count == 1
            ? new SqlColumnExpression(Target, columns[0].ColumnName)
            : new SqlRowValueExpression([.. columns.Select(c => (SqlExpression)new SqlColumnExpression(Target, c.ColumnName))]);
        return new FilterPlan(new SqlInSubqueryExpression(target, keys), values);
    }
}

using System.Linq.Expressions;
using Linq.Contract;
using Linq.Querying.Filters;
using Linq.Sql.Syntax;

namespace Linq.Writing;

/// <summary>A write's LINQ filter as the set of primary keys it selects, through the query side's narrow <see cref="PredicateTranslator"/>.</summary>
internal static class FilterPlanner
{
    public const string Target = "target";

    public static FilterPlan Plan<T>(Table<T> table, Expression<Func<T, bool>> where) where T : class, IModel<T>
    {
        var (keys, values) = PredicateTranslator.Translate(table, where, table.Database.Metadata, table.Database.PlanCache);
        var columns = T.Metadata.PrimaryKey.Columns;
        SqlExpression target = columns.Count == 1
            ? new SqlColumnExpression(Target, columns[0].ColumnName)
            : new SqlRowValueExpression([.. columns.Select(c => (SqlExpression)new SqlColumnExpression(Target, c.ColumnName))]);
        return new FilterPlan(new SqlInSubqueryExpression(target, keys), values);
    }
}

using System.Linq.Expressions;
using Linq.Contract;
using Linq.Querying.Filters;
using Linq.Sql.Syntax;

namespace Linq.Writing;

/// <summary>
/// A write's LINQ filter, through the query side's narrow <see cref="PredicateTranslator"/>: as the set of primary keys it
/// selects, or (<see cref="RowCondition{T}"/>) as the predicate itself when it needs no join.
/// </summary>
internal static class FilterPlanner
{
    public const string Target = "target";

    /// <summary>
    /// The keys <paramref name="where"/> selects; on an extended client, only among the rows its global filters let
    /// through (<paramref name="applyFilters"/> false: the predicate is the filter itself).
    /// </summary>
    public static FilterPlan Plan<T>(Table<T> table, Expression<Func<T, bool>> where, bool applyFilters = true) where T : class, IModel<T>
    {
        var (filter, values) = Compile(table, where, applyFilters);
        return new FilterPlan(KeyIn<T>(filter), values);
    }

    /// <summary>
    /// The rows <paramref name="where"/> selects as a condition for an <c>UPDATE</c> or <c>DELETE</c> of the table
    /// (<see cref="RowCondition{T}"/>), the alias that statement must use in <see cref="FilterPlan.Alias"/>.
    /// </summary>
    public static FilterPlan PlanRows<T>(Table<T> table, Expression<Func<T, bool>> where) where T : class, IModel<T>
    {
        var (filter, values) = Compile(table, where);
        var (alias, condition) = RowCondition<T>(filter);
        return new FilterPlan(condition ?? SqlLiteralExpression.True, values) { Alias = alias, Compiled = filter };
    }

    /// <summary>
    /// The cached filter of <paramref name="where"/> (on an extended client with its global filters written in) and
    /// this call's values for its placeholders.
    /// </summary>
    public static (CompiledFilter Filter, object?[] Values) Compile<T>(Table<T> table, Expression<Func<T, bool>> where, bool applyFilters = true) where T : class, IModel<T>
    {
        if (applyFilters && table.Database.Extensions is { } extensions)
        {
            where = FilterInjector.Apply(where, extensions, table.Database.Metadata);
        }

        return PredicateTranslator.Compile(table, where, table.Database.Metadata, table.Database.PlanCache);
    }

    /// <summary>
    /// How an <c>UPDATE</c> or <c>DELETE</c> of the filtered table chooses its rows: the predicate itself over the
    /// filter's row alias (<c>UPDATE "T" AS "t0" … WHERE &lt;predicate&gt;</c>) when it needs no join, so PostgreSQL
    /// re-checks it on the newest version of a row a concurrent transaction changed, as for hand-written SQL. A predicate
    /// over joined rows cannot be written there; those rows are matched by key against the filter's SELECT
    /// (<c>UPDATE "T" AS "target" … WHERE "target"."Id" IN (SELECT …)</c>), which is evaluated once, on the statement's snapshot.
    /// </summary>
    public static (string Alias, SqlExpression? Where) RowCondition<T>(CompiledFilter filter) where T : class, IModel<T> =>
        filter.NeedsJoins ? (Target, KeyIn<T>(filter)) : (filter.Alias, filter.Predicate);

    /// <summary>The alias the statement gives the filtered table in <see cref="RowCondition{T}"/>'s form, without building the condition.</summary>
    public static string RowAlias(CompiledFilter filter) => filter.NeedsJoins ? Target : filter.Alias;

    private static SqlInSubqueryExpression KeyIn<T>(CompiledFilter filter) where T : class, IModel<T>
    {
        var columns = T.Metadata.PrimaryKey.Columns;
        SqlExpression target = columns.Count == 1
            ? new SqlColumnExpression(Target, columns[0].ColumnName)
            : new SqlRowValueExpression([.. columns.Select(c => (SqlExpression)new SqlColumnExpression(Target, c.ColumnName))]);
        return new SqlInSubqueryExpression(target, filter.Keys);
    }
}

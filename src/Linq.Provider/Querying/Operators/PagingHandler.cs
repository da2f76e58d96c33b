using Linq.Querying.Model;
using Linq.Sql.Syntax;

namespace Linq.Querying.Operators;

/// <summary>
/// Skip and Take: LIMIT/OFFSET (folded by <see cref="LimitOffset"/>), and the derived table that keeps a page when
/// further operators follow it.
/// </summary>
internal static class PagingHandler
{
    public static void Page(OperatorState state, QueryOperator op) => (state.Limit, state.Offset) = op switch
    {
        TakeOperator take => LimitOffset.Take(state.Limit, state.Offset, PageCount.Translate(state.Expressions, take.Count)),
        SkipOperator skip => LimitOffset.Skip(state.Limit, state.Offset, PageCount.Translate(state.Expressions, skip.Count)),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>At most <paramref name="rows"/> rows, within the page already asked for.</summary>
    public static SqlExpression LimitTo(OperatorState state, int rows) =>
        state.Limit is null ? SqlLiteralExpression.Integer(rows) : new SqlFunctionExpression("LEAST", state.Limit, SqlLiteralExpression.Integer(rows));

    public static bool CanWrap(OperatorState state) => state.Row is { } row && state.GroupBy.Count == 0 && state.OuterSelector is null && !state.Joined
        && state.OrderBy.All(o => o.Expression is SqlColumnExpression column && column.TableAlias == row.Alias);

    // Take(10).Where(…), Take(10).OrderBy(…), Take(10).Distinct(): the page is picked first, in a derived table, and the
    // later operators apply to it. The page keeps its order unless a later OrderBy changes it.
    public static void WrapPaged(OperatorState state) => Wrap(state, []);

    /// <summary>
    /// The rows so far in a derived table, as <see cref="WrapPaged"/>; with <paramref name="distinctOn"/>, the first row
    /// of each of its values in the query's ordering (<c>DISTINCT ON</c>, ordered by the keys first, as PostgreSQL needs),
    /// the outer select keeping the query's ordering.
    /// </summary>
    public static void Wrap(OperatorState state, IReadOnlyList<SqlExpression> distinctOn)
    {
        if (state.Joined)
        {
            throw new QueryTranslationException(null, "operators after Skip/Take over a join are not supported.",
                "Filter, order and make distinct before Skip/Take; or page the rows before joining (db.Users.OrderBy(…).Take(10).Join(…)).");
        }

        if (state.Row is null || state.GroupBy.Count > 0 || state.OuterSelector is not null)
        {
            throw new QueryTranslationException(null, "operators after Skip/Take are supported only on the rows themselves, not on a projection or groups.",
                "Filter and order before paging, or project last.");
        }

        var old = state.Row;
        var inner = state.Select(state.Source, [.. old.Model.Columns.Select(c => new SqlSelectItem(new SqlColumnExpression(old.Alias, c.ColumnName)))]);
        if (distinctOn.Count > 0)
        {
            inner = inner with { DistinctOn = distinctOn, OrderBy = [.. distinctOn.Select(k => new SqlOrdering(k)), .. inner.OrderBy] };
        }

        var alias = state.Context.NextAlias();
        // What the outer select reads of the page (its ordering, and a keyset page's keys for the next cursor) are the
        // row's own columns, which the derived table exposes under the same names.
        SqlExpression Outer(SqlExpression expression) => expression is SqlColumnExpression column && column.TableAlias == old.Alias
            ? column with { TableAlias = alias }
            : throw new QueryTranslationException(null, "the page's ordering uses a related row, so operators after Skip/Take cannot keep it.",
                "Order by the row's own columns before paging.");
        var orderings = state.OrderBy.Select(o => o with { Expression = Outer(o.Expression) }).ToList();
        var pageKeys = state.PageKeys?.Select(k => (Outer(k.Sql), k.Column)).ToList();

        state.NewScope();
        state.Row = new SourceBinding(alias, old.Model, state.Scope);
        foreach (var source in state.RowSources)
        {
            state.Context.Bind(source, state.Row);
        }

        state.Source = new SqlDerivedTable(inner, alias);
        state.Where.Clear();
        state.OrderBy = orderings;
        state.PageKeys = pageKeys;
        state.Limit = null;
        state.Offset = null;
        state.Distinct = false;
    }
}

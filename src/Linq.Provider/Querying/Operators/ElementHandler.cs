using Linq.Execution;
using Linq.Querying.Model;
using Linq.Sql.Syntax;

namespace Linq.Querying.Operators;

/// <summary>
/// Last/LastOrDefault, Reverse, MaxBy/MinBy and ElementAt/ElementAtOrDefault: each an ordering and a LIMIT. Ties are
/// decided by the query's ordering; where .NET would use source order and SQL has none, the row's primary key (in
/// ascending order) stands for it, and a query without rows of a table to take it from must be ordered.
/// </summary>
internal static class ElementHandler
{
    /// <summary>The last row of the ordering: every key reversed (ThenBy included), then the first row.</summary>
    public static RowCardinality Last(OperatorState state, LastOperator last)
    {
        Reverse(state, last.ToString());
        state.Limit = PagingHandler.LimitTo(state, 1);
        return last.OrDefault ? RowCardinality.FirstOrDefault : RowCardinality.First;
    }

    /// <summary>The ordering reversed key by key; a page is cut first (in a derived table), as LINQ reverses the page.</summary>
    public static void Reverse(OperatorState state, string name = "Reverse()")
    {
        if (state.OrderBy.Count == 0)
        {
            throw new QueryTranslationException(null, $"{name} needs an ordering: rows in SQL have no order of their own, so there is no last row.",
                $"Add OrderBy(…) (with ThenBy(…) for a unique order) before {name}, or use OrderByDescending(…).First().");
        }

        KeepPage(state, name);
        // ASC puts NULLs last and DESC first in PostgreSQL, so flipping each key reverses the NULLs too.
        state.OrderBy = [.. state.OrderBy.Select(o => o with { Descending = !o.Descending })];
    }

    /// <summary>
    /// MaxBy/MinBy: the rows ranked by the key (rows whose key is null last: .NET skips null keys unless all are null,
    /// then returns the first element), ties by the query's ordering, else by primary key; then the first row. An empty
    /// sequence gives null for a reference (or nullable) element and throws for a value type, as in .NET.
    /// </summary>
    public static RowCardinality ExtremeBy(OperatorState state, ExtremeByOperator extreme, Type elementType)
    {
        var name = extreme.Max ? "MaxBy" : "MinBy";
        if (state.Distinct)
        {
            throw new QueryTranslationException(extreme.KeySelector, $"{name} after Distinct is not supported.", $"Apply {name} before Distinct, or order the distinct rows and use First().");
        }

        KeepPage(state, name);
        var key = state.Expressions.Translate(extreme.KeySelector);
        var ties = state.OrderBy.Count > 0 ? state.OrderBy : PrimaryKeyOrder(state)
            ?? throw new QueryTranslationException(extreme.KeySelector, $"{name} cannot decide between rows with the same key: the query has no ordering and no primary key to stand for source order.",
                $"Add OrderBy(…) before {name} to decide ties.");
        List<SqlOrdering> ranking = key.MayBeNull ? [new SqlOrdering(new SqlIsNullExpression(key.Sql, Negated: false))] : [];
        ranking.Add(new SqlOrdering(key.Sql, extreme.Max));
        state.OrderBy = [.. ranking, .. ties];
        state.Limit = PagingHandler.LimitTo(state, 1);
        return !elementType.IsValueType || Nullable.GetUnderlyingType(elementType) is not null ? RowCardinality.FirstOrDefault : RowCardinality.First;
    }

    /// <summary>
    /// ElementAt(n): OFFSET n LIMIT 1 within the page asked for. Without an ordering the rows are counted in primary-key
    /// order. A negative index finds no row (ElementAt then throws ArgumentOutOfRangeException, ElementAtOrDefault
    /// returns default), as does an index past the end.
    /// </summary>
    public static RowCardinality ElementAt(OperatorState state, ElementAtOperator elementAt)
    {
        var name = elementAt.ToString();
        if (state.OrderBy.Count == 0)
        {
            state.OrderBy = PrimaryKeyOrder(state) ?? throw new QueryTranslationException(elementAt.Index, $"{name} needs an ordering: the query has no primary key to count rows by.",
                $"Add OrderBy(…) (with ThenBy(…) for a unique order) before {name}.");
        }

        var index = state.Value(elementAt.Index);
        var zero = SqlLiteralExpression.Integer(0);
        var skip = new SqlFunctionExpression("GREATEST", index, zero);
        var one = new SqlCaseExpression([new SqlCaseWhen(new SqlBinaryExpression(SqlBinaryOperator.LessThan, index, zero), zero)], SqlLiteralExpression.Integer(1));
        (state.Limit, state.Offset) = LimitOffset.Skip(state.Limit, state.Offset, skip);
        (state.Limit, state.Offset) = LimitOffset.Take(state.Limit, state.Offset, one);
        return elementAt.OrDefault ? RowCardinality.FirstOrDefault : RowCardinality.ElementAt;
    }

    /// <summary>
    /// TakeLast(n)/SkipLast(n): the ordering reversed, n rows taken (skipped) in a derived table, and the original
    /// ordering restored around it. A count below zero counts as zero, as in .NET.
    /// </summary>
    public static void FromEnd(OperatorState state, FromEndOperator fromEnd)
    {
        var name = fromEnd.ToString();
        if (state.Row is null || state.GroupBy.Count > 0 || state.OuterSelector is not null)
        {
            throw new QueryTranslationException(fromEnd.Count, $"{name} is supported only over the rows themselves (project after it).",
                $"Reverse the ordering (OrderByDescending) and use {(fromEnd.Skip ? "Skip" : "Take")}, or move the Select after {name}.");
        }

        Reverse(state, name);
        var count = new SqlFunctionExpression("GREATEST", state.Value(fromEnd.Count), SqlLiteralExpression.Integer(0));
        (state.Limit, state.Offset) = fromEnd.Skip ? LimitOffset.Skip(state.Limit, state.Offset, count) : LimitOffset.Take(state.Limit, state.Offset, count);
        if (!PagingHandler.CanWrap(state))
        {
            throw new QueryTranslationException(fromEnd.Count, $"{name} needs an ordering by the row's own columns.",
                $"Order by the row's own columns, or reverse the ordering (OrderByDescending) and use {(fromEnd.Skip ? "Skip" : "Take")}.");
        }

        PagingHandler.WrapPaged(state);
        state.OrderBy = [.. state.OrderBy.Select(o => o with { Descending = !o.Descending })];
    }

    // The row's primary key, standing for source order: for a query over a table's rows (not groups, not a projection set).
    private static List<SqlOrdering>? PrimaryKeyOrder(OperatorState state) =>
        state.Row is { } row && state.GroupBy.Count == 0 && row.Model.PrimaryKey.Columns.Count > 0
            ? [.. row.Model.PrimaryKey.Columns.Select(c => new SqlOrdering(new SqlColumnExpression(row.Alias, c.ColumnName)))]
            : null;

    // An ordering applied after Skip/Take applies to the page: cut it first, in a derived table.
    private static void KeepPage(OperatorState state, string name)
    {
        if (!state.Paged)
        {
            return;
        }

        if (!PagingHandler.CanWrap(state))
        {
            throw new QueryTranslationException(null, $"{name} after Skip/Take is supported only over the rows themselves, ordered by their own columns.",
                $"Apply {name} before Skip/Take, or order by the row's own columns and project last.");
        }

        PagingHandler.WrapPaged(state);
    }
}

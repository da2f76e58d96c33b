using System.Linq.Expressions;
using Linq.Querying.Expressions;
using Linq.Querying.Model;
using Linq.Sql.Syntax;

namespace Linq.Querying.Operators;

/// <summary>
/// Union, Concat, Intersect and Except: the query so far and the second query, each a complete select of its own
/// (with its own WHERE, and ORDER BY/LIMIT/OFFSET when it is paged), combined by UNION, UNION ALL, INTERSECT or
/// EXCEPT into a derived table that later operators read from. SQL's set operators compare rows as .NET's default
/// equality compares the elements (NULLs equal to each other; whole rows by their columns, which for rows of one table
/// is their identity), and like .NET Union/Intersect/Except they return distinct rows, Concat (UNION ALL) keeps duplicates.
/// </summary>
internal static class SetOperationHandler
{
    /// <summary>The elements after the set operator and the sources of the first sequence that no longer stand for them.</summary>
    internal sealed record Result(Expression Selector, IReadOnlyList<QuerySource> Retired);

    public static Result Apply(OperatorState state, Expression selector, SetOperator set, Func<QueryModel, (OperatorState State, Expression Selector)> translate)
    {
        if (state.Options.Keyset is not null)
        {
            throw new QueryTranslationException(null, $"keyset paging (Cursor, ToPageAsync) over {set.Operation} is not supported.",
                "Page each query separately, or use Skip/Take after the set operator.");
        }

        var operation = set.Operation;
        var left = SetOperand.Of(state, selector, operation);
        var (rightState, rightSelector) = translate(SecondModel(set, selector.Type, state.Context.Values));
        var right = SetOperand.Of(rightState, rightSelector, operation);
        if (left.Layout != right.Layout)
        {
            throw new QueryTranslationException(set.Second, $"both sequences of {operation} must select the same way: whole rows, or the same members built the same way.",
                "Write both projections alike (the same anonymous type members or initializer assignments, in the same order).");
        }

        var alias = state.Context.NextAlias();
        var source = new SqlSetOperation(SqlOperator(operation), Side(state, left), Side(rightState, right), alias);
        Expression rebuilt = selector;
        if (left.Row is null)
        {
            // Built before the scope is replaced: rebuilding translates the left selector's values again.
            rebuilt = left.Rebuild(state, operation, (i, node) =>
            {
                var (leftValue, _) = left.Values[i];
                var (rightValue, _) = right.Values[i];
                var column = leftValue.Column is { } l && rightValue.Column is { } r && l.StoreType == r.StoreType && l.ClrType == r.ClrType ? l : null;
                return new DerivedColumnExpression(alias, SetOperand.ColumnName(i), node.Type, leftValue.MayBeNull || rightValue.MayBeNull, column);
            });
        }

        var retired = new List<QuerySource>(state.RowSources);
        state.NewScope();
        state.Source = source;
        state.Where.Clear();
        state.Having.Clear();
        state.GroupBy.Clear();
        state.OrderBy = [];
        state.Limit = null;
        state.Offset = null;
        state.Distinct = false;
        state.OuterSelector = null;
        state.PageKeys = null;
        state.RowSources.Clear();
        state.Row = null;

        if (left.Row is not { } row)
        {
            return new Result(rebuilt, retired);
        }

        // The combined rows are rows of the same model, under the derived table's alias: the first sequence's row
        // variables, the front end's source for the combined elements, and a fresh one stand for them.
        var binding = new SourceBinding(alias, row.Model, state.Scope, row.Optional || right.Row!.Optional);
        state.Row = binding;
        var combined = new QuerySource(alias, selector.Type);
        foreach (var rowSource in retired.Where(s => s.ItemType == selector.Type).Append(combined).Concat(set.Result is { } r ? [r] : []))
        {
            state.Context.Bind(rowSource, binding);
            state.RowSources.Add(rowSource);
        }

        return new Result(new QuerySourceExpression(combined), [.. retired.Where(s => s.ItemType != selector.Type)]);
    }

    // A side's ordering only matters to its LIMIT/OFFSET: the combined rows have no order until one is applied after.
    private static SqlSelectStatement Side(OperatorState state, SetOperand operand)
    {
        // The lists are copied: the state's own are cleared for the select around the combined rows.
        var select = state.Select(state.Source, operand.Items()) with { GroupBy = [.. state.GroupBy], Joins = [.. state.Scope.Joins] };
        return state.Paged ? select with { OrderBy = [.. select.OrderBy] } : select with { OrderBy = [] };
    }

    private static QueryModel SecondModel(SetOperator set, Type elementType, object?[] values)
    {
        switch (set.Second)
        {
            case SubqueryExpression { Model: var model }:
                return model;
            case ConstantExpression { Value: IQueryable queryable } table:
            {
                // The whole table: from x in table select x.
                var source = new QuerySource("x", queryable.ElementType);
                return new QueryModel(source, table, [], new QuerySourceExpression(source), []);
            }

            case var local when SqlExpressionTranslator.IsValue(local) && !SqlExpressionTranslator.IsTable(local, values) && Contract.ScalarType.Find(elementType) is not null:
            {
                // A local collection of values: from v in values select v (see SourceHandler).
                var source = new QuerySource("v", elementType);
                return new QueryModel(source, local, [], new QuerySourceExpression(source), []);
            }

            default:
                throw new QueryTranslationException(set.Second, $"the second sequence of {set.Operation} must be a query of this database or a local collection of values.",
                    "Start the second sequence from a table (db.Users.Where(…)), or filter with a local list instead (Where(x => list.Contains(x.Id))).");
        }
    }

    private static SqlSetOperator SqlOperator(SetOperation operation) => operation switch
    {
        SetOperation.Union => SqlSetOperator.Union,
        SetOperation.Concat => SqlSetOperator.UnionAll,
        SetOperation.Intersect => SqlSetOperator.Intersect,
        SetOperation.Except => SqlSetOperator.Except,
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    /// <summary>
    /// Later operators of the same query, rebased onto the combined elements: the front end's source for them becomes
    /// the new selector; a reference to a retired row variable cannot be rebased and is refused.
    /// </summary>
    public static IReadOnlyList<QueryOperator> Rebase(IReadOnlyList<QueryOperator> later, SetOperator set, Result result)
    {
        var rebased = later.Select(op => op.Transform(e => Replace(e, set.Result, result.Selector))).ToList();
        foreach (var op in rebased)
        {
            op.Transform(e =>
            {
                if (Mentions(e, result.Retired))
                {
                    throw new QueryTranslationException(null, $"'{op}' after {set.Operation} over a projection refers to the rows before the set operator.",
                        $"Select first, then apply it: e.g. q1.{set.Operation}(q2).Select(x => x).{op}.");
                }

                return e;
            });
        }

        return rebased;
    }

    private static Expression Replace(Expression expression, QuerySource? source, Expression replacement) =>
        source is null ? expression : new Replacer(source, replacement).Visit(expression)!;

    private static bool Mentions(Expression expression, IReadOnlyList<QuerySource> sources)
    {
        var finder = new Finder(sources);
        finder.Visit(expression);
        return finder.Found;
    }

    private sealed class Replacer(QuerySource source, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitExtension(Expression node) =>
            node is QuerySourceExpression reference && reference.Source == source ? replacement : base.VisitExtension(node);
    }

    private sealed class Finder(IReadOnlyList<QuerySource> sources) : ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override Expression VisitExtension(Expression node)
        {
            Found |= node is QuerySourceExpression reference && sources.Contains(reference.Source);
            return base.VisitExtension(node);
        }
    }
}

using System.Linq.Expressions;
using Linq.Querying.Model;
using Remotion.Linq.Clauses.Expressions;
using Remotion.Linq.Clauses.ResultOperators;
using IBodyClause = Remotion.Linq.Clauses.IBodyClause;
using IQuerySource = Remotion.Linq.Clauses.IQuerySource;
using RelinqAdditionalFromClause = Remotion.Linq.Clauses.AdditionalFromClause;
using RelinqGroupJoinClause = Remotion.Linq.Clauses.GroupJoinClause;
using RelinqJoinClause = Remotion.Linq.Clauses.JoinClause;
using RelinqModel = Remotion.Linq.QueryModel;
using RelinqOrderByClause = Remotion.Linq.Clauses.OrderByClause;
using RelinqOrderingDirection = Remotion.Linq.Clauses.OrderingDirection;
using RelinqWhereClause = Remotion.Linq.Clauses.WhereClause;
using ResultOperatorBase = Remotion.Linq.Clauses.ResultOperatorBase;

namespace Linq.Querying.Relinq;

/// <summary>
/// re-linq's QueryModel to ours, recursively: every <see cref="IQuerySource"/> (from clause, group) becomes one
/// <see cref="QuerySource"/>, every reference to it a <see cref="QuerySourceExpression"/> to that same object, every
/// sub-query a <see cref="SubqueryExpression"/> over its converted model. Clauses and operators the translators do
/// not know keep their re-linq text, so the translator that meets them reports them where it did before.
/// </summary>
internal sealed class QueryModelConverter : ExpressionVisitor
{
    private readonly Dictionary<IQuerySource, QuerySource> _sources = new(ReferenceEqualityComparer.Instance);

    private QueryModelConverter()
    {
    }

    public static QueryModel Convert(RelinqModel model) => new QueryModelConverter().ConvertModel(model);

    private QueryModel ConvertModel(RelinqModel model)
    {
        var source = Source(model.MainFromClause);
        var from = Visit(model.MainFromClause.FromExpression)!;
        var clauses = model.BodyClauses.Select(Clause).ToList();
        var selector = Visit(model.SelectClause.Selector)!;
        var operators = new List<QueryOperator>(model.ResultOperators.Count);
        foreach (var op in model.ResultOperators)
        {
            // Cast and OfType change what the rows are, not which SQL reads them (see ElementConversion).
            if (ElementConversion.Of(op) is { } conversion)
            {
                selector = conversion.Apply(selector, clauses, operators);
                continue;
            }

            operators.Add(Operator(op, selector.Type));
        }

        // table.Select(x => x.A).Contains(v), at the top or as EF's IN over a subquery (Where(t => other.Select(…).Contains(t.Id))),
        // is table.Any(x => x.A == v): Contains compares with the default equality, which for the scalars the front end
        // lets through is C#'s == (null equals null), and that is what the WHERE translates. Captured lists and
        // navigations keep their own Contains translation.
        if (operators is [.., ContainsOperator contains] && IsTable(from) && selector is not QuerySourceExpression
            && selector.Type == contains.Item.Type)
        {
            // Distinct does not change which values are there: it goes. Skip/Take do: the search then runs over the page
            // of rows, a query over the query as re-linq writes q.Take(n).Where(x => x.A == v).Any().
            var before = operators.Take(operators.Count - 1).ToList();
            if (before.All(o => o is DistinctOperator))
            {
                clauses.Add(new WhereClause(Expression.Equal(selector, contains.Item)));
                return new QueryModel(source, from, clauses, selector, [new AnyOperator()]);
            }

            if (before.All(o => o is TakeOperator or SkipOperator))
            {
                var inner = new QueryModel(source, from, clauses, new QuerySourceExpression(source), before);
                var paged = new QuerySource(source.Name, source.ItemType);
                var value = QueryModel.Replace(selector, source, new QuerySourceExpression(paged));
                return new QueryModel(paged, new SubqueryExpression(inner, from.Type),
                    [new WhereClause(Expression.Equal(value, contains.Item))], new QuerySourceExpression(paged), [new AnyOperator()]);
            }
        }

        return new QueryModel(source, from, clauses, selector, operators);
    }

    // A table: a constant, or a placeholder for a captured one (db.Lines inside a lambda, db captured).
    private static bool IsTable(Expression from) =>
        from is ConstantExpression { Value: IQueryable } || (from is Caching.QueryParameterExpression && typeof(IQueryable).IsAssignableFrom(from.Type));

    private QuerySource Source(IQuerySource source)
    {
        if (!_sources.TryGetValue(source, out var converted))
        {
            converted = new QuerySource(source.ItemName, source.ItemType);
            _sources.Add(source, converted);
        }

        return converted;
    }

    private QueryClause Clause(IBodyClause clause) => clause switch
    {
        RelinqWhereClause where => new WhereClause(Visit(where.Predicate)!),
        RelinqOrderByClause orderBy => new OrderByClause(
            [.. orderBy.Orderings.Select(o => new Ordering(Visit(o.Expression)!, o.OrderingDirection == RelinqOrderingDirection.Desc))]),
        RelinqJoinClause join => Join(join),
        RelinqGroupJoinClause groupJoin => new GroupJoinClause(Source(groupJoin), Join(groupJoin.JoinClause)),
        RelinqAdditionalFromClause from => new AdditionalFromClause(Source(from), Visit(from.FromExpression)!),
        _ => new UnsupportedClause(clause.ToString() ?? clause.GetType().Name),
    };

    private JoinClause Join(RelinqJoinClause join) =>
        new(Source(join), Visit(join.InnerSequence)!, Visit(join.OuterKeySelector)!, Visit(join.InnerKeySelector)!);

    // selectorType: the type of the values the operator reads (after any Cast before it).
    private QueryOperator Operator(ResultOperatorBase op, Type selectorType) => op switch
    {
        TakeResultOperator take => new TakeOperator(Visit(take.Count)!),
        SkipResultOperator skip => new SkipOperator(Visit(skip.Count)!),
        DistinctResultOperator => new DistinctOperator(),
        FirstResultOperator first => new FirstOperator(first.ReturnDefaultWhenEmpty),
        SingleResultOperator single => new SingleOperator(single.ReturnDefaultWhenEmpty),
        CountResultOperator => new CountOperator(),
        LongCountResultOperator => new LongCountOperator(),
        AnyResultOperator => new AnyOperator(),
        AllResultOperator all => new AllOperator(Visit(all.Predicate)!),
        ContainsResultOperator contains => new ContainsOperator(Visit(contains.Item)!),
        SumResultOperator => new AggregateOperator(AggregateFunction.Sum, selectorType),
        MinResultOperator => new AggregateOperator(AggregateFunction.Min, selectorType),
        MaxResultOperator => new AggregateOperator(AggregateFunction.Max, selectorType),
        AverageResultOperator => new AggregateOperator(AggregateFunction.Average, AverageType(selectorType)),
        DefaultIfEmptyResultOperator { OptionalDefaultValue: null } => new DefaultIfEmptyOperator(),
        GroupResultOperator group => new GroupByOperator(Visit(group.KeySelector)!, Visit(group.ElementSelector)!, Source(group)),
        UnionResultOperator union => new SetOperator(SetOperation.Union, Visit(union.Source2)!, Source(union)),
        ConcatResultOperator concat => new SetOperator(SetOperation.Concat, Visit(concat.Source2)!, Source(concat)),
        IntersectResultOperator intersect => new SetOperator(SetOperation.Intersect, Visit(intersect.Source2)!, null),
        ExceptResultOperator except => new SetOperator(SetOperation.Except, Visit(except.Source2)!, null),
        LastResultOperator last => new LastOperator(last.ReturnDefaultWhenEmpty),
        ReverseResultOperator => new ReverseOperator(),
        ExtremeByResultOperator extreme => new ExtremeByOperator(Visit(extreme.KeySelector)!, extreme.Max),
        ElementAtResultOperator elementAt => new ElementAtOperator(Visit(elementAt.Index)!, elementAt.ReturnDefaultWhenEmpty),
        FromEndResultOperator fromEnd => new FromEndOperator(Visit(fromEnd.Count)!, fromEnd.Skip),
        DistinctByResultOperator distinctBy => new DistinctByOperator(Visit(distinctBy.KeySelector)!),
        _ => new UnsupportedOperator(op.ToString() ?? op.GetType().Name),
    };

    // Enumerable/Queryable.Average's result: a double for int and long values, the values' own type otherwise (as re-linq
    // computes it, without its output-type machinery, which makes generic types at run time).
    private static Type AverageType(Type values) =>
        values == typeof(int) || values == typeof(long) ? typeof(double)
        : values == typeof(int?) || values == typeof(long?) ? typeof(double?)
        : values;

    public override Expression? Visit(Expression? node) => node switch
    {
        SubQueryExpression subQuery => new SubqueryExpression(ConvertModel(subQuery.QueryModel), subQuery.Type),
        QuerySourceReferenceExpression reference => new QuerySourceExpression(Source(reference.ReferencedQuerySource)),
        // re-linq evaluates what needs no row data; here that is only what our placeholders left (a failing constructor, say).
        PartialEvaluationExceptionExpression failed => throw new QueryTranslationException(failed.EvaluatedExpression,
            "evaluating it on the client threw: " + failed.Exception.Message),
        _ => base.Visit(node),
    };
}

using System.Linq.Expressions;
using Linq.Querying.Model;

namespace Linq.Querying.Operators;

/// <summary>
/// Removes group joins (<c>join b in db.B on a.X equals b.Y into g</c>) from a model: each query over
/// <c>g</c> becomes the same query over the inner table, correlated by the join's keys. <c>g.Count()</c> becomes
/// a correlated sub-select; <c>from x in g.DefaultIfEmpty()</c> a correlated second from, which
/// <see cref="JoinHandler"/> turns into a LEFT JOIN. The group itself, as a value, has no translation.
/// </summary>
internal static class GroupJoinRewriter
{
    public static QueryModel Rewrite(QueryModel model, object?[] values) => new Rewriter([], values).Model(model);

    private sealed class Rewriter(Dictionary<QuerySource, JoinClause> groups, object?[] values) : ExpressionVisitor
    {
        public QueryModel Model(QueryModel model)
        {
            var rewriter = this;
            if (model.Clauses.Any(c => c is GroupJoinClause))
            {
                var local = new Dictionary<QuerySource, JoinClause>(groups);
                var clauses = new List<QueryClause>();
                foreach (var clause in model.Clauses)
                {
                    switch (clause)
                    {
                        case GroupJoinClause groupJoin:
                            local[groupJoin.Source] = groupJoin.Join;
                            break;
                        case AdditionalFromClause { From: QuerySourceExpression group } additional when local.ContainsKey(group.Source):
                        {
                            // from x in g: the rows of g, as the query over g that the visitor correlates.
                            var rows = new QuerySource(additional.Source.Name, additional.Source.ItemType);
                            var all = new QueryModel(rows, group, [], new QuerySourceExpression(rows), []);
                            clauses.Add(additional with { From = new SubqueryExpression(all, group.Type) });
                            break;
                        }

                        default:
                            clauses.Add(clause);
                            break;
                    }
                }

                model = new QueryModel(model.Source, model.From, clauses, model.Selector, model.Operators);
                rewriter = new Rewriter(local, values);
            }

            return model.Transform(e => rewriter.Visit(e)!);
        }

        protected override Expression VisitExtension(Expression node)
        {
            switch (node)
            {
                case SubqueryExpression { Model.From: QuerySourceExpression group } subquery when groups.TryGetValue(group.Source, out var join):
                    return new SubqueryExpression(Model(Correlate(subquery.Model, join, values)), subquery.Type);
                case SubqueryExpression subquery:
                    var model = Model(subquery.Model);
                    return model == subquery.Model ? subquery : new SubqueryExpression(model, subquery.Type);
                case QuerySourceExpression reference when groups.ContainsKey(reference.Source):
                    throw new QueryTranslationException(reference, "the group of a group join can be read only by a query over it.",
                        "Use an aggregate (g.Count(), g.Any(…), g.Sum(x => x.Value)), a left join (from x in g.DefaultIfEmpty()), "
                        + "or a collection navigation for the related rows themselves (Select(a => new { a, a.Posts })).");
                default:
                    return base.VisitExtension(node);
            }
        }

        // from x in g …  =>  from x in InnerTable where [inner filters] where outerKey equals innerKey(x) …
        private static QueryModel Correlate(QueryModel overGroup, JoinClause join, object?[] values)
        {
            var rows = overGroup.Source;
            var sequence = JoinSequence.Read(join.Inner, join.Inner, values);
            var self = new QuerySourceExpression(rows);
            var clauses = new List<QueryClause>();
            foreach (var filter in sequence.Filters)
            {
                clauses.Add(new WhereClause(Replace(filter, sequence.Source!, self)));
            }

            clauses.Add(new WhereClause(new JoinKeyExpression(join.OuterKey, Replace(join.InnerKey, join.Source, self))));
            clauses.AddRange(overGroup.Clauses);
            return new QueryModel(rows, sequence.Table, clauses, overGroup.Selector, overGroup.Operators);
        }

        private static Expression Replace(Expression expression, QuerySource source, Expression replacement) =>
            new SourceReplacer(source, replacement).Visit(expression)!;
    }

    private sealed class SourceReplacer(QuerySource source, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitExtension(Expression node) =>
            node is QuerySourceExpression reference && reference.Source == source ? replacement : base.VisitExtension(node);
    }
}

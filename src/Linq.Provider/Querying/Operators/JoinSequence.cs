using System.Linq.Expressions;
using Linq.Querying.Expressions;
using Linq.Querying.Model;

namespace Linq.Querying.Operators;

/// <summary>
/// The inner sequence of a join: a table (<c>db.Posts</c>), or a table filtered with Where
/// (<c>db.Posts.Where(p =&gt; p.Published)</c>), whose filter becomes part of the join's condition.
/// </summary>
internal sealed record JoinSequence(Expression Table, QuerySource? Source, IReadOnlyList<Expression> Filters)
{
    public static JoinSequence Read(Expression inner, Expression at, object?[] values)
    {
        switch (inner)
        {
            case var table when SqlExpressionTranslator.IsTable(table, values):
                return new JoinSequence(table, null, []);
            case SubqueryExpression { Model: var model } when model.Operators.Count == 0
                && SqlExpressionTranslator.IsTable(model.From, values)
                && model.Selector is QuerySourceExpression { Source: var selected } && selected == model.Source
                && model.Clauses.All(c => c is WhereClause):
                return new JoinSequence(model.From, model.Source, [.. model.Clauses.Cast<WhereClause>().Select(w => w.Predicate)]);
            default:
                throw new QueryTranslationException(at, "the inner sequence of a join must be a table, optionally filtered with Where.",
                    "Join a table (e.g. join p in db.Posts on …), and order, page or project after the join; write a filter in the query, not in a captured query variable.");
        }
    }
}

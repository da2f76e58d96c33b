using System.Linq.Expressions;
using System.Text;

namespace Linq.Querying.Model;

/// <summary>
/// One query as the translators read it: <c>from Source in From</c>, then the body clauses (where, order by),
/// <c>select Selector</c>, then the result operators in LINQ order (Take, Skip, Distinct, GroupBy, First, Count, …).
/// <para>
/// <see cref="From"/> is what the rows come from: a table (a constant <see cref="IQueryable"/>), a collection
/// navigation of an outer row (<c>[u].Posts</c>), a group (<c>[g]</c>), a local value, or a
/// <see cref="SubqueryExpression"/> when an operator follows one that ends a query (Skip, Take, Distinct, GroupBy):
/// <c>db.Users.Take(5).Select(…)</c> is a query over the query <c>db.Users.Take(5)</c>.
/// </para>
/// Built by the front end (<see cref="IQueryFrontEnd"/>); immutable: <see cref="Transform"/> returns a new model.
/// </summary>
internal sealed class QueryModel(QuerySource source, Expression from, IReadOnlyList<QueryClause> clauses, Expression selector,
    IReadOnlyList<QueryOperator> operators)
{
    public QuerySource Source { get; } = source;

    public Expression From { get; } = from;

    public IReadOnlyList<QueryClause> Clauses { get; } = clauses;

    public Expression Selector { get; } = selector;

    public IReadOnlyList<QueryOperator> Operators { get; } = operators;

    /// <summary>The model with <paramref name="transform"/> applied to each of its expressions; this one when nothing changed.</summary>
    public QueryModel Transform(Func<Expression, Expression> transform)
    {
        var changed = false;
        T Apply<T>(T item, T result) where T : class
        {
            changed |= !ReferenceEquals(item, result);
            return result;
        }

        var from = Apply(From, transform(From));
        var clauses = Clauses.Select(c => Apply(c, c.Transform(transform))).ToList();
        var selector = Apply(Selector, transform(Selector));
        var operators = Operators.Select(o => Apply(o, o.Transform(transform))).ToList();
        return changed ? new QueryModel(Source, from, clauses, selector, operators) : this;
    }

    /// <summary>The model with every reference to <paramref name="source"/>, here and in nested sub-queries, replaced by <paramref name="replacement"/>.</summary>
    public QueryModel Replace(QuerySource source, Expression replacement) =>
        Transform(e => SourceReplacer.Replace(e, source, replacement));

    /// <summary><paramref name="expression"/> with every reference to <paramref name="source"/> replaced by <paramref name="replacement"/>.</summary>
    public static Expression Replace(Expression expression, QuerySource source, Expression replacement) =>
        SourceReplacer.Replace(expression, source, replacement);

    public override string ToString()
    {
        var text = new StringBuilder();
        if (Clauses.Count == 0 && Selector is QuerySourceExpression { Source: var selected } && selected == Source)
        {
            // The rows themselves: just where they come from.
            text.Append(From);
        }
        else
        {
            AppendQuery(text);
        }

        foreach (var op in Operators)
        {
            text.Append(" => ").Append(op);
        }

        return text.ToString();
    }

    private void AppendQuery(StringBuilder text)
    {
        text.Append("from ").Append(Source.ItemType.Name).Append(' ').Append(Source.Name).Append(" in ").Append(From);
        foreach (var clause in Clauses)
        {
            text.Append(' ').Append(clause);
        }

        text.Append(" select ").Append(Selector);
    }

    private sealed class SourceReplacer(QuerySource source, Expression replacement) : ExpressionVisitor
    {
        public static Expression Replace(Expression expression, QuerySource source, Expression replacement) =>
            new SourceReplacer(source, replacement).Visit(expression)!;

        // A sub-query's children are its model's expressions (see SubqueryExpression.VisitChildren).
        protected override Expression VisitExtension(Expression node) =>
            node is QuerySourceExpression reference && reference.Source == source ? replacement : base.VisitExtension(node);
    }
}

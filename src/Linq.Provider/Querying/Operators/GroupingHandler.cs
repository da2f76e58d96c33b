using System.Linq.Expressions;
using Linq.Querying.Expressions.Groups;
using Linq.Querying.Model;
using Linq.Sql.Syntax;

namespace Linq.Querying.Operators;

/// <summary>
/// GroupBy: the rows under a group become the FROM, the key becomes GROUP BY, and Where after the GroupBy becomes
/// HAVING (see <see cref="QueryModelTranslator"/>).
/// </summary>
internal static class GroupingHandler
{
    /// <summary>
    /// Groups the rows of <paramref name="inner"/> (already bound) by <paramref name="group"/>'s key; the inner
    /// query's Where clauses filter the rows before grouping, and <paramref name="groups"/> stands for the groups.
    /// </summary>
    public static void GroupBy(OperatorState state, QuerySource groups, QueryModel inner, GroupByOperator group)
    {
        foreach (var clause in inner.Clauses)
        {
            switch (clause)
            {
                case WhereClause where:
                    state.Where.Add(state.Expressions.TranslatePredicate(where.Predicate));
                    break;
                case JoinClause join:
                    JoinHandler.Join(state, join);
                    break;
                case AdditionalFromClause from:
                    JoinHandler.From(state, from);
                    break;
                default:
                    throw new QueryTranslationException(null, $"Cannot translate '{clause}' before GroupBy.");
            }
        }

        // The elements are the query's rows, or after a join one of its rows (group p by u.Name), or a value selected
        // from the rows (GroupBy(t => t.GenreId, t => t.Milliseconds)), which queries over a group read in place of their element.
        Expression? elementSelector = null;
        if (group.ElementSelector is not QuerySourceExpression { Source: var elementSource }
            || (elementSource != inner.Source && !state.Joined) || state.Context.Find(elementSource) is not { } elements)
        {
            elements = state.Context.Find(inner.Source) ?? throw new QueryTranslationException(group.ElementSelector, "GroupBy with this element selector is not supported.",
                "Group the rows themselves and project inside the aggregate, e.g. g.Sum(x => x.Value).");
            elementSelector = group.ElementSelector;
        }

        // The grouped row's key tells elements apart (ties of an ordering inside a group) unless a selected value may read
        // several joined rows.
        var sourceOrder = (elementSelector is null || !state.Joined) && elements.Model.PrimaryKey.Columns.Count > 0
            ? elements.Model.PrimaryKey.Columns.Select(c => new SqlOrdering(new SqlColumnExpression(elements.Alias, c.ColumnName), NullsLow: elements.Optional)).ToList()
            : null;
        var binding = new GroupBinding(group.KeySelector, elements, elementSelector) { SourceOrder = sourceOrder };
        state.Context.BindGroup(groups, binding);
        state.GroupBy.AddRange(KeyParts(group.KeySelector).Select(k => GroupTranslator.KeyPart(state.Expressions, binding, k).Sql));
    }

    private static IEnumerable<Expression> KeyParts(Expression key) => key switch
    {
        NewExpression @new => @new.Arguments,
        MemberInitExpression init => init.Bindings.Cast<MemberAssignment>().Select(b => b.Expression),
        _ => [key],
    };
}

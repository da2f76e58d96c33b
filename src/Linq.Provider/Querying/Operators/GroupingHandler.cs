using System.Linq.Expressions;
using Linq.Querying.Expressions.Groups;
using Linq.Querying.Model;

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

        // The elements are the query's rows, or after a join one of its rows (group p by u.Name).
        if (group.ElementSelector is not QuerySourceExpression { Source: var elementSource }
            || (elementSource != inner.Source && !state.Joined) || state.Context.Find(elementSource) is not { } elements)
        {
            throw new QueryTranslationException(group.ElementSelector, "GroupBy with an element selector is not supported.",
                "Group the rows themselves and project inside the aggregate, e.g. g.Sum(x => x.Value).");
        }

        var binding = new GroupBinding(group.KeySelector, elements);
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

using System.Linq.Expressions;
using Linq.Querying.Model;
using Linq.Querying.Operators;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Groups;

/// <summary>
/// Expressions over a GroupBy's groups: <c>g.Key</c> (and the parts of a composite key), translated once per
/// query, and aggregates over a group's rows (<c>g.Count()</c>, <c>g.Sum(x => x.V)</c>, <c>g.Count(x => …)</c>).
/// </summary>
internal static class GroupTranslator
{
    /// <summary><c>g.Key</c>, or <c>g.Key.Part</c> of a composite key, translated from the key selector; null when the member is neither.</summary>
    public static SqlValue? Key(SqlExpressionTranslator translator, MemberExpression member)
    {
        var context = translator.Context;
        if (member is { Member.Name: "Key", Expression: QuerySourceExpression reference }
            && context.FindGroup(reference.Source) is { } group)
        {
            if (group.KeySelector is NewExpression or MemberInitExpression)
            {
                throw new QueryTranslationException(member, "a composite key cannot be used as one value.", "Use its parts, e.g. g.Key.Role.");
            }

            return KeyPart(translator, group, group.KeySelector);
        }

        if (member.Expression is MemberExpression { Member.Name: "Key", Expression: QuerySourceExpression outerReference }
            && context.FindGroup(outerReference.Source) is { } composite)
        {
            switch (composite.KeySelector)
            {
                case NewExpression { Members: { } members } @new:
                    for (var i = 0; i < members.Count; i++)
                    {
                        if (members[i].Name == member.Member.Name)
                        {
                            return KeyPart(translator, composite, @new.Arguments[i]);
                        }
                    }

                    break;
                case MemberInitExpression init:
                    foreach (var binding in init.Bindings)
                    {
                        if (binding is MemberAssignment assignment && assignment.Member.Name == member.Member.Name)
                        {
                            return KeyPart(translator, composite, assignment.Expression);
                        }
                    }

                    break;
            }

            return translator.Members(member, translator.Translate(member.Expression));
        }

        return null;
    }

    /// <summary>A part of a group key, translated once per query.</summary>
    public static SqlValue KeyPart(SqlExpressionTranslator translator, GroupBinding group, Expression part)
    {
        if (!group.Parts.TryGetValue(part, out var value))
        {
            value = translator.Translate(part);
            // A bool key is never null in C# (t.Name == t.Composer is false when Composer is null), but its SQL may be:
            // grouped as it stands, NULL would be a group of its own beside FALSE.
            if (part.Type == typeof(bool) && value.MayBeNull)
            {
                value = new SqlValue(translator.TwoValued(value), false);
            }

            group.Parts[part] = value;
        }

        return value;
    }

    // An aggregate over the rows of a group (g.Count(), g.Sum(x => x.V), g.Count(x => …)): an aggregate call in the
    // grouped SELECT; a filter inside the group becomes CASE WHEN, so other aggregates still see every row.
    public static SqlValue Aggregate(SqlExpressionTranslator outer, SubqueryExpression subQuery, GroupBinding group)
    {
        var model = subQuery.Model;
        outer.Context.Bind(model.Source, group.Elements);
        SqlExpression? filter = null;
        foreach (var clause in model.Clauses)
        {
            filter = clause is WhereClause w
                ? And(filter, outer.TranslatePredicate(w.Predicate))
                : throw new QueryTranslationException(subQuery, $"the clause '{clause}' is not supported inside a group.");
        }

        SqlExpression Filtered(SqlExpression value) => filter is null ? value : new SqlCaseExpression([new SqlCaseWhen(filter, value)], null);

        switch (model.Operators[0])
        {
            case CountOperator:
            case LongCountOperator:
            {
                SqlExpression count = filter is null
                    ? new SqlFunctionExpression("count", SqlStarExpression.Instance)
                    : new SqlFunctionExpression("count", Filtered(SqlLiteralExpression.Integer(1)));
                return new SqlValue(model.Operators[0] is CountOperator ? new SqlCastExpression(count, "integer") : count, false);
            }

            case AnyOperator:
                return new SqlValue(new SqlBinaryExpression(SqlBinaryOperator.GreaterThan, new SqlFunctionExpression("count", Filtered(SqlLiteralExpression.Integer(1))), SqlLiteralExpression.Integer(0)), false);
            case AllOperator all:
            {
                var predicate = outer.TwoValued(outer.Translate(all.Predicate));
                var holds = new SqlFunctionExpression("bool_and", filter is null ? predicate : new SqlCaseExpression([new SqlCaseWhen(filter, predicate)], null));
                return new SqlValue(new SqlFunctionExpression("COALESCE", holds, SqlLiteralExpression.True), false);
            }

            case AggregateOperator aggregateOperator:
            {
                var selected = outer.Translate(model.Selector);
                var function = Aggregates.FunctionOf(aggregateOperator.Function);
                var aggregate = Aggregates.Typed(function, Filtered(selected.Sql), subQuery.Type, subQuery);

                return new SqlValue(aggregate, function != "sum");
            }

            default:
                throw new QueryTranslationException(subQuery, $"the operator '{model.Operators[0]}' is not supported on a group.",
                    "Supported: Count, LongCount, Any, All, Sum, Min, Max, Average.");
        }
    }

    private static SqlExpression And(SqlExpression? left, SqlExpression right) => left is null ? right : new SqlBinaryExpression(SqlBinaryOperator.And, left, right);
}

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
    // grouped SELECT; a filter inside the group becomes CASE WHEN, so other aggregates still see every row. An ordering
    // inside the group changes none of them. The element of a group by an ordering (First, Last) and distinct counts:
    // see GroupElement and DistinctCount.
    public static SqlValue Aggregate(SqlExpressionTranslator outer, SubqueryExpression subQuery, GroupBinding group)
    {
        var rows = GroupRows.Read(outer, subQuery, group);
        switch (rows.Operators)
        {
            case [FirstOperator or LastOperator]:
                return GroupElement.Of(outer, rows, subQuery, subQuery).Value(outer);
            case [DistinctOperator, CountOperator or LongCountOperator]:
                return DistinctCount(outer, rows, subQuery);
            case [_]:
                break;
            case []:
                throw new QueryTranslationException(subQuery, "the rows of a group cannot be used as a value here.", SupportedOnGroup);
            default:
                throw new QueryTranslationException(subQuery, $"'{string.Join(" => ", rows.Operators)}' is not supported on a group.", SupportedOnGroup);
        }

        switch (rows.Operators[0])
        {
            case CountOperator:
            case LongCountOperator:
            {
                SqlExpression count = rows.Filter is null
                    ? new SqlFunctionExpression("count", SqlStarExpression.Instance)
                    : new SqlFunctionExpression("count", rows.Filtered(SqlLiteralExpression.Integer(1)));
                return new SqlValue(rows.Operators[0] is CountOperator ? new SqlCastExpression(count, "integer") : count, false);
            }

            case AnyOperator:
                return new SqlValue(new SqlBinaryExpression(SqlBinaryOperator.GreaterThan, new SqlFunctionExpression("count", rows.Filtered(SqlLiteralExpression.Integer(1))), SqlLiteralExpression.Integer(0)), false);
            case AllOperator all:
            {
                var predicate = outer.TwoValued(outer.Translate(all.Predicate));
                var holds = new SqlFunctionExpression("bool_and", rows.Filtered(predicate));
                return new SqlValue(new SqlFunctionExpression("COALESCE", holds, SqlLiteralExpression.True), false);
            }

            case AggregateOperator aggregateOperator:
            {
                var selected = outer.Translate(rows.Element);
                var function = Aggregates.FunctionOf(aggregateOperator.Function);
                var aggregate = Aggregates.Typed(function, rows.Filtered(selected.Sql), subQuery.Type, subQuery);

                return new SqlValue(aggregate, function != "sum");
            }

            default:
                throw new QueryTranslationException(subQuery, $"the operator '{rows.Operators[0]}' is not supported on a group.", SupportedOnGroup);
        }
    }

    /// <summary>
    /// <c>g.Select(x =&gt; v).ToList()</c> (or <c>ToArray()</c>, after <c>Where</c> and <c>OrderBy</c>): <c>array_agg(v ORDER BY …)
    /// FILTER (WHERE …)</c> in the grouped SELECT, in the query's order, ties (or no order) in source order (the grouped row's
    /// key); read as one binary array. Returns the aggregate and the element type.
    /// </summary>
    public static (SqlExpression Sql, Type Element) List(SqlExpressionTranslator outer, SubqueryExpression subQuery, GroupBinding group)
    {
        var rows = GroupRows.Read(outer, subQuery, group);
        var type = rows.Element.Type;
        if (!Linq.Querying.Relations.RelationTranslator.IsArrayElement(type) || outer.Context.Model.Find(type) is not null)
        {
            throw new QueryTranslationException(subQuery, $"a group's list of '{type.Name}' cannot be read: only lists of numbers, text, bool, Guid and dates are.",
                "Select one such value (g.Select(x => x.Id).ToList()), or read the rows of each key with a query over the table (db.T.Where(x => x.Key == key)).");
        }

        var value = outer.Translate(rows.Element);
        if (value.MayBeNull && type.IsValueType && Nullable.GetUnderlyingType(type) is null)
        {
            throw new QueryTranslationException(subQuery, $"the list's values may be NULL, which a list of '{type.Name}' cannot hold.",
                $"Select a nullable value (g.Select(x => ({type.Name}?)…).ToList()).");
        }

        var order = rows.TotalOrder;
        if (order.Count == 0)
        {
            throw new QueryTranslationException(subQuery, "the group's list has no order: its rows have no key that stands for source order.",
                "Order inside the group: g.OrderBy(x => …).Select(…).ToList().");
        }

        var sql = type == typeof(bool) ? outer.TwoValued(value) : value.Sql;
        return (new SqlAggregateExpression("array_agg", [sql], order, Filter: rows.Filter), type);
    }

    /// <summary>What a query over a group may end in (the advice of a refusal).</summary>
    public const string SupportedOnGroup =
        "Supported on a group: Count, LongCount, Any, All, Sum, Min, Max, Average, Select(…).Distinct().Count(), "
        + "OrderBy(…).First()/FirstOrDefault()/Last()/LastOrDefault() (with Select and Where), and lists of values, one per value: g.Select(x => x.Id).ToList() (or ToArray()).";

    /// <summary>
    /// <c>g.Select(x =&gt; v).Distinct().Count()</c>: <c>count(DISTINCT v)</c>, plus one when a NULL is among the values
    /// (.NET counts null as one distinct value; SQL's count skips it).
    /// </summary>
    private static SqlValue DistinctCount(SqlExpressionTranslator outer, GroupRows rows, SubqueryExpression subQuery)
    {
        if (!DistinctComparable(rows.Element.Type) || outer.Context.Model.Find(rows.Element.Type) is not null)
        {
            throw new QueryTranslationException(subQuery, "Distinct inside a group is supported over one value only.",
                "Select one value before Distinct (g.Select(x => x.Value).Distinct().Count()), or count distinct keys with a second GroupBy.");
        }

        var value = outer.Translate(rows.Element);
        var sql = rows.Element.Type == typeof(bool) ? outer.TwoValued(value) : value.Sql;
        SqlExpression count = new SqlAggregateExpression("count", [sql], [], Distinct: true, Filter: rows.Filter);
        if (value.MayBeNull && rows.Element.Type != typeof(bool))
        {
            var isNull = new SqlIsNullExpression(sql, Negated: false);
            var nulls = new SqlAggregateExpression("count", [SqlStarExpression.Instance], [], Filter: rows.Filter is null ? isNull : new SqlBinaryExpression(SqlBinaryOperator.And, rows.Filter, isNull));
            var one = new SqlCastExpression(new SqlBinaryExpression(SqlBinaryOperator.GreaterThan, nulls, SqlLiteralExpression.Integer(0)), "integer");
            count = new SqlBinaryExpression(SqlBinaryOperator.Add, count, one);
        }

        return new SqlValue(rows.Operators[1] is CountOperator ? new SqlCastExpression(count, "integer") : count, false);
    }

    // Arrays and JSON compare by reference in .NET: their distinct values are not SQL's.
    private static bool DistinctComparable(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return Shaping.ProjectionBuilder.IsScalar(t) && !t.IsArray;
    }

    private static SqlExpression And(SqlExpression? left, SqlExpression right) => left is null ? right : new SqlBinaryExpression(SqlBinaryOperator.And, left, right);
}

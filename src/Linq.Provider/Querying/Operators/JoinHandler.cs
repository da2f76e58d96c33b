using System.Linq.Expressions;
using Linq.Contract;
using Linq.Querying.Expressions;
using Linq.Querying.Model;
using Linq.Sql.Syntax;

namespace Linq.Querying.Operators;

/// <summary>
/// Join and SelectMany (a second <c>from</c>): each adds one table to the FROM of the same SELECT. A join is an
/// INNER JOIN on its keys; <c>from p in u.Posts</c> an INNER JOIN on the relation's keys; a second table a CROSS
/// JOIN (a later Where filters it); <c>….DefaultIfEmpty()</c> makes it a LEFT JOIN whose missing row reads as null.
/// Group joins arrive already rewritten (see <see cref="GroupJoinRewriter"/>).
/// </summary>
internal static class JoinHandler
{
    public static void Join(OperatorState state, JoinClause join)
    {
        var sequence = JoinSequence.Read(join.Inner, join.Inner, state.Context.Values);
        var table = state.Context.ModelFor(join.Source.ItemType, join.Inner);
        var filters = sequence.Filters.Prepend(new JoinKeyExpression(join.OuterKey, join.InnerKey)).ToList();
        Add(state, new Rows(table, null, null, sequence.Source is { } source ? [source] : [], filters, false), join.Source, join.Inner);
    }

    public static void From(OperatorState state, AdditionalFromClause from) =>
        Add(state, Read(state, from.From, from.Source.ItemType), from.Source, from.From);

    // What a second from reads: a table, a collection navigation of a row before it, or a query over either with
    // Where clauses and DefaultIfEmpty.
    private static Rows Read(OperatorState state, Expression from, Type itemType)
    {
        switch (from)
        {
            case var table when SqlExpressionTranslator.IsTable(table, state.Context.Values):
                return new Rows(state.Context.ModelFor(itemType, from), null, null, [], [], false);
            case MemberExpression { Expression: not null } member when state.Expressions.ResolveRow(member.Expression) is { } owner:
            {
                var relation = owner.Model.FindRelation(member.Member.Name) is { Kind: RelationKind.ToMany } found
                    ? found
                    : throw new QueryTranslationException(member, $"'{member.Member.Name}' is not a collection navigation of '{owner.Model.Name}'.",
                        "SelectMany reads a table or a collection navigation (e.g. u.Posts).");
                return new Rows(relation.Target, relation, owner, [], [], false);
            }

            case SubqueryExpression { Model: var model } when model.Selector is QuerySourceExpression { Source: var selected } && selected == model.Source
                && model.Operators is [] or [DefaultIfEmptyOperator] && model.Clauses.All(c => c is WhereClause):
            {
                var rows = Read(state, model.From, model.Source.ItemType);
                var filters = model.Clauses.Cast<WhereClause>().Select(w => w.Predicate).ToList();
                if (rows.Optional && filters.Count > 0)
                {
                    throw new QueryTranslationException(from, "a filter after DefaultIfEmpty() is not supported.", "Filter before DefaultIfEmpty() (e.g. u.Posts.Where(…).DefaultIfEmpty()).");
                }

                return rows with
                {
                    Sources = [.. rows.Sources, model.Source],
                    Filters = [.. rows.Filters, .. filters],
                    Optional = rows.Optional || model.Operators.Count > 0,
                };
            }

            case SubqueryExpression:
                throw new QueryTranslationException(from, "the rows of a second from (SelectMany) may only be filtered (Where) and made optional (DefaultIfEmpty()).",
                    "Select, order and page after the SelectMany: SelectMany(u => u.Posts.Where(…), (u, p) => new { … }).OrderBy(…).Take(…).");
            default:
                throw new QueryTranslationException(from, "a second from (SelectMany) must read a table or a collection navigation.",
                    "Use a table (from b in db.B) or a navigation of a row before it (from p in u.Posts); write a filter in the query (from b in db.B.Where(…)), not in a captured query variable.");
        }
    }

    private static void Add(OperatorState state, Rows rows, QuerySource source, Expression at)
    {
        if (state.GroupBy.Count > 0)
        {
            throw new QueryTranslationException(at, "a join after GroupBy is not supported.", "Join before grouping, or join the groups' keys with a navigation.");
        }

        var alias = state.Context.NextAlias();
        var binding = new SourceBinding(alias, rows.Model, state.Scope, rows.Optional);
        foreach (var bound in rows.Sources.Append(source))
        {
            state.Context.Bind(bound, binding);
        }

        var joins = state.Scope.Joins;
        var start = joins.Count;
        var conditions = new List<SqlExpression>();
        if (rows.Relation is { } relation)
        {
            conditions.Add(QueryScope.KeyCondition(rows.Owner!, alias, relation));
        }

        conditions.AddRange(rows.Filters.Select(state.Expressions.TranslatePredicate));
        var on = OperatorState.Conjunction(conditions);

        // The condition may have joined to-one navigations. Those of earlier rows go before this table; those of this
        // row (p.Author in the condition) after it, where ON cannot see them.
        var added = joins.GetRange(start, joins.Count - start);
        joins.RemoveRange(start, added.Count);
        var dependent = new HashSet<string> { alias };
        var after = new List<SqlJoin>();
        foreach (var navigation in added)
        {
            if (References(navigation.On, dependent))
            {
                after.Add(navigation);
                dependent.Add(navigation.Table is SqlTableReference { Alias: { } joined } ? joined : throw new InvalidOperationException("A navigation joins a table."));
            }
            else
            {
                joins.Add(navigation);
            }
        }

        var table = new SqlTableReference(rows.Model.TableName, alias);
        if (after.Count > 0)
        {
            if (rows.Optional)
            {
                throw new QueryTranslationException(at, "the condition of a left join cannot read a navigation of the joined row.",
                    "Compare the joined row's own columns (e.g. its foreign key: p.AuthorId == a.Id), or filter after the join.");
            }

            // An inner join: the same rows when the condition filters the pairs afterwards.
            joins.Add(new SqlJoin(SqlJoinKind.Cross, table, SqlLiteralExpression.True));
            state.Where.Add(on!);
        }
        else
        {
            joins.Add(rows.Optional ? new SqlJoin(SqlJoinKind.Left, table, on ?? SqlLiteralExpression.True)
                : on is null ? new SqlJoin(SqlJoinKind.Cross, table, SqlLiteralExpression.True)
                : new SqlJoin(SqlJoinKind.Inner, table, on));
        }

        joins.AddRange(after);
        state.Joined = true;
    }

    // Whether a navigation's join condition (column comparisons) reads one of the aliases.
    private static bool References(SqlExpression expression, HashSet<string> aliases) => expression switch
    {
        SqlColumnExpression column => column.TableAlias is { } alias && aliases.Contains(alias),
        SqlBinaryExpression binary => References(binary.Left, aliases) || References(binary.Right, aliases),
        _ => true,
    };

    /// <summary>
    /// The rows a join adds: a table, reached over <paramref name="Relation"/> from <paramref name="Owner"/> when a
    /// navigation, filtered, optional for a left join; <paramref name="Sources"/> are the inner queries' own names for them.
    /// </summary>
    private sealed record Rows(ModelMetadata Model, RelationMetadata? Relation, SourceBinding? Owner, IReadOnlyList<QuerySource> Sources,
        IReadOnlyList<Expression> Filters, bool Optional);
}

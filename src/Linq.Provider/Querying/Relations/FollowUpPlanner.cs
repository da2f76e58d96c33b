using System.Linq.Expressions;
using Linq.Contract;
using Linq.Execution;
using Linq.Querying.Expressions;
using Linq.Querying.Paging;
using Linq.Querying.Shaping;
using Linq.Sql.Rendering;
using Linq.Sql.Syntax;

namespace Linq.Querying.Relations;

/// <summary>
/// Plans a <see cref="LoadStrategy.Query"/> relation: <c>SELECT … FROM child WHERE fk = ANY(ARRAY(parent keys)) [AND filter]</c>
/// ordered by the include's order (or the key), with a filtered include's Skip/Take applied per parent through
/// <c>row_number() OVER (PARTITION BY fk …)</c>. Relations below it load with their own strategy.
/// </summary>
/// <remarks>
/// The parent keys are not sent from the client: they are the parent statement's own rows, selected again inside this
/// statement (<see cref="ParentKeys"/>), so every level is known before any row comes back and the root statement and
/// all its levels go in one <see cref="Npgsql.NpgsqlBatch"/> (see <see cref="RelationBatch"/>).
/// </remarks>
internal static class FollowUpPlanner
{
    /// <summary>
    /// Plans <paramref name="include"/> of <paramref name="owner"/> rows for the query translated in <paramref name="query"/>;
    /// <paramref name="parentKeys"/> selects a column of those parent rows (the rows this level attaches to).
    /// </summary>
    public static FollowUpQuery Plan(TranslationContext query, ModelMetadata owner, IncludeNode include, StrategyChoice strategies, ParentKeys parentKeys)
    {
        var relation = owner.FindRelation(include.Navigation)
            ?? throw new QueryTranslationException(include.Lambda, $"'{include.Navigation}' is not a navigation of '{owner.Name}'.");
        if (relation.Setter is not null && relation.JoinTable is { } join)
        {
            return LinkedFollowUpPlanner.Plan(query, owner, relation, join, include, strategies, parentKeys);
        }

        if (relation.Setter is null || relation.ForeignKeyProperties.Count != 1)
        {
            throw new QueryTranslationException(include.Lambda, "LoadStrategy.Query needs a settable navigation over a single-column key.", "Use LoadStrategy.Join for this relation.");
        }

        var target = relation.Target;
        var (ownerKey, childKey) = relation.IsOwner
            ? (owner.GetColumn(relation.ForeignKeyProperties[0]), target.GetColumn(relation.ReferencedProperties[0]))
            : (owner.GetColumn(relation.ReferencedProperties[0]), target.GetColumn(relation.ForeignKeyProperties[0]));

        var context = query.Continued();
        var scope = new QueryScope(context);
        var alias = context.NextAlias();
        var row = new SourceBinding(alias, target, scope);
        var translator = new SqlExpressionTranslator(context, scope);
        var relations = new RelationTranslator(context);
        var keyColumn = new SqlColumnExpression(alias, childKey.ColumnName);
        SqlExpression where = new SqlAnyExpression(keyColumn, parentKeys(ownerKey));

        (where, var orderBy, var limit, var offset) = CollectionFilter.ForInclude(include, context, owner, row, translator, relations, where);

        if (orderBy.Count == 0)
        {
            orderBy = [.. target.PrimaryKey.Columns.Select(c => new SqlOrdering(new SqlColumnExpression(alias, c.ColumnName)))];
        }

        if (limit is not null || offset is not null)
        {
            // The page is picked again for the level below (ParentKeySelect): it must be the same rows (TotalOrder).
            orderBy = TotalOrder.Of(orderBy, row);
            where = new SqlBinaryExpression(SqlBinaryOperator.And, where, PerParentPage(target, alias, keyColumn, where, scope, orderBy, limit, offset));
        }

        // The rows of this level, for the level below (taken before the entity adds any join of its own).
        var own = new SqlSelectStatement { Items = [], From = new SqlTableReference(target.TableName, alias), Joins = [.. scope.Joins], Where = where };
        var sink = new RowSink(strategies);
        var shaper = sink.Entity(row, include, relations);
        var select = new SqlSelectStatement
        {
            Items = sink.Items,
            From = new SqlTableReference(target.TableName, alias),
            Joins = scope.Joins,
            Where = where,
            // Only the include's own order, not the parent key first: with the foreign key indexed (as it usually is),
            // `ORDER BY fk, …` is served by an incremental sort over the index, which hands rows out group by group while
            // it runs, so the client, waiting on the socket for each few kilobytes, pays a wake-up per packet; a plain sort
            // sends the level at once. The rows are grouped by parent in the client (ParentRuns), keeping this order.
            OrderBy = orderBy,
        };
        var statement = new CompiledQuery(PostgresRenderer.Render(select), sink.Input, shaper, null, sink.DirectShaper(shaper))
        {
            // Its log event and span name the related model's table.
            Operation = OperationInfo.Of(LinqOperation.FindMany, target),
        };
        var children = sink.Deferred.Select(child => Plan(context, target, child, strategies, ParentKeySelect.Of(own, alias))).ToList();
        return new FollowUpQuery(statement, relation, ownerKey, childKey, children);
    }

    // Skip/Take per parent: the primary keys of each parent's page, picked with row_number() over the parent's rows.
    private static SqlExpression PerParentPage(ModelMetadata target, string alias, SqlColumnExpression keyColumn, SqlExpression where, QueryScope scope,
        List<SqlOrdering> orderBy, SqlExpression? limit, SqlExpression? offset)
    {
        if (target.PrimaryKey.Columns.Count != 1)
        {
            throw new QueryTranslationException(null, "a filtered include with Skip/Take under LoadStrategy.Query needs a single-column primary key.");
        }

        var pk = new SqlColumnExpression(alias, target.PrimaryKey.Columns[0].ColumnName);
        var numbered = new SqlSelectStatement
        {
            Items = [new SqlSelectItem(pk, "k"), new SqlSelectItem(new SqlWindowFunctionExpression("row_number", [], [keyColumn], orderBy), "n")],
            From = new SqlTableReference(target.TableName, alias),
            Joins = scope.Joins,
            Where = where,
        };
        SqlExpression from = offset ?? SqlLiteralExpression.Integer(0);
        SqlExpression? condition = new SqlBinaryExpression(SqlBinaryOperator.GreaterThan, new SqlColumnExpression("p", "n"), from);
        if (limit is not null)
        {
            condition = new SqlBinaryExpression(SqlBinaryOperator.And, condition,
                new SqlBinaryExpression(SqlBinaryOperator.LessThanOrEqual, new SqlColumnExpression("p", "n"), new SqlBinaryExpression(SqlBinaryOperator.Add, from, limit)));
        }

        var page = new SqlSelectStatement { Items = [new SqlSelectItem(new SqlColumnExpression("p", "k"))], From = new SqlDerivedTable(numbered, "p"), Where = condition };
        return new SqlInSubqueryExpression(pk, page);
    }
}

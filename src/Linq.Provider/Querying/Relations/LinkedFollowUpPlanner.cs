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
/// Plans a <see cref="LoadStrategy.Query"/> many-to-many relation: the related rows joined to the join table,
/// <c>SELECT j.source, t.… FROM target t JOIN join j ON j.target = t.key WHERE j.source = ANY(ARRAY(parent keys))</c>, so each row comes
/// with the parent it belongs to (a row linked to two parents comes twice). A filtered include's Skip/Take is applied per
/// parent through <c>row_number() OVER (PARTITION BY j.source …)</c>.
/// </summary>
internal static class LinkedFollowUpPlanner
{
    private static readonly System.Reflection.ConstructorInfo LinkedRowConstructor =
        ((NewExpression)((Expression<Func<object, object, LinkedRow>>)((k, e) => new LinkedRow(k, e))).Body).Constructor!;

    public static FollowUpQuery Plan(TranslationContext query, ModelMetadata owner, RelationMetadata relation, JoinTableMetadata join, IncludeNode include,
        StrategyChoice strategies, ParentKeys parentKeys)
    {
        var target = relation.Target;
        var ownerKey = JoinTableMetadata.KeyOf(owner);
        var targetKey = JoinTableMetadata.KeyOf(target);
        var context = query.Continued();
        var scope = new QueryScope(context);
        var alias = context.NextAlias();
        var link = alias + "j";
        var row = new SourceBinding(alias, target, scope);
        var translator = new SqlExpressionTranslator(context, scope);
        var relations = new RelationTranslator(context);
        scope.Joins.Add(new SqlJoin(SqlJoinKind.Inner, new SqlTableReference(join.TableName, link),
            Equal(new SqlColumnExpression(link, join.TargetColumn), new SqlColumnExpression(alias, targetKey.ColumnName))));
        var parentColumn = new SqlColumnExpression(link, join.SourceColumn);
        SqlExpression where = new SqlAnyExpression(parentColumn, parentKeys(ownerKey));

        (where, var orderBy, var limit, var offset) = CollectionFilter.ForInclude(include, context, owner, row, translator, relations, where);

        if (orderBy.Count == 0)
        {
            orderBy = [new SqlOrdering(new SqlColumnExpression(alias, targetKey.ColumnName))];
        }

        if (limit is not null || offset is not null)
        {
            // The page is picked again for the level below (ParentKeySelect): it must be the same rows (TotalOrder).
            orderBy = TotalOrder.Of(orderBy, row);
            where = new SqlBinaryExpression(SqlBinaryOperator.And, where, PerParentPage(target, alias, targetKey, parentColumn, where, scope, orderBy, limit, offset));
        }

        var own = new SqlSelectStatement { Items = [], From = new SqlTableReference(target.TableName, alias), Joins = [.. scope.Joins], Where = where };
        var sink = new RowSink(strategies);
        var parent = sink.Scalar(new SqlValue(parentColumn, false), ownerKey.ClrType);
        var entity = sink.Entity(row, include, relations);
        var shaper = Expression.New(LinkedRowConstructor, Expression.Convert(parent, typeof(object)), Expression.Convert(entity, typeof(object)));
        var select = new SqlSelectStatement
        {
            Items = sink.Items,
            From = new SqlTableReference(target.TableName, alias),
            Joins = scope.Joins,
            Where = where,
            // Not by the parent first: see FollowUpPlanner (the rows are grouped by parent in the client).
            OrderBy = orderBy,
        };
        var statement = new CompiledQuery(PostgresRenderer.Render(select), sink.Input, shaper, null)
        {
            // Its log event and span name the related model's table.
            Operation = OperationInfo.Of(LinqOperation.FindMany, target),
        };
        var children = sink.Deferred.Select(child => FollowUpPlanner.Plan(context, target, child, strategies, ParentKeySelect.Of(own, alias))).ToList();
        return new FollowUpQuery(statement, relation, ownerKey, targetKey, children) { Linked = true };
    }

    // EXISTS (SELECT 1 FROM (SELECT key, source, row_number() OVER (PARTITION BY source ORDER BY …)) p WHERE p = this pair AND n in the page)
    private static SqlExpression PerParentPage(ModelMetadata target, string alias, ColumnMetadata targetKey, SqlColumnExpression parentColumn, SqlExpression where,
        QueryScope scope, List<SqlOrdering> orderBy, SqlExpression? limit, SqlExpression? offset)
    {
        var key = new SqlColumnExpression(alias, targetKey.ColumnName);
        var numbered = new SqlSelectStatement
        {
            Items =
            [
                new SqlSelectItem(key, "k"), new SqlSelectItem(parentColumn, "o"),
                new SqlSelectItem(new SqlWindowFunctionExpression("row_number", [], [parentColumn], orderBy), "n"),
            ],
            From = new SqlTableReference(target.TableName, alias),
            Joins = scope.Joins,
            Where = where,
        };
        SqlExpression from = offset ?? SqlLiteralExpression.Integer(0);
        SqlExpression condition = new SqlBinaryExpression(SqlBinaryOperator.GreaterThan, new SqlColumnExpression("p", "n"), from);
        if (limit is not null)
        {
            condition = new SqlBinaryExpression(SqlBinaryOperator.And, condition,
                new SqlBinaryExpression(SqlBinaryOperator.LessThanOrEqual, new SqlColumnExpression("p", "n"), new SqlBinaryExpression(SqlBinaryOperator.Add, from, limit)));
        }

        condition = new SqlBinaryExpression(SqlBinaryOperator.And, condition,
            new SqlBinaryExpression(SqlBinaryOperator.And, Equal(new SqlColumnExpression("p", "k"), key), Equal(new SqlColumnExpression("p", "o"), parentColumn)));
        return new SqlExistsExpression(new SqlSelectStatement
        {
            Items = [new SqlSelectItem(SqlLiteralExpression.Integer(1))],
            From = new SqlDerivedTable(numbered, "p"),
            Where = condition,
        });
    }

    private static SqlBinaryExpression Equal(SqlExpression left, SqlExpression right) => new(SqlBinaryOperator.Equal, left, right);
}

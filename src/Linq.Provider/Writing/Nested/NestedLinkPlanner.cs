using System.Linq.Expressions;
using Linq.Contract;
using Linq.Sql.Syntax;

namespace Linq.Writing.Nested;

/// <summary>
/// The steps of an update's writes to a many-to-many relation, run in the update's batch and transaction: Set removes
/// every link of the row, Disconnect the named ones (<c>DELETE FROM join WHERE source = parent AND target IN (…)</c>), then
/// Set's and Connect's rows are linked and Create's rows created and linked in one statement of CTEs.
/// </summary>
internal static class NestedLinkPlanner
{
    public static void Plan(LinqDatabase database, ModelMetadata model, LambdaExpression where, RelationWrites writes, JoinTableMetadata join, List<WriteStep> steps)
    {
        var child = writes.Relation.Target;
        var parentKey = JoinTableMetadata.KeyOf(model);
        var childKey = JoinTableMetadata.KeyOf(child);
        var parent = new SqlSelectStatement
        {
            Items = [new SqlSelectItem(new SqlColumnExpression("parent", parentKey.ColumnName), "k")],
            From = new SqlTableReference(model.TableName, "parent"),
            Where = KeyPredicate.Build(model, where, "parent"),
        };
        SqlExpression OwnLinks() => new SqlBinaryExpression(SqlBinaryOperator.Equal, new SqlColumnExpression("j", join.SourceColumn), new SqlScalarSubqueryExpression(parent));

        if (writes.Set is not null)
        {
            steps.Add(new WriteStep(Unlink(join, OwnLinks())));
        }

        foreach (var key in writes.Disconnect)
        {
            var rows = new SqlSelectStatement
            {
                Items = [new SqlSelectItem(new SqlColumnExpression("t", childKey.ColumnName))],
                From = new SqlTableReference(child.TableName, "t"),
                Where = KeyPredicate.Build(child, key, "t"),
            };
            var condition = new SqlBinaryExpression(SqlBinaryOperator.And, OwnLinks(), new SqlInSubqueryExpression(new SqlColumnExpression("j", join.TargetColumn), rows));
            steps.Add(new WriteStep(Unlink(join, condition)));
        }

        if (writes.HasCreates)
        {
            var builder = new NestedCreateBuilder();
            builder.AddUnderExisting(model, writes, parent, database);
            steps.Add(new WriteStep(builder.Build(null, null)) { ReturnsRows = true, Checks = builder.Checks });
        }
    }

    private static SqlDeleteStatement Unlink(JoinTableMetadata join, SqlExpression condition) => new()
    {
        Table = new SqlTableReference(join.TableName, "j"),
        Where = condition,
    };
}

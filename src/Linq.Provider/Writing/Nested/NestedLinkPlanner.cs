using System.Linq.Expressions;
using Linq.Contract;
using Linq.Sql.Syntax;

namespace Linq.Writing.Nested;

/// <summary>
/// An update's writes to a many-to-many relation as ONE statement of CTEs, in the update's batch and transaction: Set
/// removes the row's other links, Disconnect the named ones (<c>DELETE FROM join WHERE source = parent AND target IN
/// (…)</c>), Set's and Connect's rows are linked and Create's rows created and linked.
/// </summary>
/// <remarks>
/// The CTEs of one statement see one snapshot and not each other's changes: a pair deleted by one and inserted by another
/// would be lost (the insert sees it still there and does nothing). So the deletes spare every pair that Set or Connect
/// links again: the result is what running them in order gives (unlink, then link), with the pairs kept in place.
/// </remarks>
internal static class NestedLinkPlanner
{
    public static void Plan(LinqDatabase database, NestedParent row, RelationWrites writes, JoinTableMetadata join, List<WriteStep> steps)
    {
        var model = row.Model;
        var child = writes.Relation.Target;
        var childKey = JoinTableMetadata.KeyOf(child);
        // The row's key; below the updated row, only while the row belongs to its own parent (see NestedParent).
        var parent = row.KeySelect(JoinTableMetadata.KeyOf(model));
        SqlExpression OwnLinks() => new SqlBinaryExpression(SqlBinaryOperator.Equal, new SqlColumnExpression("j", join.SourceColumn), new SqlScalarSubqueryExpression(parent));

        SqlSelectStatement Keys(IEnumerable<LambdaExpression> wheres) => new()
        {
            Items = [new SqlSelectItem(new SqlColumnExpression("t", childKey.ColumnName))],
            From = new SqlTableReference(child.TableName, "t"),
            Where = Disjunction([.. wheres.Select(w => KeyPredicate.Build(child, w, "t"))]),
        };

        // The pairs Set or Connect link again are never deleted (see the remarks).
        var relinked = (writes.Set ?? []).Concat(writes.Connect).ToList();
        SqlExpression Spared(SqlExpression condition) => relinked.Count == 0
            ? condition
            : new SqlBinaryExpression(SqlBinaryOperator.And, condition,
                new SqlUnaryExpression(SqlUnaryOperator.Not, new SqlInSubqueryExpression(new SqlColumnExpression("j", join.TargetColumn), Keys(relinked))));

        var builder = new NestedCreateBuilder();
        if (writes.Set is not null)
        {
            builder.AddStatement("unlink", Unlink(join, Spared(OwnLinks())));
        }

        foreach (var key in writes.Disconnect)
        {
            var condition = new SqlBinaryExpression(SqlBinaryOperator.And, OwnLinks(), new SqlInSubqueryExpression(new SqlColumnExpression("j", join.TargetColumn), Keys([key])));
            builder.AddStatement("unlink", Unlink(join, Spared(condition)));
        }

        if (writes.HasCreates)
        {
            builder.AddUnderExisting(model, writes, parent, database);
        }

        if (!builder.IsEmpty)
        {
            steps.Add(new WriteStep(builder.Build(null, null)) { ReturnsRows = true, Checks = builder.Checks, Depth = row.Depth + 1 });
        }
    }

    private static SqlExpression Disjunction(IReadOnlyList<SqlExpression> predicates) =>
        predicates.Skip(1).Aggregate(predicates[0], (a, b) => new SqlBinaryExpression(SqlBinaryOperator.Or, a, b));

    private static SqlDeleteStatement Unlink(JoinTableMetadata join, SqlExpression condition) => new()
    {
        Table = new SqlTableReference(join.TableName, "j"),
        Where = condition,
    };
}

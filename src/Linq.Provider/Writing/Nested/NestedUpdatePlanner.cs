using System.Linq.Expressions;
using Linq.Contract;
using Linq.Sql.Rendering;
using Linq.Sql.Syntax;
using Npgsql;

namespace Linq.Writing.Nested;

/// <summary>
/// Plans an update with nested writes as statements run in order in one batch (one round trip) inside one
/// transaction: the children's writes first, each limited to the parent's own children and finding the parent by
/// its unique key, then the parent's UPDATE … RETURNING. Unique-key operations that find no row (a child of another
/// parent, a missing parent) fail the whole write with <see cref="RecordNotFoundException"/>.
/// Order per relation: disconnect, delete, deleteMany, update, updateMany, then create/connect.
/// </summary>
internal static class NestedUpdatePlanner
{
    private const string Target = FilterPlanner.Target;

    public static void Plan(LinqDatabase database, ModelMetadata model, LambdaExpression where, IUpdateInput data, List<WriteStep> steps, int depth = 0)
    {
        if (depth > 32)
        {
            throw new ArgumentException("The nested update is more than 32 levels deep; does the input graph contain a cycle?");
        }

        foreach (var writes in RelationCollector.Of(database, data))
        {
            var relation = writes.Relation;
            var child = relation.Target;
            var (foreignKey, referenced) = KeyPredicate.SingleColumn(relation, model, child);

            // "This parent's children": target.fk = (SELECT referenced FROM parent WHERE its unique key).
            SqlExpression OwnChildren(List<NpgsqlParameter> parameters) =>
                new SqlBinaryExpression(SqlBinaryOperator.Equal, new SqlColumnExpression(Target, foreignKey.ColumnName), new SqlScalarSubqueryExpression(ParentKey(model, where, referenced, parameters)));

            foreach (var key in writes.Disconnect)
            {
                var parameters = new List<NpgsqlParameter>();
                var condition = And(KeyPredicate.Build(child, key, Target, parameters), OwnChildren(parameters));
                steps.Add(Step(Detach(child, foreignKey, condition), parameters, (child.Name, "disconnect")));
            }

            if (writes.DisconnectOne)
            {
                var parameters = new List<NpgsqlParameter>();
                steps.Add(Step(Detach(child, foreignKey, OwnChildren(parameters)), parameters, null));
            }

            foreach (var key in writes.Delete)
            {
                var parameters = new List<NpgsqlParameter>();
                var condition = And(KeyPredicate.Build(child, key, Target, parameters), OwnChildren(parameters));
                steps.Add(Step(Delete(child, condition), parameters, (child.Name, "delete")));
            }

            if (writes.DeleteOne)
            {
                var parameters = new List<NpgsqlParameter>();
                steps.Add(Step(Delete(child, OwnChildren(parameters)), parameters, (child.Name, "delete")));
            }

            foreach (var filter in writes.DeleteMany)
            {
                var plan = filter();
                var parameters = plan.Parameters;
                steps.Add(Step(Delete(child, And(plan.Where, OwnChildren(parameters))), parameters, null));
            }

            foreach (var (key, childData) in writes.Update)
            {
                // The child's own nested writes go first and find it by its unique key.
                Plan(database, child, key, childData, steps, depth + 1);
                var parameters = new List<NpgsqlParameter>();
                var condition = And(KeyPredicate.Build(child, key, Target, parameters), OwnChildren(parameters));
                steps.Add(Step(Update(child, childData, foreignKey, condition, parameters), parameters, (child.Name, "update")));
            }

            if (writes.UpdateOne is { } oneData)
            {
                EnsureFlat(database, oneData, model, relation, "Update");
                var parameters = new List<NpgsqlParameter>();
                steps.Add(Step(Update(child, oneData, foreignKey, OwnChildren(parameters), parameters), parameters, (child.Name, "update")));
            }

            foreach (var (filter, childData) in writes.UpdateMany)
            {
                EnsureFlat(database, childData, model, relation, "UpdateMany");
                var plan = filter();
                var parameters = plan.Parameters;
                var condition = And(plan.Where, OwnChildren(parameters));
                steps.Add(Step(Update(child, childData, foreignKey, condition, parameters), parameters, null));
            }

            if (writes.HasCreates)
            {
                var builder = new NestedCreateBuilder();
                builder.AddUnderExisting(model, writes, ParentKey(model, where, referenced, builder.Parameters), database);
                var statement = builder.Build(null, null);
                steps.Add(new WriteStep(PostgresRenderer.Render(statement).Text, [.. builder.Parameters]) { ReturnsRows = true, Checks = builder.Checks });
            }
        }
    }

    // SELECT "referenced" AS "k" FROM parent AS "parent" WHERE <its unique key>
    private static SqlSelectStatement ParentKey(ModelMetadata model, LambdaExpression where, ColumnMetadata referenced, List<NpgsqlParameter> parameters) => new()
    {
        Items = [new SqlSelectItem(new SqlColumnExpression("parent", referenced.ColumnName), "k")],
        From = new SqlTableReference(model.TableName, "parent"),
        Where = KeyPredicate.Build(model, where, "parent", parameters),
    };

    private static void EnsureFlat(LinqDatabase database, IUpdateInput data, ModelMetadata model, RelationMetadata relation, string operation)
    {
        if (RelationCollector.Of(database, data).Count > 0)
        {
            throw new ArgumentException($"{operation} under '{model.Name}.{relation.PropertyName}' cannot carry nested writes; use Update with a unique key.");
        }
    }

    private static SqlStatement Detach(ModelMetadata child, ColumnMetadata foreignKey, SqlExpression condition) => new SqlUpdateStatement
    {
        Table = new SqlTableReference(child.TableName, Target),
        Set = [new SqlAssignment(foreignKey.ColumnName, SqlLiteralExpression.Null)],
        Where = condition,
        Returning = [new SqlSelectItem(SqlLiteralExpression.Integer(1))],
    };

    private static SqlStatement Delete(ModelMetadata child, SqlExpression condition) => new SqlDeleteStatement
    {
        Table = new SqlTableReference(child.TableName, Target),
        Where = condition,
        Returning = [new SqlSelectItem(SqlLiteralExpression.Integer(1))],
    };

    // With nothing to change, the foreign key is assigned to itself so the statement still proves the row exists.
    private static SqlStatement Update(ModelMetadata child, IUpdateInput data, ColumnMetadata foreignKey, SqlExpression condition, List<NpgsqlParameter> parameters)
    {
        var writer = new UpdateValueWriter(parameters, Target);
        data.WriteTo(writer);
        var set = writer.Assignments.Count > 0 ? writer.Assignments : [new SqlAssignment(foreignKey.ColumnName, new SqlColumnExpression(Target, foreignKey.ColumnName))];
        return new SqlUpdateStatement
        {
            Table = new SqlTableReference(child.TableName, Target),
            Set = set,
            Where = condition,
            Returning = [new SqlSelectItem(SqlLiteralExpression.Integer(1))],
        };
    }

    private static WriteStep Step(SqlStatement statement, List<NpgsqlParameter> parameters, (string Model, string Operation)? expectOne) =>
        new(PostgresRenderer.Render(statement).Text, [.. parameters]) { ReturnsRows = true, ExpectOne = expectOne };

    private static SqlExpression And(SqlExpression left, SqlExpression right) => new SqlBinaryExpression(SqlBinaryOperator.And, left, right);
}

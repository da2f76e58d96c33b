using System.Linq.Expressions;
using Linq.Contract;
using Linq.Sql.Syntax;

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
            if (relation.JoinTable is { } join)
            {
                NestedLinkPlanner.Plan(database, model, where, writes, join, steps);
                continue;
            }

            var child = relation.Target;
            var (foreignKey, referenced) = KeyPredicate.SingleColumn(relation, model, child);

            // "This parent's children": target.fk = (SELECT referenced FROM parent WHERE its unique key).
            SqlExpression OwnChildren(string alias = Target) =>
                new SqlBinaryExpression(SqlBinaryOperator.Equal, new SqlColumnExpression(alias, foreignKey.ColumnName), new SqlScalarSubqueryExpression(ParentKey(model, where, referenced)));

            foreach (var key in writes.Disconnect)
            {
                var condition = And(KeyPredicate.Build(child, key, Target), OwnChildren());
                steps.Add(Step(Detach(child, foreignKey, condition), null, (child.Name, "disconnect")));
            }

            if (writes.DisconnectOne)
            {
                steps.Add(Step(Detach(child, foreignKey, OwnChildren()), null, null));
            }

            foreach (var key in writes.Delete)
            {
                var condition = And(KeyPredicate.Build(child, key, Target), OwnChildren());
                steps.Add(Step(Delete(child, condition), null, (child.Name, "delete")));
            }

            if (writes.DeleteOne)
            {
                steps.Add(Step(Delete(child, OwnChildren()), null, (child.Name, "delete")));
            }

            foreach (var filter in writes.DeleteMany)
            {
                // The filter in the statement's own WHERE when it needs no join (the plan's alias), as for DeleteManyAsync.
                var plan = filter();
                steps.Add(Step(Delete(child, And(plan.Where, OwnChildren(plan.Alias)), plan.Alias), plan.Values, null));
            }

            foreach (var (key, childData) in writes.Update)
            {
                // The child's own nested writes go first and find it by its unique key.
                Plan(database, child, key, childData, steps, depth + 1);
                var condition = And(KeyPredicate.Build(child, key, Target), OwnChildren());
                steps.Add(Step(Update(database, child, childData, foreignKey, condition), null, (child.Name, "update")));
            }

            if (writes.UpdateOne is { } oneData)
            {
                EnsureFlat(database, oneData, model, relation, "Update");
                steps.Add(Step(Update(database, child, oneData, foreignKey, OwnChildren()), null, (child.Name, "update")));
            }

            foreach (var (filter, childData) in writes.UpdateMany)
            {
                EnsureFlat(database, childData, model, relation, "UpdateMany");
                var plan = filter();
                var condition = And(plan.Where, OwnChildren(plan.Alias));
                steps.Add(Step(Update(database, child, childData, foreignKey, condition, plan.Alias), plan.Values, null));
            }

            if (writes.HasCreates)
            {
                var builder = new NestedCreateBuilder();
                builder.AddUnderExisting(model, writes, ParentKey(model, where, referenced), database);
                steps.Add(new WriteStep(builder.Build(null, null)) { ReturnsRows = true, Checks = builder.Checks });
            }
        }
    }

    // SELECT "referenced" AS "k" FROM parent AS "parent" WHERE <its unique key>
    private static SqlSelectStatement ParentKey(ModelMetadata model, LambdaExpression where, ColumnMetadata referenced) => new()
    {
        Items = [new SqlSelectItem(new SqlColumnExpression("parent", referenced.ColumnName), "k")],
        From = new SqlTableReference(model.TableName, "parent"),
        // A token the root filter compares is checked by the root's own statement; the children only need the key.
        Where = KeyOnly(model, where, "parent"),
    };

    private static SqlExpression KeyOnly(ModelMetadata model, LambdaExpression where, string alias)
    {
        KeyPredicate.BuildChecked(model, where, alias, out var keyOnly, out _);
        return keyOnly;
    }

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

    private static SqlStatement Delete(ModelMetadata child, SqlExpression condition, string alias = Target) => new SqlDeleteStatement
    {
        Table = new SqlTableReference(child.TableName, alias),
        Where = condition,
        Returning = [new SqlSelectItem(SqlLiteralExpression.Integer(1))],
    };

    // With nothing to change, the foreign key is assigned to itself so the statement still proves the row exists.
    // The client's decimal bounds are known by now (the root update learned them before planning).
    private static SqlStatement Update(LinqDatabase database, ModelMetadata child, IUpdateInput data, ColumnMetadata foreignKey, SqlExpression condition, string alias = Target)
    {
        var writer = new UpdateValueWriter(alias, child, bounds: database.DecimalBounds);
        data.WriteTo(writer);
        var set = writer.Assignments.Count > 0 ? writer.Assignments : [new SqlAssignment(foreignKey.ColumnName, new SqlColumnExpression(alias, foreignKey.ColumnName))];
        return new SqlUpdateStatement
        {
            Table = new SqlTableReference(child.TableName, alias),
            Set = set,
            Where = condition,
            Returning = [new SqlSelectItem(SqlLiteralExpression.Integer(1))],
        };
    }

    // values: the filter plan's, when the statement contains one.
    private static WriteStep Step(SqlStatement statement, object?[]? values, (string Model, string Operation)? expectOne) =>
        new(statement, values) { ReturnsRows = true, ExpectOne = expectOne };

    private static SqlExpression And(SqlExpression left, SqlExpression right) => new SqlBinaryExpression(SqlBinaryOperator.And, left, right);
}

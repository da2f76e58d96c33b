using System.Linq.Expressions;
using Linq.Contract;
using Linq.Sql.Syntax;
using Linq.Writing.Caching;

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

    public static void Plan(LinqDatabase database, ModelMetadata model, LambdaExpression where, IUpdateInput data, List<WriteStep> steps) =>
        Plan(database, new NestedParent(model, where), data, steps);

    // Every step gets its parent's depth + 1, so a missing row is reported before the failures of the writes under it.
    private static void Plan(LinqDatabase database, NestedParent parent, IUpdateInput data, List<WriteStep> steps)
    {
        var model = parent.Model;
        var depth = parent.Depth;
        if (depth > 32)
        {
            throw new ArgumentException("The nested update is more than 32 levels deep; does the input graph contain a cycle?");
        }

        foreach (var writes in RelationCollector.Of(database, data))
        {
            var relation = writes.Relation;
            if (relation.JoinTable is { } join)
            {
                NestedLinkPlanner.Plan(database, parent, writes, join, steps);
                continue;
            }

            var child = relation.Target;
            var (foreignKey, referenced) = KeyPredicate.SingleColumn(relation, model, child);
            var link = new ChildLink(relation, parent, child, foreignKey, referenced, database.DecimalBounds);

            foreach (var key in writes.Disconnect)
            {
                steps.Add(Cached(link, Disconnect, key, null, (child.Name, "disconnect")));
            }

            if (writes.DisconnectOne)
            {
                steps.Add(Cached(link, Disconnect, null, null, null));
            }

            foreach (var key in writes.Delete)
            {
                steps.Add(Cached(link, Remove, key, null, (child.Name, "delete")));
            }

            if (writes.DeleteOne)
            {
                steps.Add(Cached(link, Remove, null, null, (child.Name, "delete")));
            }

            foreach (var filter in writes.DeleteMany)
            {
                // The filter in the statement's own WHERE when it needs no join (the plan's alias), as for DeleteManyAsync.
                steps.Add(Filtered(link, RemoveMany, filter(), null));
            }

            foreach (var (key, childData) in writes.Update)
            {
                // The child's own nested writes go first (its update may change its key) and find it by its unique key
                // under this parent (NestedParent).
                Plan(database, new NestedParent(child, key, parent, foreignKey, referenced), childData, steps);
                steps.Add(Cached(link, Change, key, childData, (child.Name, "update")));
            }

            if (writes.UpdateOne is { } oneData)
            {
                EnsureFlat(database, oneData, model, relation, "Update");
                steps.Add(Cached(link, Change, null, oneData, (child.Name, "update")));
            }

            foreach (var (filter, childData) in writes.UpdateMany)
            {
                EnsureFlat(database, childData, model, relation, "UpdateMany");
                steps.Add(Filtered(link, ChangeMany, filter(), childData));
            }

            if (NestedUpdateCreates.Serves(writes)
                && NestedUpdateCreates.Step(model, writes, shape => parent.KeySelect(referenced, shape), database) is { } created)
            {
                created.Depth = depth + 1;
                steps.Add(created);
            }
            else if (writes.HasCreates)
            {
                var builder = new NestedCreateBuilder();
                builder.AddUnderExisting(model, writes, parent.KeySelect(referenced), database);
                steps.Add(new WriteStep(builder.Build(null, null)) { ReturnsRows = true, Checks = builder.Checks, Depth = depth + 1 });
            }
        }
    }

    private const char Disconnect = 'd';
    private const char Remove = 'x';
    private const char Change = 'u';
    private const char RemoveMany = 'e';
    private const char ChangeMany = 'm';

    /// <summary>A relation's child table seen from one parent row (found by its unique key).</summary>
    // Bounds: the client's decimal bounds, known by now (the root update learned them before planning); the guard
    // decision each child's SET list makes from them is part of its shape.
    private sealed record ChildLink(RelationMetadata Relation, NestedParent Parent, ModelMetadata Child, ColumnMetadata ForeignKey,
        ColumnMetadata Referenced, Execution.DecimalBounds Bounds);

    /// <summary>
    /// A write to one child by its key (or to the related row of a to-one relation, <paramref name="key"/> null): its
    /// shape recorded first without a SQL tree, the cached text bound on a hit; on a miss the input is written again with
    /// the tree, rendered and cached (<see cref="NestedStepCache"/>).
    /// </summary>
    private static WriteStep Cached(ChildLink link, char operation, LambdaExpression? key, IUpdateInput? data, (string Model, string Operation)? expectOne)
    {
        var shape = NestedStepCache.Start(operation, link.Relation, reuse: true);
        Write(link, operation, key, data, shape, full: false);
        if (NestedStepCache.Statements.TryBind(shape, out var bound))
        {
            NestedStepCache.Served();
        }
        else
        {
            var fullShape = NestedStepCache.Start(operation, link.Relation, reuse: false);
            bound = NestedStepCache.Statements.Get(fullShape, Write(link, operation, key, data, fullShape, full: true)!, static s => s);
        }

        shape.Release();
        return new WriteStep(bound.Sql, bound.Parameters) { ReturnsRows = true, ExpectOne = expectOne, Depth = link.Parent.Depth + 1 };
    }

    /// <summary>
    /// The parent's children that <paramref name="plan"/>'s filter selects updated with <paramref name="data"/> (or deleted,
    /// <paramref name="data"/> null): the filter in the statement's own WHERE when it needs no join (the plan's alias), as
    /// for UpdateManyAsync and DeleteManyAsync. Cached with the filter's plan (<see cref="NestedFilteredStepCache"/>).
    /// </summary>
    private static WriteStep Filtered(ChildLink link, char operation, FilterPlan plan, IUpdateInput? data)
    {
        var shape = NestedStepCache.Start(operation, link.Relation, reuse: true);
        WriteFiltered(link, plan, data, shape, full: false);
        (string Sql, Npgsql.NpgsqlParameter[] Parameters) bound;
        if (plan.Compiled is { } compiled && NestedFilteredStepCache.TryBind(compiled, shape, plan.Values, out bound))
        {
            NestedStepCache.Served();
        }
        else
        {
            var fullShape = NestedStepCache.Start(operation, link.Relation, reuse: false);
            var statement = WriteFiltered(link, plan, data, fullShape, full: true)!;
            bound = plan.Compiled is { } filter
                ? NestedFilteredStepCache.Render(filter, fullShape, statement, plan.Values)
                : Execution.ParameterBinder.Render(statement, plan.Values);
        }

        shape.Release();
        return new WriteStep(bound.Sql, bound.Parameters) { ReturnsRows = true, Depth = link.Parent.Depth + 1 };
    }

    // The parameters in the order of the text: the SET list's, the filter's, the parent's key. Only with full, the statement.
    private static SqlStatement? WriteFiltered(ChildLink link, FilterPlan plan, IUpdateInput? data, WriteShape shape, bool full)
    {
        UpdateValueWriter? writer = null;
        if (data is not null)
        {
            writer = new UpdateValueWriter(plan.Alias, link.Child, shape, valuesOnly: !full, link.Bounds);
            data.WriteTo(writer);
        }

        shape.Mark('f');
        var parentKey = link.Parent.KeySelect(link.Referenced, shape);
        if (!full)
        {
            return null;
        }

        var own = new SqlBinaryExpression(SqlBinaryOperator.Equal, new SqlColumnExpression(plan.Alias, link.ForeignKey.ColumnName), new SqlScalarSubqueryExpression(parentKey));
        var condition = And(plan.Where, own);
        return writer is null ? Delete(link.Child, condition, plan.Alias) : Update(link.Child, writer, link.ForeignKey, condition, plan.Alias);
    }

    // The parameters in the order of the text: the SET list's, the child's key, the parent's key. Only with full, the statement.
    private static SqlStatement? Write(ChildLink link, char operation, LambdaExpression? key, IUpdateInput? data, WriteShape shape, bool full)
    {
        UpdateValueWriter? writer = null;
        if (data is not null)
        {
            writer = new UpdateValueWriter(Target, link.Child, shape, valuesOnly: !full, link.Bounds);
            data.WriteTo(writer);
        }

        shape.Mark(key is null ? 'o' : 'y');
        var childKey = key is null ? null : KeyPredicate.Build(link.Child, key, Target, shape);
        var parentKey = link.Parent.KeySelect(link.Referenced, shape);
        if (!full)
        {
            return null;
        }

        SqlExpression own = new SqlBinaryExpression(SqlBinaryOperator.Equal, new SqlColumnExpression(Target, link.ForeignKey.ColumnName), new SqlScalarSubqueryExpression(parentKey));
        var condition = childKey is null ? own : And(childKey, own);
        return operation switch
        {
            Disconnect => Detach(link.Child, link.ForeignKey, condition),
            Remove => Delete(link.Child, condition),
            _ => Update(link.Child, writer!, link.ForeignKey, condition),
        };
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
    private static SqlStatement Update(ModelMetadata child, UpdateValueWriter writer, ColumnMetadata foreignKey, SqlExpression condition, string alias = Target)
    {
        var set = writer.Assignments.Count > 0 ? writer.Assignments : [new SqlAssignment(foreignKey.ColumnName, new SqlColumnExpression(alias, foreignKey.ColumnName))];
        return new SqlUpdateStatement
        {
            Table = new SqlTableReference(child.TableName, alias),
            Set = set,
            Where = condition,
            Returning = [new SqlSelectItem(SqlLiteralExpression.Integer(1))],
        };
    }

    private static SqlExpression And(SqlExpression left, SqlExpression right) => new SqlBinaryExpression(SqlBinaryOperator.And, left, right);
}

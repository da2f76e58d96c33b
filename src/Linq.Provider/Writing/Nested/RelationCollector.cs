using System.Linq.Expressions;
using Linq.Contract;

namespace Linq.Writing.Nested;

/// <summary>Collects an input's nested writes (generated code calls it with exact types) as <see cref="RelationWrites"/>.</summary>
internal sealed class RelationCollector(LinqDatabase database) : IRelationWriter, IRelationUpdateWriter
{
    public List<RelationWrites> Writes { get; } = [];

    public static List<RelationWrites> Of(LinqDatabase database, ICreateInput input)
    {
        var collector = new RelationCollector(database);
        input.WriteRelationsTo(collector);
        return collector.Writes;
    }

    public static List<RelationWrites> Of(LinqDatabase database, IUpdateInput input)
    {
        var collector = new RelationCollector(database);
        input.WriteRelationsTo(collector);
        return collector.Writes;
    }

    public void Many<TModel, TCreate>(RelationMetadata relation, NestedCreateMany<TModel, TCreate> writes)
        where TModel : class, IModel<TModel>
        where TCreate : class, ICreateInput<TModel> => Writes.Add(Creates(relation, writes));

    public void One<TModel, TCreate>(RelationMetadata relation, NestedCreateOne<TModel, TCreate> writes)
        where TModel : class, IModel<TModel>
        where TCreate : class, ICreateInput<TModel> => Writes.Add(Creates(relation, writes));

    public void Many<TModel, TCreate, TUpdate>(RelationMetadata relation, NestedUpdateMany<TModel, TCreate, TUpdate> writes)
        where TModel : class, IModel<TModel>
        where TCreate : class, ICreateInput<TModel>
        where TUpdate : class, IUpdateInput<TModel>
    {
        var result = Creates(relation, writes);
        foreach (var update in writes.Update ?? [])
        {
            result.Update.Add((NotNull(update).Where, update.Data));
        }

        foreach (var update in writes.UpdateMany ?? [])
        {
            var where = NotNull(update).Where;
            result.UpdateMany.Add((() => FilterPlanner.PlanRows(database.TableOf<TModel>(), where), update.Data));
        }

        if (writes.Delete is { Count: > 0 } delete)
        {
            AddAll(result.Delete, delete);
        }

        foreach (var filter in writes.DeleteMany ?? [])
        {
            var where = NotNull(filter);
            result.DeleteMany.Add(() => FilterPlanner.PlanRows(database.TableOf<TModel>(), where));
        }

        if (writes is NestedUpdateManyOptional<TModel, TCreate, TUpdate> optional)
        {
            if (optional.Disconnect is { Count: > 0 } disconnect)
            {
                AddAll(result.Disconnect, disconnect);
            }
        }

        Writes.Add(result);
    }

    public void One<TModel, TCreate, TUpdate>(RelationMetadata relation, NestedUpdateOne<TModel, TCreate, TUpdate> writes)
        where TModel : class, IModel<TModel>
        where TCreate : class, ICreateInput<TModel>
        where TUpdate : class, IUpdateInput<TModel>
    {
        var result = Creates(relation, writes);
        result.UpdateOne = writes.Update;
        result.DeleteOne = writes.Delete;
        result.DisconnectOne = writes is NestedUpdateOneOptional<TModel, TCreate, TUpdate> { Disconnect: true };
        Writes.Add(result);
    }

    public void Links<TModel, TCreate>(RelationMetadata relation, ManyToManyCreate<TModel, TCreate> writes)
        where TModel : class, IModel<TModel>
        where TCreate : class, ICreateInput<TModel> => Writes.Add(LinkWrites(relation, writes));

    public void Links<TModel, TCreate>(RelationMetadata relation, ManyToManyUpdate<TModel, TCreate> writes)
        where TModel : class, IModel<TModel>
        where TCreate : class, ICreateInput<TModel>
    {
        var result = LinkWrites(relation, writes);
        if (writes.Disconnect is { Count: > 0 } disconnect)
        {
            AddAll(result.Disconnect, disconnect);
        }

        result.Set = writes.Set?.Select(NotNull).ToList<LambdaExpression>();
        Writes.Add(result);
    }

    private static RelationWrites LinkWrites<TModel, TCreate>(RelationMetadata relation, ManyToManyCreate<TModel, TCreate> writes)
        where TModel : class, IModel<TModel>
        where TCreate : class, ICreateInput<TModel>
    {
        var result = new RelationWrites(relation);
        result.Create = Checked(writes.Create);
        if (writes.Connect is { Count: > 0 } connect)
        {
            AddAll(result.Connect, connect);
        }

        foreach (var item in writes.ConnectOrCreate ?? Empty<ConnectOrCreate<TModel, TCreate>>.List)
        {
            result.ConnectOrCreate.Add((NotNull(item).Where, item.Create));
        }

        return result;
    }

    private static RelationWrites Creates<TModel, TCreate>(RelationMetadata relation, NestedCreateMany<TModel, TCreate> writes)
        where TModel : class, IModel<TModel>
        where TCreate : class, ICreateInput<TModel>
    {
        var result = new RelationWrites(relation) { SkipDuplicates = writes.SkipDuplicates };
        result.Create = Checked(writes.Create);
        if (writes.CreateMany is { Count: > 0 } many)
        {
            AddAll(result.CreateMany, many);
        }

        if (writes.Connect is { Count: > 0 } connect)
        {
            AddAll(result.Connect, connect);
        }

        foreach (var item in writes.ConnectOrCreate ?? Empty<ConnectOrCreate<TModel, TCreate>>.List)
        {
            result.ConnectOrCreate.Add((NotNull(item).Where, item.Create));
        }

        return result;
    }

    private static RelationWrites Creates<TModel, TCreate>(RelationMetadata relation, NestedCreateOne<TModel, TCreate> writes)
        where TModel : class, IModel<TModel>
        where TCreate : class, ICreateInput<TModel>
    {
        var result = new RelationWrites(relation);
        if (writes.Create is { } create)
        {
            result.Create = [create];
        }

        if (writes.Connect is { } connect)
        {
            result.Connect.Add(connect);
        }

        if (writes.ConnectOrCreate is { } item)
        {
            result.ConnectOrCreate.Add((item.Where, item.Create));
        }

        if (result.Create.Count + result.Connect.Count + result.ConnectOrCreate.Count > 1)
        {
            throw new ArgumentException($"The to-one relation '{relation.PropertyName}' takes one of Create, Connect or ConnectOrCreate, not several.");
        }

        return result;
    }

    // The caller's own list, checked for nulls rather than copied: it is read before the call's first await, never kept.
    private static IReadOnlyList<ICreateInput> Checked<TItem>(IReadOnlyList<TItem>? items)
        where TItem : class, ICreateInput
    {
        if (items is null)
        {
            return [];
        }

        for (var i = 0; i < items.Count; i++)
        {
            NotNull(items[i]);
        }

        return items;
    }

    // Copies without an iterator and with one allocation of the target's array (per call).
    private static void AddAll<TItem, TTarget>(List<TTarget> target, IReadOnlyList<TItem>? items)
        where TItem : class, TTarget
    {
        if (items is null)
        {
            return;
        }

        target.EnsureCapacity(target.Count + items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            target.Add(NotNull(items[i]));
        }
    }

    private static T NotNull<T>(T? item) where T : class =>
        item ?? throw new ArgumentException("A nested write list contains null.");

    // An empty list to walk when the input has none (`?? []` would allocate a new one per call).
    private static class Empty<T>
    {
        public static readonly List<T> List = [];
    }
}

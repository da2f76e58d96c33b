using Linq.Contract;

namespace Linq.Writing.Nested;

/// <summary>Whether an input carries nested writes at all, without collecting them (checked on every write, and per nested child).</summary>
internal sealed class RelationProbe : IRelationWriter, IRelationUpdateWriter
{
    public bool Any { get; private set; }

    // A model without relations has inputs without nested writes: no probe is allocated for its writes.
    public static bool Has(ModelMetadata model, ICreateInput input) => model.Relations.Count > 0 && Has(input, new RelationProbe());

    public static bool Has(ModelMetadata model, IUpdateInput input)
    {
        if (model.Relations.Count == 0)
        {
            return false;
        }

        var probe = new RelationProbe();
        input.WriteRelationsTo(probe);
        return probe.Any;
    }

    public static bool Has(ICreateInput input, RelationProbe probe)
    {
        probe.Any = false;
        input.WriteRelationsTo(probe);
        return probe.Any;
    }

    public void Many<TModel, TCreate>(RelationMetadata relation, NestedCreateMany<TModel, TCreate> writes)
        where TModel : class, IModel<TModel>
        where TCreate : class, ICreateInput<TModel> => Any = true;

    public void One<TModel, TCreate>(RelationMetadata relation, NestedCreateOne<TModel, TCreate> writes)
        where TModel : class, IModel<TModel>
        where TCreate : class, ICreateInput<TModel> => Any = true;

    public void Links<TModel, TCreate>(RelationMetadata relation, ManyToManyCreate<TModel, TCreate> writes)
        where TModel : class, IModel<TModel>
        where TCreate : class, ICreateInput<TModel> => Any = true;

    public void Many<TModel, TCreate, TUpdate>(RelationMetadata relation, NestedUpdateMany<TModel, TCreate, TUpdate> writes)
        where TModel : class, IModel<TModel>
        where TCreate : class, ICreateInput<TModel>
        where TUpdate : class, IUpdateInput<TModel> => Any = true;

    public void One<TModel, TCreate, TUpdate>(RelationMetadata relation, NestedUpdateOne<TModel, TCreate, TUpdate> writes)
        where TModel : class, IModel<TModel>
        where TCreate : class, ICreateInput<TModel>
        where TUpdate : class, IUpdateInput<TModel> => Any = true;

    public void Links<TModel, TCreate>(RelationMetadata relation, ManyToManyUpdate<TModel, TCreate> writes)
        where TModel : class, IModel<TModel>
        where TCreate : class, ICreateInput<TModel> => Any = true;
}

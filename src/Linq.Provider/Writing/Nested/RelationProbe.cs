using Linq.Contract;

namespace Linq.Writing.Nested;

/// <summary>Whether a create input carries nested writes at all, without collecting them (a nested create's children, per call).</summary>
internal sealed class RelationProbe : IRelationWriter
{
    public bool Any { get; private set; }

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
}

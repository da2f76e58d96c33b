using System.ComponentModel;

namespace Linq.Contract;

/// <summary>Receives the nested writes of an update input, relation by relation (see <see cref="IRelationWriter"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IRelationUpdateWriter
{
    /// <summary>The input writes to the to-many relation <paramref name="relation"/>.</summary>
    void Many<TModel, TCreate, TUpdate>(RelationMetadata relation, NestedUpdateMany<TModel, TCreate, TUpdate> writes)
        where TModel : class, IModel<TModel>
        where TCreate : class, ICreateInput<TModel>
        where TUpdate : class, IUpdateInput<TModel>;

    /// <summary>The input writes to the to-one relation <paramref name="relation"/>.</summary>
    void One<TModel, TCreate, TUpdate>(RelationMetadata relation, NestedUpdateOne<TModel, TCreate, TUpdate> writes)
        where TModel : class, IModel<TModel>
        where TCreate : class, ICreateInput<TModel>
        where TUpdate : class, IUpdateInput<TModel>;

    /// <summary>The input writes to the many-to-many relation <paramref name="relation"/>.</summary>
    void Links<TModel, TCreate>(RelationMetadata relation, ManyToManyUpdate<TModel, TCreate> writes)
        where TModel : class, IModel<TModel>
        where TCreate : class, ICreateInput<TModel>;
}

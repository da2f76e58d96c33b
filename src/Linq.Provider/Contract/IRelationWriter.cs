using System.ComponentModel;

namespace Linq.Contract;

/// <summary>
/// Receives the nested writes of a create or update input, relation by relation. Generated inputs call it with
/// the exact types, so the write planner reads them without reflection.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IRelationWriter
{
    /// <summary>The input writes to the to-many relation <paramref name="relation"/>.</summary>
    void Many<TModel, TCreate>(RelationMetadata relation, NestedCreateMany<TModel, TCreate> writes)
        where TModel : class, IModel<TModel>
        where TCreate : class, ICreateInput<TModel>;

    /// <summary>The input writes to the to-one relation <paramref name="relation"/>.</summary>
    void One<TModel, TCreate>(RelationMetadata relation, NestedCreateOne<TModel, TCreate> writes)
        where TModel : class, IModel<TModel>
        where TCreate : class, ICreateInput<TModel>;

    /// <summary>The input writes to the many-to-many relation <paramref name="relation"/>.</summary>
    void Links<TModel, TCreate>(RelationMetadata relation, ManyToManyCreate<TModel, TCreate> writes)
        where TModel : class, IModel<TModel>
        where TCreate : class, ICreateInput<TModel>;
}

using Linq.Contract;

namespace Linq;

/// <summary>Writes to a to-one relation whose foreign key is on the other side, as part of updating the parent.</summary>
/// <typeparam name="TModel">The related model.</typeparam>
/// <typeparam name="TCreate">Its create input without the foreign key.</typeparam>
/// <typeparam name="TUpdate">Its update input.</typeparam>
public class NestedUpdateOne<TModel, TCreate, TUpdate> : NestedCreateOne<TModel, TCreate>
    where TModel : class, IModel<TModel>
    where TCreate : class, ICreateInput<TModel>
    where TUpdate : class, IUpdateInput<TModel>
{
    /// <summary>Changes to the related row; fails the whole write when there is none.</summary>
    public TUpdate? Update { get; set; }

    /// <summary>Deletes the related row; fails the whole write when there is none.</summary>
    public bool Delete { get; set; }
}

/// <summary>A to-one relation whose foreign key is nullable: the related row can also be detached.</summary>
/// <typeparam name="TModel">The related model.</typeparam>
/// <typeparam name="TCreate">Its create input without the foreign key.</typeparam>
/// <typeparam name="TUpdate">Its update input.</typeparam>
public sealed class NestedUpdateOneOptional<TModel, TCreate, TUpdate> : NestedUpdateOne<TModel, TCreate, TUpdate>
    where TModel : class, IModel<TModel>
    where TCreate : class, ICreateInput<TModel>
    where TUpdate : class, IUpdateInput<TModel>
{
    /// <summary>Detaches the related row (its foreign key set to NULL), if there is one.</summary>
    public bool Disconnect { get; set; }
}

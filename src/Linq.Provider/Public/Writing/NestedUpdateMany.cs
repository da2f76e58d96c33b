using System.Linq.Expressions;
using Linq.Contract;

namespace Linq;

/// <summary>
/// Writes to a to-many relation as part of updating its parent: create, connect, and change or delete the parent's
/// own children (a child that belongs to another parent is not touched: a unique-key operation on it fails).
/// </summary>
/// <typeparam name="TModel">The related model.</typeparam>
/// <typeparam name="TCreate">Its create input without the foreign key.</typeparam>
/// <typeparam name="TUpdate">Its update input.</typeparam>
public class NestedUpdateMany<TModel, TCreate, TUpdate> : NestedCreateMany<TModel, TCreate>
    where TModel : class, IModel<TModel>
    where TCreate : class, ICreateInput<TModel>
    where TUpdate : class, IUpdateInput<TModel>
{
    /// <summary>Children of this parent to update, each by a unique key; a missing one fails the whole write.</summary>
    public List<NestedUpdate<TModel, TUpdate>>? Update { get; set; }

    /// <summary>Children of this parent matching a filter to update (no nested writes inside).</summary>
    public List<NestedUpdate<TModel, TUpdate>>? UpdateMany { get; set; }

    /// <summary>Children of this parent to delete, each by a unique key; a missing one fails the whole write.</summary>
    public List<Expression<Func<TModel, bool>>>? Delete { get; set; }

    /// <summary>Children of this parent matching a filter to delete.</summary>
    public List<Expression<Func<TModel, bool>>>? DeleteMany { get; set; }
}

/// <summary>A to-many relation whose foreign key is nullable: children can also be detached.</summary>
/// <typeparam name="TModel">The related model.</typeparam>
/// <typeparam name="TCreate">Its create input without the foreign key.</typeparam>
/// <typeparam name="TUpdate">Its update input.</typeparam>
public sealed class NestedUpdateManyOptional<TModel, TCreate, TUpdate> : NestedUpdateMany<TModel, TCreate, TUpdate>
    where TModel : class, IModel<TModel>
    where TCreate : class, ICreateInput<TModel>
    where TUpdate : class, IUpdateInput<TModel>
{
    /// <summary>Children of this parent to detach (foreign key set to NULL), each by a unique key.</summary>
    public List<Expression<Func<TModel, bool>>>? Disconnect { get; set; }
}

using System.Linq.Expressions;
using Linq.Contract;

namespace Linq;

/// <summary>Writes to a to-one relation whose foreign key is on the other side (a user's profile) as part of creating the parent.</summary>
/// <typeparam name="TModel">The related model.</typeparam>
/// <typeparam name="TCreate">Its create input without the foreign key.</typeparam>
public class NestedCreateOne<TModel, TCreate>
    where TModel : class, IModel<TModel>
    where TCreate : class, ICreateInput<TModel>
{
    /// <summary>The related row to create.</summary>
    public TCreate? Create { get; set; }

    /// <summary>An existing row to attach, found by a unique key.</summary>
    public Expression<Func<TModel, bool>>? Connect { get; set; }

    /// <summary>Attach the row with this unique key, or create it when there is none.</summary>
    public ConnectOrCreate<TModel, TCreate>? ConnectOrCreate { get; set; }
}

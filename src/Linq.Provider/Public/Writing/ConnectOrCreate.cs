using System.Linq.Expressions;
using Linq.Contract;

namespace Linq;

/// <summary>A row to attach by unique key, or to create when no row has that key.</summary>
/// <typeparam name="TModel">The related model.</typeparam>
/// <typeparam name="TCreate">Its create input without the foreign key.</typeparam>
public sealed class ConnectOrCreate<TModel, TCreate>
    where TModel : class, IModel<TModel>
    where TCreate : class, ICreateInput<TModel>
{
    /// <summary>The unique key of the row to attach.</summary>
    public required Expression<Func<TModel, bool>> Where { get; init; }

    /// <summary>The row to create when none has the key (without nested writes of its own).</summary>
    public required TCreate Create { get; init; }
}

using System.Linq.Expressions;
using Linq.Contract;

namespace Linq;

/// <summary>A change to the related row(s) matching <see cref="Where"/>.</summary>
/// <typeparam name="TModel">The related model.</typeparam>
/// <typeparam name="TUpdate">Its update input.</typeparam>
public sealed class NestedUpdate<TModel, TUpdate>
    where TModel : class, IModel<TModel>
    where TUpdate : class, IUpdateInput<TModel>
{
    /// <summary>Which related rows: a unique key for <c>Update</c>, any filter for <c>UpdateMany</c>.</summary>
    public required Expression<Func<TModel, bool>> Where { get; init; }

    /// <summary>The changes.</summary>
    public required TUpdate Data { get; init; }
}

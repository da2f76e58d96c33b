using System.Linq.Expressions;
using Linq.Contract;

namespace Linq;

/// <summary>
/// Writes to a to-many relation as part of creating its parent (Prisma's <c>posts: { create, createMany, connect, connectOrCreate }</c>).
/// Everything runs in the parent's one statement: children are inserted set-wise, never one statement per child.
/// </summary>
/// <typeparam name="TModel">The related model.</typeparam>
/// <typeparam name="TCreate">Its create input without the foreign key (the parent supplies it).</typeparam>
public class NestedCreateMany<TModel, TCreate>
    where TModel : class, IModel<TModel>
    where TCreate : class, ICreateInput<TModel>
{
    /// <summary>Children to create; each may carry its own nested writes.</summary>
    public List<TCreate>? Create { get; set; }

    /// <summary>Children to create in bulk (Prisma's <c>createMany</c>); they cannot carry nested writes.</summary>
    public List<TCreate>? CreateMany { get; set; }

    /// <summary>With <see cref="CreateMany"/>: rows that hit a unique key are skipped instead of failing.</summary>
    public bool SkipDuplicates { get; set; }

    /// <summary>Existing rows to attach, each found by a unique key (<c>p =&gt; p.Id == 3</c>); a missing one fails the whole write.</summary>
    public List<Expression<Func<TModel, bool>>>? Connect { get; set; }

    /// <summary>Attach the row with this unique key, or create it when there is none.</summary>
    public List<ConnectOrCreate<TModel, TCreate>>? ConnectOrCreate { get; set; }
}

using System.Linq.Expressions;
using Linq.Contract;

namespace Linq;

/// <summary>
/// Writes to a many-to-many relation as part of creating a row (Prisma's <c>tags: { create, connect, connectOrCreate }</c>):
/// related rows are created or found, and the pairs are added to the join table, all in the row's one statement.
/// </summary>
/// <typeparam name="TModel">The related model.</typeparam>
/// <typeparam name="TCreate">Its create input (the join table holds the link, so no field is left out).</typeparam>
public class ManyToManyCreate<TModel, TCreate>
    where TModel : class, IModel<TModel>
    where TCreate : class, ICreateInput<TModel>
{
    /// <summary>Related rows to create and link; they cannot carry nested writes of their own.</summary>
    public List<TCreate>? Create { get; set; }

    /// <summary>Existing rows to link, each found by a unique key (<c>t =&gt; t.Id == 3</c>); a missing one fails the whole write. Linking a row twice is not an error.</summary>
    public List<Expression<Func<TModel, bool>>>? Connect { get; set; }

    /// <summary>Link the row with this unique key, or create it (without nested writes) and link it when there is none.</summary>
    public List<ConnectOrCreate<TModel, TCreate>>? ConnectOrCreate { get; set; }
}

/// <summary>
/// Writes to a many-to-many relation as part of updating a row: besides <see cref="ManyToManyCreate{TModel, TCreate}"/>'s,
/// <see cref="Set"/> replaces every link and <see cref="Disconnect"/> removes some. Related rows themselves are never deleted.
/// </summary>
/// <typeparam name="TModel">The related model.</typeparam>
/// <typeparam name="TCreate">Its create input.</typeparam>
public sealed class ManyToManyUpdate<TModel, TCreate> : ManyToManyCreate<TModel, TCreate>
    where TModel : class, IModel<TModel>
    where TCreate : class, ICreateInput<TModel>
{
    /// <summary>
    /// When set, the row is linked to exactly these rows (each by a unique key; a missing one fails the whole write):
    /// every other link is removed first. An empty list removes all links. Applied before Disconnect, Connect and Create.
    /// </summary>
    public List<Expression<Func<TModel, bool>>>? Set { get; set; }

    /// <summary>Rows to unlink, each by a unique key; a row that is not linked (or does not exist) is left as it is.</summary>
    public List<Expression<Func<TModel, bool>>>? Disconnect { get; set; }
}

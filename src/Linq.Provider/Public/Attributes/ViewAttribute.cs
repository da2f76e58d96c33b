namespace Linq;

/// <summary>
/// Marks a <c>partial</c> class as a read-only model over a database view (Prisma's <c>view</c> block): it is queried
/// like a table (filters, ordering, paging, includes) but has no write inputs and its client property is a
/// <see cref="View{T}"/>, which offers no create, update or delete, so a write is a compile error. Mark the property
/// (or properties) that identify a row with <c>[Id]</c>: relations and stable ordering use it; no key is created.
/// </summary>
/// <remarks>
/// Migrations do not create, change or drop views (a view's SQL is not derived from the model): write the
/// <c>CREATE VIEW</c> in a migration's SQL, as with Prisma. <c>linq db pull</c> writes a <c>[View]</c> class per view.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ViewAttribute : Attribute
{
    /// <summary>A model over the view named <paramref name="name"/>.</summary>
    public ViewAttribute(string name) => Name = name;

    /// <summary>The view's name in the database.</summary>
    public string Name { get; }
}

namespace Linq;

/// <summary>
/// Marks a collection navigation as one side of an implicit many-to-many relation (Prisma's <c>tags Tag[]</c> ↔
/// <c>posts Post[]</c>): the other model has a collection pointing back, and a join table the generator derives holds
/// the pairs. Optional when the two collections are the only ones between the two models; required (with the same
/// <see cref="Name"/> on both sides) when there are several such pairs or for a self-relation.
/// </summary>
/// <remarks>
/// The join table is named <c>_{A}To{B}</c> (the two model names in ordinal order) unless <see cref="Name"/> gives
/// another; its columns <c>"A"</c> and <c>"B"</c> reference the primary keys of the first and second model, form its
/// primary key, and cascade on delete. This is Prisma's convention, so a Prisma database maps as it is.
/// </remarks>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ManyToManyAttribute : Attribute
{
    /// <summary>A many-to-many relation with the conventional join table name.</summary>
    public ManyToManyAttribute()
    {
    }

    /// <summary>A many-to-many relation whose join table is <paramref name="name"/>; both sides must give the same name.</summary>
    public ManyToManyAttribute(string name) => Name = name;

    /// <summary>The join table's name (and the relation's name pairing the two sides); null for <c>_{A}To{B}</c>.</summary>
    public string? Name { get; }
}

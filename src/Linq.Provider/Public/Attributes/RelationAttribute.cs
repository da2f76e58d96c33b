using Linq.Sql.Schema;

namespace Linq;

/// <summary>
/// Declares the owning side of a relation on a navigation property: <c>fields</c> are this
/// model's foreign key properties, <c>References</c> the target's key properties (its primary key by
/// default). The other side (a <c>List&lt;T&gt;</c> or single navigation) needs no attribute. A unique
/// foreign key makes the relation one-to-one.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class RelationAttribute : Attribute
{
    /// <summary>A relation over one foreign key property referencing the target's primary key.</summary>
    public RelationAttribute(string field)
    {
        Fields = [field];
        References = [];
    }

    /// <summary>A relation over the given foreign key properties referencing the given target properties.</summary>
    public RelationAttribute(string[] fields, string[] references)
    {
        Fields = fields;
        References = references;
    }

    /// <summary>This model's foreign key properties.</summary>
    public string[] Fields { get; }

    /// <summary>The referenced properties of the target; empty means its primary key.</summary>
    public string[] References { get; }

    /// <summary>What happens to this row when the referenced row is deleted. Defaults to <c>Restrict</c> for a required and <c>SetNull</c> for an optional relation, as in Prisma.</summary>
    public ReferentialAction OnDelete { get; set; } = (ReferentialAction)(-1);

    /// <summary>What happens to this row's foreign key when the referenced key changes. Defaults to <c>Cascade</c>, as in Prisma.</summary>
    public ReferentialAction OnUpdate { get; set; } = (ReferentialAction)(-1);

    /// <summary>Optional constraint name.</summary>
    public string? Name { get; set; }
}

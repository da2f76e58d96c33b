namespace Linq.Provider.Tests.Models;

/// <summary>A named many-to-many self-relation (join table "Follows"): a row (A, B) means A's Followers contain B.</summary>
[Model]
public partial class Member
{
    [Id] public required string Handle { get; set; }
    [ManyToMany("Follows")] public List<Member> Followers { get; set; } = [];
    [ManyToMany("Follows")] public List<Member> Following { get; set; } = [];
}

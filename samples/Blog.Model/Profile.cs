using Linq;

namespace Blog.Model;

/// <summary>One-to-one with <see cref="User"/>: the foreign key is unique.</summary>
[Model]
public partial class Profile
{
    [Id, AutoIncrement] public int Id { get; set; }
    public string? Bio { get; set; }

    /// <summary>A public handle; added by the second migration, which fills it in from the user's email for existing profiles.</summary>
    public string? Handle { get; set; }
    [Unique] public int UserId { get; set; }
    [Relation(nameof(UserId))] public User? User { get; set; }
}

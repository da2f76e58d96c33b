using Linq;

namespace Blog.Model;

/// <summary>One-to-one with <see cref="User"/>: the foreign key is unique.</summary>
[Model]
public partial class Profile
{
    [Id, AutoIncrement] public int Id { get; set; }
    public string? Bio { get; set; }
    [Unique] public int UserId { get; set; }
    [Relation(nameof(UserId))] public User? User { get; set; }
}

using Linq;

namespace Blog.Model;

[Model]
public partial class User
{
    [Id, AutoIncrement] public int Id { get; set; }
    [Unique] public required string Email { get; set; }
    public string? Name { get; set; }
    [Default(Role.User)] public Role Role { get; set; }
    public List<Post> Posts { get; set; } = [];
    public Profile? Profile { get; set; }
}

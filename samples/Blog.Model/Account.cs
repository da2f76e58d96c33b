using Linq;

namespace Blog.Model;

[Model]
public partial class Account
{
    [Id, AutoIncrement] public int Id { get; set; }
    [Unique] public required string Email { get; set; }
    [Default(0)] public decimal Balance { get; set; }
}

using Linq;

namespace Blog.Model;

[Model, Index(nameof(AuthorId), nameof(Title))]
public partial class Post
{
    [Id, AutoIncrement] public int Id { get; set; }
    public required string Title { get; set; }
    public string? Content { get; set; }
    [Default(false)] public bool Published { get; set; }
    [Relation(nameof(AuthorId))] public User? Author { get; set; }
    public int AuthorId { get; set; }
    public List<Comment> Comments { get; set; } = [];
    [DefaultNow] public DateTime CreatedAt { get; set; }
}

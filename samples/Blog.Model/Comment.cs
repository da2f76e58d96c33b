using Linq;

namespace Blog.Model;

/// <summary>Stored in the table "comments" (like Prisma's @@map).</summary>
[Model(Table = "comments")]
public partial class Comment
{
    [Id, AutoIncrement] public int Id { get; set; }
    public required string Text { get; set; }
    [Map("post_id")] public int PostId { get; set; }
    [Relation(nameof(PostId))] public Post? Post { get; set; }
    [DefaultNow] public DateTime CreatedAt { get; set; }
}

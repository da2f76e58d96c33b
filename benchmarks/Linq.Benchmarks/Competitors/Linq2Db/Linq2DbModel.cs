namespace Linq.Benchmarks.Competitors.Linq2Db;

using LinqToDB;
using LinqToDB.Mapping;

// linq2db entity classes mapped with its attributes (every mapped member carries one). String properties are not
// `required`: linq2db's insert/update setters are object initializers inside expression trees that set only some
// members, which `required` would reject at compile time.

/// <summary>
/// The PostgreSQL enum "Role": mapped in Npgsql (see <see cref="Linq2DbClient"/>) for parameters and reads; the
/// <c>MapValue</c> labels are what linq2db writes when it puts a value into the SQL text as a literal.
/// </summary>
public enum Role
{
    [MapValue("User")] User,
    [MapValue("Admin")] Admin,
}

[Table("User")]
public sealed class User
{
    [Column("Id"), PrimaryKey, Identity] public int Id { get; set; }

    [Column("Email"), NotNull] public string Email { get; set; } = null!;

    [Column("Name"), Nullable] public string? Name { get; set; }

    [Column("Role", DataType = DataType.Enum, DbType = "Role"), NotNull] public Role Role { get; set; }

    [Association(ThisKey = nameof(Id), OtherKey = nameof(Post.AuthorId))] public List<Post> Posts { get; set; } = [];

    [Association(ThisKey = nameof(Id), OtherKey = nameof(Profile.UserId))] public Profile? Profile { get; set; }
}

[Table("Profile")]
public sealed class Profile
{
    [Column("Id"), PrimaryKey, Identity] public int Id { get; set; }

    [Column("Bio"), Nullable] public string? Bio { get; set; }

    [Column("UserId"), NotNull] public int UserId { get; set; }
}

[Table("Post")]
public sealed class Post
{
    [Column("Id"), PrimaryKey, Identity] public int Id { get; set; }

    [Column("Title"), NotNull] public string Title { get; set; } = null!;

    [Column("Content"), Nullable] public string? Content { get; set; }

    [Column("Published"), NotNull] public bool Published { get; set; }

    [Column("AuthorId"), NotNull] public int AuthorId { get; set; }

    /// <summary>Filled by the column default (<c>now()</c>) on insert.</summary>
    [Column("CreatedAt", SkipOnInsert = true, SkipOnUpdate = true), NotNull] public DateTime CreatedAt { get; set; }

    [Association(ThisKey = nameof(Id), OtherKey = nameof(Comment.PostId))] public List<Comment> Comments { get; set; } = [];
}

[Table("comments")]
public sealed class Comment
{
    [Column("Id"), PrimaryKey, Identity] public int Id { get; set; }

    [Column("Text"), NotNull] public string Text { get; set; } = null!;

    [Column("post_id"), NotNull] public int PostId { get; set; }

    [Column("CreatedAt", SkipOnInsert = true, SkipOnUpdate = true), NotNull] public DateTime CreatedAt { get; set; }
}

[Table("Account")]
public sealed class Account
{
    [Column("Id"), PrimaryKey, Identity] public int Id { get; set; }

    [Column("Email"), NotNull] public string Email { get; set; } = null!;

    [Column("Balance"), NotNull] public decimal Balance { get; set; }
}

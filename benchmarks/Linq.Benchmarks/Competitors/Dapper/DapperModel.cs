namespace Linq.Benchmarks.Competitors.Dapper;

// Dapper maps columns to properties by name, so these POCOs carry no attributes: the SQL names the columns
// ("User"."Id" → Id, …) and aliases the one column whose name differs (comments.post_id AS "PostId").

/// <summary>The PostgreSQL enum "Role": read from its text, written as text cast to "Role" in the SQL.</summary>
public enum Role
{
    User,
    Admin,
}

/// <summary>A row of "User".</summary>
public sealed class User
{
    public int Id { get; set; }

    public required string Email { get; set; }

    public string? Name { get; set; }

    public Role Role { get; set; }

    public List<Post> Posts { get; set; } = [];
}

/// <summary>A row of "Post".</summary>
public sealed class Post
{
    public int Id { get; set; }

    public required string Title { get; set; }

    public string? Content { get; set; }

    public bool Published { get; set; }

    public int AuthorId { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<Comment> Comments { get; set; } = [];
}

/// <summary>A row of comments.</summary>
public sealed class Comment
{
    public int Id { get; set; }

    public required string Text { get; set; }

    public int PostId { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>The nested projection as Dapper reads it: the titles come as one text[] column.</summary>
public sealed class UserTitlesRow
{
    public string? Name { get; set; }

    public string[] Titles { get; set; } = [];
}

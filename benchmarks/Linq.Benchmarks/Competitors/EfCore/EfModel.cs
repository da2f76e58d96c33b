namespace Linq.Benchmarks.Competitors.EfCore;

// EF Core entity classes: plain POCOs, mapped to the project's tables in BenchEfContext.OnModelCreating (fluent
// configuration, as EF's documentation prefers for anything beyond conventions).

/// <summary>The PostgreSQL enum "Role" (mapped with <c>MapEnum</c> in <c>UseNpgsql</c>, labels as they are).</summary>
public enum Role
{
    User,
    Admin,
}

public sealed class User
{
    public int Id { get; set; }

    public required string Email { get; set; }

    public string? Name { get; set; }

    public Role Role { get; set; }

    public List<Post> Posts { get; set; } = [];

    public Profile? Profile { get; set; }
}

public sealed class Profile
{
    public int Id { get; set; }

    public string? Bio { get; set; }

    public int UserId { get; set; }

    public User? User { get; set; }
}

public sealed class Post
{
    public int Id { get; set; }

    public required string Title { get; set; }

    public string? Content { get; set; }

    public bool Published { get; set; }

    public int AuthorId { get; set; }

    public User? Author { get; set; }

    public List<Comment> Comments { get; set; } = [];

    public DateTime CreatedAt { get; set; }
}

public sealed class Comment
{
    public int Id { get; set; }

    public required string Text { get; set; }

    public int PostId { get; set; }

    public Post? Post { get; set; }

    public DateTime CreatedAt { get; set; }
}

public sealed class Account
{
    public int Id { get; set; }

    public required string Email { get; set; }

    public decimal Balance { get; set; }
}

namespace Linq.Benchmarks.Competitors;

/// <summary>The projection of the filtered page (a small DTO: id, e-mail, name).</summary>
/// <remarks>Shared by the LINQ libraries and hand-written code; Dapper maps into it by column name too. It is no entity.</remarks>
public sealed class UserSummary
{
    public int Id { get; init; }

    public string Email { get; init; } = "";

    public string? Name { get; init; }
}

/// <summary>The nested projection: a user's name and the titles of the user's posts (by post id).</summary>
public sealed class UserTitles
{
    public string? Name { get; init; }

    public List<string> Titles { get; init; } = [];
}

/// <summary>A page of rows and the total count, read in one transaction (the batch transaction scenario).</summary>
public sealed record PageWithCount<T>(List<T> Items, int Total);

/// <summary>SQL text helpers for the hand-written and Dapper variants.</summary>
public static class SqlText
{
    /// <summary>A LIKE pattern matching values that start with <paramref name="prefix"/> (with <c>\</c>, <c>%</c> and <c>_</c> escaped; <c>\</c> is PostgreSQL's default LIKE escape).</summary>
    public static string LikePrefix(string prefix) =>
        prefix.AsSpan().IndexOfAny('\\', '%', '_') < 0
            ? prefix + "%"
            : prefix.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}

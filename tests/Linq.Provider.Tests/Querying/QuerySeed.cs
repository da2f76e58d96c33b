using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// The deterministic data every <see cref="QueryFixture"/> seeds. Static so that predicate tables (static
/// <c>MemberData</c>) can refer to seeded values; the database generates the ids.
/// </summary>
internal static class QuerySeed
{
    /// <summary>Users: nulls, empty, case variants, non-BMP unicode, LIKE wildcards, quotes, backslashes.</summary>
    public static readonly (string Email, string? Name, Role Role)[] Users =
    [
        ("ann@example.com", "Ann", Role.Admin),                 // 0: many posts
        ("ann.lower@example.com", "ann", Role.User),            // 1
        ("ANN@EXAMPLE.COM", "ANN", Role.User),                  // 2
        ("bob@example.com", "Bob", Role.Admin),                 // 3: posts all unpublished
        ("nobody1@example.com", null, Role.User),               // 4: no posts
        ("nobody2@example.com", null, Role.Admin),              // 5
        ("empty@example.com", "", Role.User),                   // 6
        ("emile@example.com", "Émile", Role.User),              // 7
        ("zoe@example.com", "Zoë", Role.Admin),                 // 8
        ("nihon@example.com", "日本語", Role.User),              // 9
        ("party@example.com", "🎉 Party", Role.User),           // 10: non-BMP (surrogate pair)
        ("clef@example.com", "𝄞music", Role.User),              // 11: non-BMP
        ("percent@example.com", "100% sure", Role.User),        // 12
        ("under@example.com", "under_score", Role.Admin),       // 13
        ("obrien@example.com", "O'Brien", Role.User),           // 14
        ("back\\slash@example.com", "back\\slash", Role.User),  // 15
        ("quote@example.com", "say \"hi\"", Role.User),         // 16
        ("a%b@example.com", "a%b", Role.User),                  // 17
        ("a_b@example.com", "a_b", Role.User),                  // 18
        ("aXb@example.com", "aXb", Role.User),                  // 19
        ("ab@example.com", "ab", Role.User),                    // 20: no posts
        ("carol@example.com", "Carol", Role.Admin),             // 21
        ("carol.smith@example.com", "carol smith", Role.User),  // 22
        ("dave@example.com", "Dave", Role.User),                // 23: posts all published
        ("spaced@example.com", "  spaced  ", Role.User),        // 24
        ("umit@example.com", "Ümit", Role.User),                // 25
        ("x@example.com", "x", Role.User),                      // 26: no posts
        ("nobody3@example.com", null, Role.User),               // 27
        ("eve@example.com", "Eve", Role.Admin),                 // 28
        ("mallory@example.com", "mallory", Role.User),          // 29: no posts
        ("trent@example.com", "Trent", Role.User),              // 30: no posts
        ("EMILE@EXAMPLE.COM", "ÉMILE", Role.User),              // 31
        ("dollar$1@example.com", "$$ money $1", Role.User),     // 32
        ("semi@example.com", "x'; DROP TABLE \"User\"; --", Role.User), // 33
    ];

    public static readonly int[] UsersWithoutPosts = [4, 20, 26, 29, 30];
    public const int AllPublishedAuthor = 23;
    public const int NonePublishedAuthor = 3;

    /// <summary>Users (by index) with a profile, and the profile's bio.</summary>
    public static readonly (int User, string? Bio)[] Profiles =
    [
        (0, "Ann's bio"), (1, null), (3, ""), (7, "Émile écrit"), (9, null), (10, "🎉🎉"), (12, "100% real"),
        (14, null), (21, "Carol"), (23, "dave"), (27, "no name"), (31, null), (33, "--"), (4, null), (29, "mallory's"),
    ];

    /// <summary>Boundary timestamps (UTC, microsecond precision) used for the first posts.</summary>
    public static readonly DateTime[] BoundaryDates =
    [
        new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        new DateTime(2024, 2, 29, 12, 34, 56, DateTimeKind.Utc).AddTicks(7_890_120),
        new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_990),
        new(2024, 2, 28, 23, 59, 59, DateTimeKind.Utc),
        new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc),
        new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        new(2038, 1, 19, 3, 14, 8, DateTimeKind.Utc),
        new DateTime(2000, 2, 29, 23, 0, 0, DateTimeKind.Utc).AddTicks(10),
        new(1900, 3, 1, 6, 7, 8, DateTimeKind.Utc),
        new DateTime(2100, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(5_000_000),
        new(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc),
    ];

    public static readonly string[] Titles =
    [
        "Hello", "hello world", "HELLO", "100% done", "snake_case", "O'Reilly", "C:\\path", "quote \"x\"", "Ünïcode", "🎉 launch",
        "a%b", "a_b", "axb", "Draft", "draft", "", "  padded  ", "LINQ", "linq to sql", "𝄞 clef",
    ];

    public static readonly string[] CommentTexts =
    [
        "nice", "Nice!", "NICE", "meh", "50% off", "under_score", "it's", "\\o/", "\"quoted\"", "🎉", "ok", "", "first", "spam spam",
        "Ümlaut", "a%b", "a_b", "aXb", "--", "; select 1",
    ];

    public const int PostCount = 80;
    public const int CommentCount = 150;

    public static int PostAuthor(int i)
    {
        if (i < 10)
        {
            return 0;
        }

        var authors = Enumerable.Range(0, Users.Length).Where(u => !UsersWithoutPosts.Contains(u)).ToArray();
        return authors[(i * 7) % authors.Length];
    }

    public static bool PostPublished(int i, int author) =>
        author == AllPublishedAuthor || (author != NonePublishedAuthor && i % 3 != 1);

    public static string? PostContent(int i) => i % 4 == 0 ? null : i % 9 == 0 ? "" : "Content of post " + i + (i % 5 == 0 ? " with 50% and x_y" : "");

    public static DateTime PostCreatedAt(int i) =>
        i < BoundaryDates.Length
            ? BoundaryDates[i]
            : new DateTime(2010, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i * 1013).AddTicks((long)i * 1_234_567 * 10 % 600_000_000);

    /// <summary>Index of the post a comment belongs to: 20 on post 0, the rest spread over posts whose index does not end in 9.</summary>
    public static int CommentPost(int i)
    {
        if (i < 20)
        {
            return 0;
        }

        var posts = Enumerable.Range(0, PostCount).Where(p => p % 10 != 9).ToArray();
        return posts[(i * 13) % posts.Length];
    }

    public static DateTime CommentCreatedAt(int i) =>
        new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i * 37).AddTicks((long)i * 7_654_321 * 10 % 600_000_000);

    public static readonly (string Email, decimal Balance)[] Accounts =
    [
        ("zero@bank.io", 0m),
        ("cent@bank.io", 0.01m),
        ("minus-cent@bank.io", -0.01m),
        ("hundred@bank.io", 100.50m),
        ("large@bank.io", 1234567890123456789.123456789m),
        ("negative-large@bank.io", -9999999999.99m),
        ("tiny@bank.io", 0.0000000001m),
        ("answer@bank.io", 42m),
        ("pi@bank.io", 3.14159m),
        ("minus-three@bank.io", -3m),
        ("one@bank.io", 1m),
        ("one-again@bank.io", 1.000m),
        ("half@bank.io", 0.5m),
        ("minus-half@bank.io", -0.5m),
        ("big-round@bank.io", 1000000m),
        ("third@bank.io", 33.333333333333m),
    ];
}

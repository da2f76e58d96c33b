using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// A fresh database seeded for joins: users with null and repeated names, profiles whose nullable handles match some
/// names (and null ones), users without posts, posts without comments, accounts sharing some users' emails. The
/// expected side is read back with PLAIN NPGSQL (never through the provider) into objects whose navigations are wired
/// by hand; <see cref="Objects"/> runs the very same query over them with LINQ-to-Objects.
/// </summary>
public sealed class JoinFixture : IAsyncLifetime
{
    private readonly DatabaseFixture _database = new();

    public TestDb Db => _database.Db;

    /// <summary>The tables as the provider queries them.</summary>
    public JoinSources Database => new(Db.Users, Db.Posts, Db.Comments, Db.Profiles, Db.Accounts);

    /// <summary>The rows read with plain Npgsql, queried with LINQ-to-Objects.</summary>
    public JoinSources Objects => new(Users.AsQueryable(), Posts.AsQueryable(), Comments.AsQueryable(), Profiles.AsQueryable(), Accounts.AsQueryable());

    public List<User> Users { get; } = [];
    public List<Post> Posts { get; } = [];
    public List<Comment> Comments { get; } = [];
    public List<Profile> Profiles { get; } = [];
    public List<Account> Accounts { get; } = [];

    // (email, name): null names (1, 4), a repeated name (0, 3), an empty one (6).
    private static readonly (string Email, string? Name)[] SeedUsers =
    [
        ("ann@j.io", "Ann"), ("bo@j.io", null), ("cid@j.io", "Cid"), ("ann2@j.io", "Ann"), ("dee@j.io", null), ("fay@j.io", "Fay"), ("gil@j.io", ""), ("hal@j.io", "Hal"),
    ];

    // Posts per user (by index): users 1, 4 and 6 have none.
    private static readonly int[] PostAuthors = [0, 0, 0, 2, 2, 3, 5, 5, 7, 0, 7];

    // (user, bio, handle): handles equal to names (a name shared by two users), null handles for users whose name is null.
    private static readonly (int User, string? Bio, string? Handle)[] SeedProfiles =
    [
        (0, "ann's", "Ann"), (1, null, null), (2, "", "Fay"), (4, "dee", null), (5, null, "Ann"), (7, "hal", "nobody"),
    ];

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var db = Db;
        var users = new List<User>();
        foreach (var (email, name) in SeedUsers)
        {
            users.Add(await db.Users.CreateAsync(new() { Email = email, Name = name }));
        }

        var posts = new List<Post>();
        for (var i = 0; i < PostAuthors.Length; i++)
        {
            posts.Add(await db.Posts.CreateAsync(new()
            {
                Title = "T" + (i % 4), Content = i % 3 == 0 ? null : "c" + i, Published = i % 2 == 0, AuthorId = users[PostAuthors[i]].Id,
                CreatedAt = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i),
            }));
        }

        // Comments on some posts only (post 1, 2, 4 and 8 have none).
        foreach (var (post, text) in new[] { (0, "x"), (0, "y"), (3, "x"), (5, "z"), (6, ""), (7, "x"), (9, "w"), (10, "v"), (10, "x") })
        {
            await db.Comments.CreateAsync(new() { Text = text, PostId = posts[post].Id });
        }

        foreach (var (user, bio, handle) in SeedProfiles)
        {
            await db.Profiles.CreateAsync(new() { UserId = users[user].Id, Bio = bio, Handle = handle });
        }

        foreach (var (email, balance) in new[] { ("ann@j.io", 10.5m), ("cid@j.io", -2m), ("zed@j.io", 7m), ("hal@j.io", 0m), ("ann@j.io.other", 1m) })
        {
            await db.Accounts.CreateAsync(new() { Email = email, Balance = balance });
        }

        await ReadAsync();
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    // Plain Npgsql: the expected rows do not depend on the code under test.
    private async Task ReadAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await foreach (var r in RowsAsync(connection, "SELECT \"Id\", \"Email\", \"Name\" FROM \"User\" ORDER BY \"Id\""))
        {
            Users.Add(new User { Id = r.GetInt32(0), Email = r.GetString(1), Name = r.IsDBNull(2) ? null : r.GetString(2) });
        }

        await foreach (var r in RowsAsync(connection, "SELECT \"Id\", \"Title\", \"Content\", \"Published\", \"AuthorId\", \"CreatedAt\" FROM \"Post\" ORDER BY \"Id\""))
        {
            Posts.Add(new Post
            {
                Id = r.GetInt32(0), Title = r.GetString(1), Content = r.IsDBNull(2) ? null : r.GetString(2), Published = r.GetBoolean(3),
                AuthorId = r.GetInt32(4), CreatedAt = r.GetDateTime(5),
            });
        }

        await foreach (var r in RowsAsync(connection, "SELECT \"Id\", \"Text\", \"post_id\", \"CreatedAt\" FROM \"comments\" ORDER BY \"Id\""))
        {
            Comments.Add(new Comment { Id = r.GetInt32(0), Text = r.GetString(1), PostId = r.GetInt32(2), CreatedAt = r.GetDateTime(3) });
        }

        await foreach (var r in RowsAsync(connection, "SELECT \"Id\", \"Bio\", \"Handle\", \"UserId\" FROM \"Profile\" ORDER BY \"Id\""))
        {
            Profiles.Add(new Profile { Id = r.GetInt32(0), Bio = r.IsDBNull(1) ? null : r.GetString(1), Handle = r.IsDBNull(2) ? null : r.GetString(2), UserId = r.GetInt32(3) });
        }

        await foreach (var r in RowsAsync(connection, "SELECT \"Id\", \"Email\", \"Balance\" FROM \"Account\" ORDER BY \"Id\""))
        {
            Accounts.Add(new Account { Id = r.GetInt32(0), Email = r.GetString(1), Balance = r.GetDecimal(2) });
        }

        foreach (var user in Users)
        {
            user.Posts = [.. Posts.Where(p => p.AuthorId == user.Id)];
            user.Profile = Profiles.SingleOrDefault(p => p.UserId == user.Id);
        }

        foreach (var post in Posts)
        {
            post.Author = Users.Single(u => u.Id == post.AuthorId);
            post.Comments = [.. Comments.Where(c => c.PostId == post.Id)];
        }

        foreach (var comment in Comments)
        {
            comment.Post = Posts.Single(p => p.Id == comment.PostId);
        }

        foreach (var profile in Profiles)
        {
            profile.User = Users.Single(u => u.Id == profile.UserId);
        }
    }

    private static async IAsyncEnumerable<NpgsqlDataReader> RowsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            yield return reader;
        }
    }
}

/// <summary>The tables a join test reads: the database's, or the plain-Npgsql rows as LINQ-to-Objects queryables.</summary>
public sealed record JoinSources(IQueryable<User> Users, IQueryable<Post> Posts, IQueryable<Comment> Comments, IQueryable<Profile> Profiles,
    IQueryable<Account> Accounts);

/// <summary>Runs one query over both sources and compares the results (mapped to comparable text).</summary>
internal static class JoinCheck
{
    /// <summary>Same rows in any order (the query has no total ordering).</summary>
    public static async Task SameSetAsync<T>(JoinFixture f, Func<JoinSources, IQueryable<T>> query, Func<T, string> show, Func<JoinSources, IQueryable<T>>? expected = null)
    {
        var (e, a, sql) = await RunAsync(f, query, show, expected);
        QueryCheck.SameSet("rows", e, a, sql);
    }

    /// <summary>Same rows in the same order (the query orders totally).</summary>
    public static async Task SameAsync<T>(JoinFixture f, Func<JoinSources, IQueryable<T>> query, Func<T, string> show, Func<JoinSources, IQueryable<T>>? expected = null)
    {
        var (e, a, sql) = await RunAsync(f, query, show, expected);
        QueryCheck.Same("rows", e, a, sql);
    }

    private static async Task<(List<string> Expected, List<string> Actual, string Sql)> RunAsync<T>(JoinFixture f, Func<JoinSources, IQueryable<T>> query,
        Func<T, string> show, Func<JoinSources, IQueryable<T>>? expected)
    {
        var database = query(f.Database);
        var actual = (await QueryCheck.ListAsync(database)).Select(show).ToList();
        var rows = (expected ?? query)(f.Objects).ToList().Select(show).ToList();
        Assert.NotEmpty(rows);
        return (rows, actual, QueryCheck.Sql(database));
    }
}

using System.Diagnostics;
using Blog.Model;
using Linq.LocalPostgres;
using Npgsql;

namespace Linq.Benchmarks.Scenarios;

/// <summary>
/// A seeded PostgreSQL database for the database scenarios: one server (the <c>DATABASE_URL</c> server, else
/// Testcontainers, else a throwaway local cluster) and one fresh database per benchmark process, created in
/// <c>[GlobalSetup]</c> and dropped in <c>[GlobalCleanup]</c>.
/// </summary>
/// <remarks>
/// <para>Data (ids are fixed, so every variant and every run sees the same rows):</para>
/// <list type="bullet">
/// <item>the regular set: users 1..1,000, each with a profile and 10 posts (ids 1..10,000), each post with 2
/// comments (ids 1..20,000);</item>
/// <item>the large fan-out set: users 1,001..1,010 with 1,000 posts each (ids 10,001..20,000) and no comments;</item>
/// <item>the paging set: users 1,011..10,010 (<c>pager{i}@bench.example</c>) with 10 posts each (ids 20,001..110,000)
/// and no comments, so that <c>"Post"</c> holds 110,000 rows to page through. Spread over many authors on purpose:
/// with all 90,000 posts on one author, PostgreSQL estimates ~110 posts per author for a parameterized lookup
/// (rows / distinct authors) and plans the per-user laterals of the relation scenarios with a sequential scan of
/// <c>comments</c> per user (the hand-written array statement went from ~15 ms to ~650 ms), which would change the
/// other scenarios' plans rather than add a paging scenario;</item>
/// <item>accounts 1..1,000 (<c>account{i}@bench.example</c>, balance 1,000).</item>
/// </list>
/// <para>
/// The ORM comparison (<c>Comparison/</c>) and the older scenarios share one seeded database per process
/// (<see cref="SharedAsync"/>): with the in-process quick job every scenario runs in one process, so the data is
/// seeded once per run instead of once per benchmark.
/// </para>
/// <para>
/// Seeding is a handful of <c>INSERT … SELECT … FROM generate_series</c> statements, generated and inserted by the
/// server without a round trip per row (a few seconds for these 140,000 rows), followed by <c>VACUUM ANALYZE</c> so that the planner has statistics and index-only
/// scans see an all-visible heap.
/// </para>
/// <para>
/// The pushed schema indexes every foreign key that no key or index already starts with, so
/// <c>comments.post_id</c> gets <c>comments_post_id_idx</c>; <c>"Post"</c> is covered by the declared index on
/// (<c>AuthorId</c>, <c>Title</c>).
/// </para>
/// </remarks>
public sealed class BenchmarkDatabase : IAsyncDisposable
{
    /// <summary>Users in the regular set (ids 1..Users).</summary>
    public const int Users = 1_000;

    /// <summary>Posts per user in the regular set.</summary>
    public const int PostsPerUser = 10;

    /// <summary>Comments per post in the regular set.</summary>
    public const int CommentsPerPost = 2;

    /// <summary>Users in the large fan-out set (ids Users+1..Users+FanOutUsers).</summary>
    public const int FanOutUsers = 10;

    /// <summary>Posts per user in the large fan-out set.</summary>
    public const int FanOutPostsPerUser = 1_000;

    /// <summary>The first user id of the large fan-out set.</summary>
    public const int FanOutFirstUserId = Users + 1;

    /// <summary>The first user id of the paging set.</summary>
    public const int PagingFirstUserId = Users + FanOutUsers + 1;

    /// <summary>Users in the paging set (ids PagingFirstUserId.., 10 posts each).</summary>
    public const int PagingUsers = 9_000;

    /// <summary>Posts of the paging set.</summary>
    public const int PagingPosts = PagingUsers * PostsPerUser;

    /// <summary>Rows in <c>"User"</c>.</summary>
    public const int TotalUsers = Users + FanOutUsers + PagingUsers;

    /// <summary>Rows in <c>"Post"</c> (ids 1..TotalPosts, contiguous).</summary>
    public const int TotalPosts = Users * PostsPerUser + FanOutUsers * FanOutPostsPerUser + PagingPosts;

    /// <summary>Accounts (ids 1..Accounts, e-mail <c>account{i}@bench.example</c>).</summary>
    public const int Accounts = 1_000;

    /// <summary>The balance every account starts with.</summary>
    public const decimal InitialBalance = 1_000m;

    private static readonly Lock SharedLock = new();
    private static Task<BenchmarkDatabase>? _shared;
    private int _disposed;

    private readonly PostgresServer _server;
    private readonly string _name;

    private BenchmarkDatabase(PostgresServer server, string name, string connectionString, BlogDb db)
    {
        _server = server;
        _name = name;
        ConnectionString = connectionString;
        Db = db;
    }

    /// <summary>Npgsql keyword connection string of the seeded database (with password): for the other libraries' own pools.</summary>
    public string ConnectionString { get; }

    /// <summary>The client under test. Its <see cref="LinqDatabase.DataSource"/> (same pool, enums mapped) serves the hand-written variants.</summary>
    public BlogDb Db { get; }

    /// <summary>Npgsql's data source of <see cref="Db"/>: hand-written code uses the same connection pool.</summary>
    public NpgsqlDataSource DataSource => Db.DataSource;

    /// <summary>Where the server comes from (no password).</summary>
    public string Source => _server.Source;

    /// <summary>Starts (or finds) a server, creates a database, pushes the schema and seeds it.</summary>
    public static async Task<BenchmarkDatabase> CreateAsync(string prefix)
    {
        var clock = Stopwatch.StartNew();
        var server = await PostgresServer.StartAsync("DATABASE_URL");
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        name = name[..Math.Min(name.Length, 63)];
        try
        {
            var connectionString = await server.CreateDatabaseAsync(name);
            var db = new BlogDb(connectionString);
            var database = new BenchmarkDatabase(server, name, connectionString, db);
            try
            {
                await db.Schema.PushAsync();
                var started = clock.Elapsed;
                await database.SeedAsync();
                Console.WriteLine($"// database {name} on {server.Source}: server and schema {started.TotalSeconds:0.0} s, seed {(clock.Elapsed - started).TotalSeconds:0.0} s");
                return database;
            }
            catch
            {
                await database.DisposeAsync();
                throw;
            }
        }
        catch
        {
            await TryDropAsync(server, name);
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The database shared by every scenario of this process: created and seeded on first use, dropped when
    /// <see cref="DisposeSharedAsync"/> is called (the benchmark host does, after the run) or at process exit
    /// (a benchmark process started by BenchmarkDotNet for one benchmark). Scenarios must leave it as they found it.
    /// </summary>
    public static Task<BenchmarkDatabase> SharedAsync()
    {
        lock (SharedLock)
        {
            return _shared ??= CreateSharedAsync();
        }
    }

    /// <summary>Drops the shared database if this process created one.</summary>
    public static async Task DisposeSharedAsync()
    {
        Task<BenchmarkDatabase>? shared;
        lock (SharedLock)
        {
            (shared, _shared) = (_shared, null);
        }

        if (shared is { IsCompletedSuccessfully: true })
        {
            await shared.Result.DisposeAsync();
        }
    }

    private static async Task<BenchmarkDatabase> CreateSharedAsync()
    {
        var database = await CreateAsync("bench");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return database;
    }

    /// <summary>
    /// Drops the database (unless <c>LINQ_BENCH_KEEP_DATABASE=1</c> keeps it, with a <c>DATABASE_URL</c> server, for a
    /// look with psql) and stops the server if this process started it.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Db.DisposeAsync();
        if (Environment.GetEnvironmentVariable("LINQ_BENCH_KEEP_DATABASE") == "1")
        {
            Console.WriteLine($"// kept database {_name} on {_server.Source}");
        }
        else
        {
            await TryDropAsync(_server, _name);
        }

        await _server.DisposeAsync();
    }

    /// <summary><c>VACUUM ANALYZE</c> of the given (quoted) tables: write scenarios call it after their benchmark, so the next one starts on a clean table.</summary>
    public async Task VacuumAnalyzeAsync(params string[] quotedTables)
    {
        await using var command = DataSource.CreateCommand("VACUUM ANALYZE " + string.Join(", ", quotedTables));
        await command.ExecuteNonQueryAsync();
    }

    private static async Task TryDropAsync(PostgresServer server, string name)
    {
        try
        {
            await server.DropDatabaseAsync(name);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // A local cluster is removed with the server anyway; a shared server keeps a stray database at worst.
            Console.WriteLine($"// could not drop database {name}: {ex.Message}");
        }
    }

    private async Task SeedAsync()
    {
        const int fanOutLastUserId = Users + FanOutUsers;
        const int regularPosts = Users * PostsPerUser;
        var seed = $"""
            INSERT INTO "User" ("Id", "Email", "Name", "Role")
            SELECT i, 'user' || i || '@bench.example', 'User number ' || i, CASE WHEN i % 50 = 0 THEN 'Admin' ELSE 'User' END::"Role"
            FROM generate_series(1, {fanOutLastUserId}) AS i;

            INSERT INTO "Profile" ("Id", "Bio", "UserId")
            SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE 'Bio of user ' || i END, i
            FROM generate_series(1, {Users}) AS i;

            -- regular set: post id = (user - 1) * {PostsPerUser} + n
            INSERT INTO "Post" ("Id", "Title", "Content", "Published", "AuthorId", "CreatedAt")
            SELECT (u - 1) * {PostsPerUser} + n,
                   'Post ' || n || ' by user ' || u,
                   CASE WHEN n % 5 = 0 THEN NULL ELSE repeat('Lorem ipsum dolor sit amet, consectetur adipiscing elit. ', 2) || u || '/' || n END,
                   n % 2 = 0,
                   u,
                   timestamptz '2025-01-01 00:00:00+00' + ((u - 1) * {PostsPerUser} + n) * interval '1 second 1234 microseconds'
            FROM generate_series(1, {Users}) AS u, generate_series(1, {PostsPerUser}) AS n;

            -- large fan-out set: post id = {regularPosts} + (user - {FanOutFirstUserId}) * {FanOutPostsPerUser} + n
            INSERT INTO "Post" ("Id", "Title", "Content", "Published", "AuthorId", "CreatedAt")
            SELECT {regularPosts} + (u - {FanOutFirstUserId}) * {FanOutPostsPerUser} + n,
                   'Post ' || n || ' by user ' || u,
                   CASE WHEN n % 5 = 0 THEN NULL ELSE repeat('Lorem ipsum dolor sit amet, consectetur adipiscing elit. ', 2) || u || '/' || n END,
                   n % 2 = 0,
                   u,
                   timestamptz '2025-01-01 00:00:00+00' + n * interval '1 second 1234 microseconds'
            FROM generate_series({FanOutFirstUserId}, {fanOutLastUserId}) AS u, generate_series(1, {FanOutPostsPerUser}) AS n;

            -- paging set: post id = {regularPosts + FanOutUsers * FanOutPostsPerUser} + (user - {PagingFirstUserId}) * {PostsPerUser} + n
            INSERT INTO "User" ("Id", "Email", "Name", "Role")
            SELECT i, 'pager' || i || '@bench.example', 'Pager ' || i, 'User'
            FROM generate_series({PagingFirstUserId}, {TotalUsers}) AS i;
            INSERT INTO "Post" ("Id", "Title", "Content", "Published", "AuthorId", "CreatedAt")
            SELECT {regularPosts + FanOutUsers * FanOutPostsPerUser} + (u - {PagingFirstUserId}) * {PostsPerUser} + n,
                   'Paged post ' || n || ' by user ' || u,
                   CASE WHEN n % 5 = 0 THEN NULL ELSE 'Paged content ' || u || '/' || n END,
                   n % 2 = 0,
                   u,
                   timestamptz '2025-03-01 00:00:00+00' + ((u - {PagingFirstUserId}) * {PostsPerUser} + n) * interval '1 second'
            FROM generate_series({PagingFirstUserId}, {TotalUsers}) AS u, generate_series(1, {PostsPerUser}) AS n;

            INSERT INTO "Account" ("Id", "Email", "Balance")
            SELECT i, 'account' || i || '@bench.example', {InitialBalance}
            FROM generate_series(1, {Accounts}) AS i;

            -- comments of the regular posts: comment id = (post - 1) * {CommentsPerPost} + c
            INSERT INTO comments ("Id", "Text", post_id, "CreatedAt")
            SELECT (p - 1) * {CommentsPerPost} + c,
                   'Comment ' || c || ' on post ' || p || ': "great" read \ thanks',
                   p,
                   timestamptz '2025-02-01 00:00:00+00' + ((p - 1) * {CommentsPerPost} + c) * interval '1 second 4321 microseconds'
            FROM generate_series(1, {regularPosts}) AS p, generate_series(1, {CommentsPerPost}) AS c;

            -- ids were given explicitly: move the identity sequences past them
            SELECT setval(pg_get_serial_sequence('"User"', 'Id'), (SELECT max("Id") FROM "User"));
            SELECT setval(pg_get_serial_sequence('"Profile"', 'Id'), (SELECT max("Id") FROM "Profile"));
            SELECT setval(pg_get_serial_sequence('"Post"', 'Id'), (SELECT max("Id") FROM "Post"));
            SELECT setval(pg_get_serial_sequence('comments', 'Id'), (SELECT max("Id") FROM comments));
            SELECT setval(pg_get_serial_sequence('"Account"', 'Id'), (SELECT max("Id") FROM "Account"));

            """;

        await using var connection = await DataSource.OpenConnectionAsync();
        await using (var command = new NpgsqlCommand(seed, connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        // VACUUM cannot run inside the implicit transaction of a multi-statement command.
        await using (var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection))
        {
            await vacuum.ExecuteNonQueryAsync();
        }

        await using var check = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM "User"), (SELECT count(*) FROM "Profile"), (SELECT count(*) FROM "Post"), (SELECT max("Id") FROM "Post"),
                   (SELECT count(*) FROM comments), (SELECT count(*) FROM "Account")
            """,
            connection);
        await using var reader = await check.ExecuteReaderAsync();
        await reader.ReadAsync();
        var counts = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), (long)reader.GetInt32(3), reader.GetInt64(4), reader.GetInt64(5));
        var expected = ((long)TotalUsers, (long)Users, (long)TotalPosts, (long)TotalPosts, (long)regularPosts * CommentsPerPost, (long)Accounts);
        if (counts != expected)
        {
            throw new InvalidOperationException(
                $"Seeding produced {counts} rows (users, profiles, posts, max post id, comments, accounts), expected {expected}.");
        }
    }
}

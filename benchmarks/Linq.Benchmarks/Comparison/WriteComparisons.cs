using BenchmarkDotNet.Attributes;
using Linq.Benchmarks.Competitors;
using Npgsql;
using Dap = Linq.Benchmarks.Competitors.Dapper;
using Ef = Linq.Benchmarks.Competitors.EfCore;
using L2 = Linq.Benchmarks.Competitors.Linq2Db;
using M = Blog.Model;

namespace Linq.Benchmarks.Comparison;

/// <summary>
/// 1,000 new users in one call (e-mail, name, role). Every invocation inserts new e-mails
/// (<c>create-{invocation}-{i}@x.io</c>); the rows are deleted (and vacuumed) after each iteration, outside the
/// measurement, so the table does not grow from one iteration to the next.
/// </summary>
/// <remarks>
/// Baseline: binary <c>COPY</c> (the fastest way in). Also hand-written: one <c>unnest</c> statement with an array per
/// column (what <c>CreateManyAsync</c> sends below 1,000 rows) and a multi-row <c>VALUES</c>. Linq: <c>CreateManyAsync</c>
/// (from 1,000 rows on: binary COPY inside a transaction). Dapper: the same <c>unnest</c> statement
/// (Dapper's own idiom, executing a command once per list element, would be 1,000 round trips). EF Core:
/// <c>AddRange</c> + <c>SaveChangesAsync</c>. linq2db: <c>BulkCopyAsync</c> (provider-specific: binary COPY).
/// A fixed <c>InvocationCount</c> of 4 per iteration (cleanup between iterations needs one; 4,000 rows at most
/// before the cleanup).
/// </remarks>
[MemoryDiagnoser]
[InvocationCount(4)]
public class CreateManyComparison : ComparisonBenchmark
{
    private const string Prefix = "create-";
    private static long _batch;
    private readonly int _rows = Workload.CreateRows;

    [Benchmark(Baseline = true)]
    public Task<int> HandWritten_Copy() => C.HandWritten.CreateUsersCopyAsync(NextPrefix(), _rows);

    [Benchmark]
    public Task<int> HandWritten_Unnest() => C.HandWritten.CreateUsersUnnestAsync(NextPrefix(), _rows);

    [Benchmark]
    public Task<int> HandWritten_MultiRow() => C.HandWritten.CreateUsersMultiRowAsync(NextPrefix(), _rows);

    [Benchmark]
    public Task<int> Dapper_Unnest() => C.Dapper.CreateUsersAsync(NextPrefix(), _rows);

    [Benchmark]
    public Task<int> EfCore_AddRange() => C.EfCore.CreateUsersAsync(NextPrefix(), _rows);

    [Benchmark]
    public Task<int> Linq2Db_BulkCopy() => C.Linq2Db.CreateUsersAsync(NextPrefix(), _rows);

    [Benchmark]
    public Task<int> Linq_CreateMany() => C.Linq.CreateUsersAsync(NextPrefix(), _rows);

    [IterationCleanup]
    public void DeleteCreatedRows() => DeleteCreatedRowsAsync(C.Database.DataSource).GetAwaiter().GetResult();

    private static string NextPrefix() => $"{Prefix}{Interlocked.Increment(ref _batch)}-";

    public override async Task VerifyAsync()
    {
        var variants = new (string Name, Func<Task<int>> Run)[]
        {
            (nameof(HandWritten_Copy), HandWritten_Copy),
            (nameof(HandWritten_Unnest), HandWritten_Unnest),
            (nameof(HandWritten_MultiRow), HandWritten_MultiRow),
            (nameof(Dapper_Unnest), Dapper_Unnest),
            (nameof(EfCore_AddRange), EfCore_AddRange),
            (nameof(Linq2Db_BulkCopy), Linq2Db_BulkCopy),
            (nameof(Linq_CreateMany), Linq_CreateMany),
        };
        var dataSource = C.Database.DataSource;
        foreach (var (name, run) in variants)
        {
            var returned = await run();
            await using var check = dataSource.CreateCommand(
                $"""
                SELECT count(*)::int, count(*) FILTER (WHERE "Role" = 'Admin')::int, count(*) FILTER (WHERE "Name" LIKE 'Bulk %')::int,
                       count(DISTINCT "Email")::int
                FROM "User" WHERE "Email" LIKE '{Prefix}%'
                """);
            await using var reader = await check.ExecuteReaderAsync();
            await reader.ReadAsync();
            var stored = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
            var expected = (_rows, _rows / 50, _rows, _rows);
            await reader.DisposeAsync();
            await DeleteCreatedRowsAsync(dataSource);
            if (returned != _rows || stored != expected)
            {
                throw new InvalidOperationException($"{nameof(CreateManyComparison)}: {name} returned {returned} and stored {stored} (rows, admins, names, e-mails), expected {expected}.");
            }
        }

        Console.WriteLine($"// verified {nameof(CreateManyComparison)}: {variants.Length} variants each stored the same {_rows} rows");
    }

    private static async Task DeleteCreatedRowsAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var delete = new NpgsqlCommand($"""DELETE FROM "User" WHERE "Email" LIKE '{Prefix}%'""", connection))
        {
            await delete.ExecuteNonQueryAsync();
        }

        // ANALYZE too: the statistics stay those of the seeded table, and no autovacuum wakes up during a later benchmark.
        await using var vacuum = new NpgsqlCommand("""VACUUM ANALYZE "User" """, connection);
        await vacuum.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// A nested create: one user with 10 posts, as one unit. Every invocation creates a new user
/// (<c>nested-{invocation}@x.io</c>); users and posts are deleted after each iteration, outside the measurement.
/// </summary>
/// <remarks>
/// Hand-written and Dapper: one statement (the user's insert feeds the posts' insert through a data-modifying CTE).
/// EF Core: the object graph, one <c>SaveChangesAsync</c>. linq2db: insert with identity, then <c>BulkCopyAsync</c>
/// of the posts, in a transaction. Linq: <c>CreateAsync</c> with <c>Posts = new() { Create = [...] }</c> (one statement
/// of data-modifying CTEs).
/// </remarks>
[MemoryDiagnoser]
[InvocationCount(16)]
public class NestedCreateComparison : ComparisonBenchmark
{
    private const string Prefix = "nested-";
    private static long _user;
    private readonly int _posts = Workload.NestedPosts;

    [Benchmark(Baseline = true)]
    public Task<int> HandWritten() => C.HandWritten.CreateUserWithPostsAsync(NextEmail(), _posts);

    [Benchmark]
    public Task<int> Dapper() => C.Dapper.CreateUserWithPostsAsync(NextEmail(), _posts);

    [Benchmark]
    public Task<int> EfCore() => C.EfCore.CreateUserWithPostsAsync(NextEmail(), _posts);

    [Benchmark]
    public Task<int> Linq2Db() => C.Linq2Db.CreateUserWithPostsAsync(NextEmail(), _posts);

    [Benchmark]
    public Task<int> Linq() => C.Linq.CreateUserWithPostsAsync(NextEmail(), _posts);

    [IterationCleanup]
    public void DeleteCreatedRows() => DeleteCreatedRowsAsync(C.Database.DataSource).GetAwaiter().GetResult();

    /// <summary>A few hundred dead rows per iteration need no vacuum in between; after the benchmark they are cleared.</summary>
    [GlobalCleanup]
    public Task VacuumAsync() => C.Database.VacuumAnalyzeAsync("\"User\"", "\"Post\"");

    private static string NextEmail() => $"{Prefix}{Interlocked.Increment(ref _user)}@x.io";

    public override async Task VerifyAsync()
    {
        var variants = new (string Name, Func<Task<int>> Run)[]
        {
            (nameof(HandWritten), HandWritten),
            (nameof(Dapper), Dapper),
            (nameof(EfCore), EfCore),
            (nameof(Linq2Db), Linq2Db),
            (nameof(Linq), Linq),
        };
        var dataSource = C.Database.DataSource;
        foreach (var (name, run) in variants)
        {
            var id = await run();
            await using var check = dataSource.CreateCommand(
                $"""
                SELECT u."Email" LIKE '{Prefix}%', u."Name", u."Role"::text, count(p."Id")::int,
                       count(*) FILTER (WHERE p."Title" LIKE 'Nested post %' AND NOT p."Published" AND p."CreatedAt" > now() - interval '1 hour')::int
                FROM "User" AS u LEFT JOIN "Post" AS p ON p."AuthorId" = u."Id"
                WHERE u."Id" = $1
                GROUP BY u."Id"
                """);
            check.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
            await using var reader = await check.ExecuteReaderAsync();
            var stored = await reader.ReadAsync()
                ? (reader.GetBoolean(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4))
                : default;
            await reader.DisposeAsync();
            await DeleteCreatedRowsAsync(dataSource);
            var expected = (true, "Nested", "User", _posts, _posts);
            if (stored != expected)
            {
                throw new InvalidOperationException($"{nameof(NestedCreateComparison)}: {name} stored {stored} for user {id}, expected {expected}.");
            }
        }

        Console.WriteLine($"// verified {nameof(NestedCreateComparison)}: {variants.Length} variants each stored one user with {_posts} posts");
    }

    private static async Task DeleteCreatedRowsAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var delete = new NpgsqlCommand(
            $"""
            DELETE FROM "Post" WHERE "AuthorId" IN (SELECT "Id" FROM "User" WHERE "Email" LIKE '{Prefix}%');
            DELETE FROM "User" WHERE "Email" LIKE '{Prefix}%';
            """,
            connection);
        await delete.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// Upsert by a unique key (<c>upsert-comparison@bench.example</c>): the first call creates the row, every later call
/// updates its name. Hand-written, Dapper and Linq: one <c>INSERT … ON CONFLICT ("Email") DO UPDATE … RETURNING</c>.
/// linq2db: <c>InsertOrUpdateAsync</c> (the same statement without <c>RETURNING</c>) and a read-back. EF Core has no
/// upsert: load tracked, modify, <c>SaveChangesAsync</c> (two round trips, not atomic).
/// </summary>
[MemoryDiagnoser]
public class UpsertComparison : ComparisonBenchmark
{
    private static long _calls;
    private readonly string _email = Workload.UpsertEmail;

    [Benchmark(Baseline = true)]
    public Task<M.User> HandWritten() => C.HandWritten.UpsertUserAsync(_email, NextName());

    [Benchmark]
    public Task<Dap.User> Dapper() => C.Dapper.UpsertUserAsync(_email, NextName());

    [Benchmark]
    public Task<Ef.User> EfCore() => C.EfCore.UpsertUserAsync(_email, NextName());

    [Benchmark]
    public Task<L2.User> Linq2Db() => C.Linq2Db.UpsertUserAsync(_email, NextName());

    [Benchmark]
    public Task<M.User> Linq() => C.Linq.UpsertUserAsync(_email, NextName());

    private static string NextName() => "Upserted " + Interlocked.Increment(ref _calls);

    /// <summary>Every call leaves a dead version of the row: cleared after the benchmark, outside the measurement.</summary>
    [GlobalCleanup]
    public Task VacuumAsync() => C.Database.VacuumAnalyzeAsync("\"User\"");

    public override async Task VerifyAsync()
    {
        // Each variant once; each must return the one row with the name it just set.
        var results = new List<(string Name, int Id, string? StoredName, string Expected)>();
        async Task Run(string name, Func<Task<(int Id, string? Name)>> run)
        {
            var expected = "Upserted " + (Interlocked.Read(ref _calls) + 1);
            var (id, storedName) = await run();
            results.Add((name, id, storedName, expected));
        }

        await Run(nameof(HandWritten), async () => { var u = await HandWritten(); return (u.Id, u.Name); });
        await Run(nameof(Dapper), async () => { var u = await Dapper(); return (u.Id, u.Name); });
        await Run(nameof(EfCore), async () => { var u = await EfCore(); return (u.Id, u.Name); });
        await Run(nameof(Linq2Db), async () => { var u = await Linq2Db(); return (u.Id, u.Name); });
        await Run(nameof(Linq), async () => { var u = await Linq(); return (u.Id, u.Name); });
        var first = results[0].Id;
        foreach (var (name, id, storedName, expected) in results)
        {
            if (id != first || storedName != expected)
            {
                throw new InvalidOperationException($"{nameof(UpsertComparison)}: {name} returned row {id} named '{storedName}', expected row {first} named '{expected}'.");
            }
        }

        Console.WriteLine($"// verified {nameof(UpsertComparison)}: {results.Count} variants upserted row {first}");
    }
}

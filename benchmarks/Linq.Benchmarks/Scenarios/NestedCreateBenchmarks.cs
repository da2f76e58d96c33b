using BenchmarkDotNet.Attributes;
using Blog.Model;
using Npgsql;
using NpgsqlTypes;

namespace Linq.Benchmarks.Scenarios;

/// <summary>
/// A nested create of 1 user + 10 posts + 20 comments (2 per post). <c>Linq_NestedCreate</c> is one
/// <c>CreateAsync</c> call: one statement of data-modifying CTEs, one round trip. The baseline is what a careful
/// hand-written Npgsql version does: a transaction with three set-wise statements (user RETURNING id, posts from
/// <c>unnest</c> RETURNING ids in order, comments from <c>unnest</c>), i.e. three round trips and a COMMIT.
/// The created rows are deleted after each iteration, outside the measurement.
/// </summary>
[MemoryDiagnoser]
public class NestedCreateBenchmarks
{
    private const int Posts = 10;
    private const int CommentsPerPost = 2;

    private BenchmarkDatabase _database = null!;
    private BlogDb _db = null!;
    private NpgsqlDataSource _dataSource = null!;
    private long _batch;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.SharedAsync();
        _db = _database.Db;
        _dataSource = _database.DataSource;
        var viaLinq = await Linq_NestedCreate();
        var viaNpgsql = await Npgsql_ThreeStatements();
        await using var check = _dataSource.CreateCommand(
            """
            SELECT (SELECT count(*) FROM "Post" WHERE "AuthorId" = ANY($1)),
                   (SELECT count(*) FROM comments c JOIN "Post" p ON p."Id" = c.post_id WHERE p."AuthorId" = ANY($1) AND c."Text" LIKE p."Title" || '%')
            """);
        check.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [viaLinq, viaNpgsql] });
        await using var reader = await check.ExecuteReaderAsync();
        await reader.ReadAsync();
        if ((reader.GetInt64(0), reader.GetInt64(1)) != (2 * Posts, 2 * Posts * CommentsPerPost))
        {
            throw new InvalidOperationException($"The nested creates stored {(reader.GetInt64(0), reader.GetInt64(1))} posts and matching comments.");
        }

        Console.WriteLine("// verified: both variants store 1 user, 10 posts and 20 comments under the right parents");
    }

    [IterationCleanup]
    public void DeleteCreatedRows() => DeleteCreatedRowsAsync().GetAwaiter().GetResult();

    [Benchmark]
    public async Task<int> Linq_NestedCreate()
    {
        var batch = Interlocked.Increment(ref _batch);
        var posts = new List<PostCreateWithoutAuthorInput>(Posts);
        for (var p = 0; p < Posts; p++)
        {
            var title = $"n{batch} post {p}";
            posts.Add(new PostCreateWithoutAuthorInput
            {
                Title = title,
                Comments = new() { Create = [new() { Text = title + " comment 0" }, new() { Text = title + " comment 1" }] },
            });
        }

        var user = await _db.Users.CreateAsync(new() { Email = $"n{batch}@nested.io", Name = "Nested", Posts = new() { Create = posts } });
        return user.Id;
    }

    [Benchmark(Baseline = true)]
    public async Task<int> Npgsql_ThreeStatements()
    {
        var batch = Interlocked.Increment(ref _batch);
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        int userId;
        await using (var user = new NpgsqlCommand("""INSERT INTO "User" ("Email", "Name") VALUES ($1, $2) RETURNING "Id" """, connection, transaction))
        {
            user.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"n{batch}@nested.io" });
            user.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "Nested" });
            userId = (int)(await user.ExecuteScalarAsync())!;
        }

        var titles = new string[Posts];
        for (var p = 0; p < Posts; p++)
        {
            titles[p] = $"n{batch} post {p}";
        }

        var postIds = new List<int>(Posts);
        await using (var posts = new NpgsqlCommand(
            """INSERT INTO "Post" ("Title", "AuthorId") SELECT t, $2 FROM unnest($1::text[]) WITH ORDINALITY AS u(t, o) ORDER BY o RETURNING "Id" """,
            connection, transaction))
        {
            posts.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = titles });
            posts.Parameters.Add(new NpgsqlParameter<int> { TypedValue = userId });
            await using var reader = await posts.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                postIds.Add(reader.GetInt32(0));
            }
        }

        var texts = new string[Posts * CommentsPerPost];
        var parents = new int[Posts * CommentsPerPost];
        for (var p = 0; p < Posts; p++)
        {
            for (var c = 0; c < CommentsPerPost; c++)
            {
                texts[p * CommentsPerPost + c] = $"{titles[p]} comment {c}";
                parents[p * CommentsPerPost + c] = postIds[p]; // relies on RETURNING keeping the insert order, as hand-written code usually does
            }
        }

        await using (var comments = new NpgsqlCommand("""INSERT INTO comments ("Text", post_id) SELECT * FROM unnest($1::text[], $2::integer[])""", connection, transaction))
        {
            comments.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = texts });
            comments.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = parents, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
            await comments.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return userId;
    }

    private async Task DeleteCreatedRowsAsync()
    {
        await using var batch = _dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""DELETE FROM comments WHERE post_id IN (SELECT "Id" FROM "Post" WHERE "Title" LIKE 'n%')"""));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""DELETE FROM "Post" WHERE "Title" LIKE 'n%'"""));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""DELETE FROM "User" WHERE "Email" LIKE '%@nested.io'"""));
        await batch.ExecuteNonQueryAsync();
    }
}

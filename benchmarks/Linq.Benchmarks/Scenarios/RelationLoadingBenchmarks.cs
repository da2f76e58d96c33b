using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Blog.Model;

namespace Linq.Benchmarks.Scenarios;

/// <summary>
/// Loading related rows from a real PostgreSQL (see <see cref="BenchmarkDatabase"/> for the data): Linq's
/// <c>Include</c>/<c>ThenInclude</c> against hand-written Npgsql code in four shapes. The hand-written JSON
/// statement is the baseline of each category: it is the statement <c>Include</c> runs, read by hand, so the
/// difference is the cost of the provider (translation cache, generic readers).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Posts</c>: the first 100 users with their posts (100 rows, 1,000 posts).</item>
/// <item><c>PostsComments</c>: the same with each post's comments (1,000 posts, 2,000 comments).</item>
/// <item><c>FanOut</c>: 10 users with 1,000 posts each (10,000 posts): does one JSON value per user degrade
/// when it gets large (~200 KB per row)?</item>
/// </list>
/// <para>
/// Variants: <c>Linq_Include</c> (this project), <c>Npgsql_Json</c> (the same statement, read with
/// <see cref="System.Text.Json.Utf8JsonReader"/>), <c>Npgsql_Arrays</c> (one <c>array_agg</c> per column),
/// <c>Npgsql_TwoQueries</c> (users, then <c>WHERE fk = ANY($keys)</c> per level: what <c>LoadStrategy.Query</c>
/// does), <c>Npgsql_FlatJoin</c> (one <c>LEFT JOIN</c> with the cartesian rows, deduplicated while reading).
/// Every variant's result is checked against the others once in <see cref="SetupAsync"/>, outside the
/// measurements.
/// </para>
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RelationLoadingBenchmarks
{
    private const string Posts = "Posts";
    private const string PostsComments = "PostsComments";
    private const string FanOut = "FanOut";

    private static int _verified;
    private BenchmarkDatabase _database = null!;
    private BlogDb _db = null!;
    private HandWrittenRelationLoading _posts = null!;
    private HandWrittenRelationLoading _postsComments = null!;
    private HandWrittenRelationLoading _fanOut = null!;

    // Read into locals in the Linq methods so that the lambdas capture them, as user code does.
    private int _take = 100;
    private int _fanOutTake = BenchmarkDatabase.FanOutUsers;
    private int _fanOutFirstUserId = BenchmarkDatabase.FanOutFirstUserId;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.SharedAsync();
        _db = _database.Db;
        _posts = new HandWrittenRelationLoading(_database.DataSource, comments: false, _take, firstUserId: null);
        _postsComments = new HandWrittenRelationLoading(_database.DataSource, comments: true, _take, firstUserId: null);
        _fanOut = new HandWrittenRelationLoading(_database.DataSource, comments: false, _fanOutTake, _fanOutFirstUserId);

        // Once per process: with the in-process quick job every benchmark of this class shares the process.
        if (Interlocked.Exchange(ref _verified, 1) == 0)
        {
            Console.WriteLine("// Linq Include (posts, comments) SQL: " + OneLine(PostsCommentsQuery().ToSql()));
            Console.WriteLine("// Linq Include (fan-out) SQL: " + OneLine(FanOutQuery().ToSql()));
            await VerifyAsync();
        }
    }


    // ---- 100 users with their posts ----

    [Benchmark, BenchmarkCategory(Posts)]
    public Task<List<User>> Linq_Include_Posts() => PostsQuery().ToListAsync();

    [Benchmark(Baseline = true), BenchmarkCategory(Posts)]
    public Task<List<User>> Npgsql_Json_Posts() => _posts.JsonAsync();

    [Benchmark, BenchmarkCategory(Posts)]
    public Task<List<User>> Npgsql_Arrays_Posts() => _posts.ArraysAsync();

    [Benchmark, BenchmarkCategory(Posts)]
    public Task<List<User>> Npgsql_TwoQueries_Posts() => _posts.TwoQueriesAsync();

    [Benchmark, BenchmarkCategory(Posts)]
    public Task<List<User>> Npgsql_FlatJoin_Posts() => _posts.FlatJoinAsync();

    // ---- 100 users with their posts and the posts' comments ----

    [Benchmark, BenchmarkCategory(PostsComments)]
    public Task<List<User>> Linq_Include_PostsComments() => PostsCommentsQuery().ToListAsync();

    [Benchmark(Baseline = true), BenchmarkCategory(PostsComments)]
    public Task<List<User>> Npgsql_Json_PostsComments() => _postsComments.JsonAsync();

    [Benchmark, BenchmarkCategory(PostsComments)]
    public Task<List<User>> Npgsql_Arrays_PostsComments() => _postsComments.ArraysAsync();

    [Benchmark, BenchmarkCategory(PostsComments)]
    public Task<List<User>> Npgsql_TwoQueries_PostsComments() => _postsComments.TwoQueriesAsync();

    [Benchmark, BenchmarkCategory(PostsComments)]
    public Task<List<User>> Npgsql_FlatJoin_PostsComments() => _postsComments.FlatJoinAsync();

    // ---- large fan-out: 10 users with 1,000 posts each ----

    [Benchmark, BenchmarkCategory(FanOut)]
    public Task<List<User>> Linq_Include_FanOut() => FanOutQuery().ToListAsync();

    [Benchmark(Baseline = true), BenchmarkCategory(FanOut)]
    public Task<List<User>> Npgsql_Json_FanOut() => _fanOut.JsonAsync();

    [Benchmark, BenchmarkCategory(FanOut)]
    public Task<List<User>> Npgsql_Arrays_FanOut() => _fanOut.ArraysAsync();

    [Benchmark, BenchmarkCategory(FanOut)]
    public Task<List<User>> Npgsql_TwoQueries_FanOut() => _fanOut.TwoQueriesAsync();

    [Benchmark, BenchmarkCategory(FanOut)]
    public Task<List<User>> Npgsql_FlatJoin_FanOut() => _fanOut.FlatJoinAsync();

    // ---- queries as user code writes them ----

    private IQueryable<User> PostsQuery()
    {
        var take = _take;
        return _db.Users.OrderBy(u => u.Id).Take(take).Include(u => u.Posts);
    }

    private IQueryable<User> PostsCommentsQuery()
    {
        var take = _take;
        return _db.Users.OrderBy(u => u.Id).Take(take).Include(u => u.Posts).ThenInclude(p => p.Comments);
    }

    private IQueryable<User> FanOutQuery()
    {
        var first = _fanOutFirstUserId;
        var take = _fanOutTake;
        return _db.Users.Where(u => u.Id >= first).OrderBy(u => u.Id).Take(take).Include(u => u.Posts);
    }

    // ---- correctness, once, outside the measurements ----

    private async Task VerifyAsync()
    {
        var expectedPosts = new Shape(_take, _take * BenchmarkDatabase.PostsPerUser, 0);
        var expectedComments = expectedPosts with { Comments = expectedPosts.Posts * BenchmarkDatabase.CommentsPerPost };
        var expectedFanOut = new Shape(_fanOutTake, _fanOutTake * BenchmarkDatabase.FanOutPostsPerUser, 0);
        await VerifyCategoryAsync(Posts, expectedPosts,
            (nameof(Linq_Include_Posts), Linq_Include_Posts),
            (nameof(Npgsql_Json_Posts), Npgsql_Json_Posts),
            (nameof(Npgsql_Arrays_Posts), Npgsql_Arrays_Posts),
            (nameof(Npgsql_TwoQueries_Posts), Npgsql_TwoQueries_Posts),
            (nameof(Npgsql_FlatJoin_Posts), Npgsql_FlatJoin_Posts));
        await VerifyCategoryAsync(PostsComments, expectedComments,
            (nameof(Linq_Include_PostsComments), Linq_Include_PostsComments),
            (nameof(Npgsql_Json_PostsComments), Npgsql_Json_PostsComments),
            (nameof(Npgsql_Arrays_PostsComments), Npgsql_Arrays_PostsComments),
            (nameof(Npgsql_TwoQueries_PostsComments), Npgsql_TwoQueries_PostsComments),
            (nameof(Npgsql_FlatJoin_PostsComments), Npgsql_FlatJoin_PostsComments));
        await VerifyCategoryAsync(FanOut, expectedFanOut,
            (nameof(Linq_Include_FanOut), Linq_Include_FanOut),
            (nameof(Npgsql_Json_FanOut), Npgsql_Json_FanOut),
            (nameof(Npgsql_Arrays_FanOut), Npgsql_Arrays_FanOut),
            (nameof(Npgsql_TwoQueries_FanOut), Npgsql_TwoQueries_FanOut),
            (nameof(Npgsql_FlatJoin_FanOut), Npgsql_FlatJoin_FanOut));
    }

    private static async Task VerifyCategoryAsync(string category, Shape expected, params (string Name, Func<Task<List<User>>> Run)[] variants)
    {
        Shape? reference = null;
        string? referenceName = null;
        foreach (var (name, run) in variants)
        {
            var shape = Shape.Of(await run());
            if (shape with { Checksum = 0 } != expected)
            {
                throw new InvalidOperationException($"{category}: {name} loaded {shape}, expected {expected} (users, posts, comments).");
            }

            if (reference is null)
            {
                (reference, referenceName) = (shape, name);
            }
            else if (shape != reference)
            {
                throw new InvalidOperationException($"{category}: {name} loaded {shape}, but {referenceName} loaded {reference}: the rows differ.");
            }
        }

        Console.WriteLine($"// verified {category}: {variants.Length} variants loaded {reference} (users, posts, comments, checksum)");
    }

    private static string OneLine(string sql) => string.Join(' ', sql.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));

    /// <summary>Counts and a checksum over every loaded value in load order (so order, nulls, texts and timestamps must match too).</summary>
    private sealed record Shape(int Users, int Posts, int Comments, long Checksum = 0)
    {
        public static Shape Of(List<User> users)
        {
            var hash = new HashCode();
            var posts = 0;
            var comments = 0;
            foreach (var user in users)
            {
                hash.Add(user.Id);
                hash.Add(user.Email);
                hash.Add(user.Name);
                hash.Add(user.Role);
                foreach (var post in user.Posts)
                {
                    posts++;
                    hash.Add(post.Id);
                    hash.Add(post.Title);
                    hash.Add(post.Content);
                    hash.Add(post.Published);
                    hash.Add(post.AuthorId);
                    hash.Add(post.CreatedAt.Ticks);
                    hash.Add(post.CreatedAt.Kind);
                    foreach (var comment in post.Comments)
                    {
                        comments++;
                        hash.Add(comment.Id);
                        hash.Add(comment.Text);
                        hash.Add(comment.PostId);
                        hash.Add(comment.CreatedAt.Ticks);
                        hash.Add(comment.CreatedAt.Kind);
                    }
                }
            }

            return new Shape(users.Count, posts, comments, hash.ToHashCode());
        }
    }
}

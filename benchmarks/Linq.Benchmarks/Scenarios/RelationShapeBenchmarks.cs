using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Blog.Model;
using Linq.Benchmarks.Competitors;
using DapperClient = Linq.Benchmarks.Competitors.Dapper.DapperClient;
using Dap = Linq.Benchmarks.Competitors.Dapper;

namespace Linq.Benchmarks.Scenarios;

/// <summary>
/// The SQL shapes a relation can be loaded with, side by side on the comparison's data (issue 15): the baseline of every
/// category is the comparison's hand-written statement (LATERAL with one binary array per column at every level).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Linq_Join</c>: <c>LoadStrategy.Join</c> (one statement; LEFT JOIN LATERAL, JSON for nested levels, arrays for leaves).</item>
/// <item><c>Linq_Query</c>: <c>LoadStrategy.Query</c> (one <c>NpgsqlBatch</c>, one flat statement per level selecting its parents'
/// keys with <c>= ANY(ARRAY(SELECT …))</c>, under one REPEATABLE READ snapshot).</item>
/// <item><c>Npgsql_Json</c>: the JSON LATERAL statement by hand (shape a).</item>
/// <item><c>Npgsql_Arrays</c>: LATERAL with binary arrays at every level by hand (shape b; the baseline).</item>
/// <item><c>Npgsql_Batch</c>: the batched per-level shape by hand (shape c, without a transaction).</item>
/// <item><c>Dapper</c>: <c>QueryMultiple</c>, the comparison's Dapper code (shape c by Dapper).</item>
/// </list>
/// Categories: <c>Posts</c> (100 users, 1,000 posts), <c>PostsComments</c> (+ 2,000 comments), <c>FanOut</c> (10 users × 1,000
/// posts), <c>Deep</c> (users → posts → comments → each comment's post: three relation levels) and <c>Nested</c> (the
/// comparison's nested projection, which has no load strategy: for reference).
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RelationShapeBenchmarks
{
    private const string Posts = "Posts";
    private const string PostsComments = "PostsComments";
    private const string FanOut = "FanOut";
    private const string Deep = "Deep";
    private const string Nested = "Nested";

    private BenchmarkDatabase _database = null!;
    private BlogDb _db = null!;
    private DapperClient _dapper = null!;
    private HandWrittenRelationLoading _posts = null!;
    private HandWrittenRelationLoading _postsComments = null!;
    private HandWrittenRelationLoading _fanOut = null!;
    private HandWrittenBatchLoading _postsBatch = null!;
    private HandWrittenBatchLoading _postsCommentsBatch = null!;
    private HandWrittenBatchLoading _fanOutBatch = null!;
    private HandWrittenBatchLoading _deepBatch = null!;
    private Competitors.HandWritten.HandWrittenClient _handWritten = null!;

    private int _take = Workload.RelationUsers;
    private int _fanOutTake = BenchmarkDatabase.FanOutUsers;
    private int _fanOutFirst = BenchmarkDatabase.FanOutFirstUserId;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.SharedAsync();
        _db = _database.Db;
        _dapper = new DapperClient(_database.ConnectionString);
        _handWritten = new Competitors.HandWritten.HandWrittenClient(_database.ConnectionString);
        _posts = new HandWrittenRelationLoading(_database.DataSource, comments: false, _take, firstUserId: null);
        _postsComments = new HandWrittenRelationLoading(_database.DataSource, comments: true, _take, firstUserId: null);
        _fanOut = new HandWrittenRelationLoading(_database.DataSource, comments: false, _fanOutTake, _fanOutFirst);
        _postsBatch = new HandWrittenBatchLoading(_database.DataSource, _take, 1, comments: false, commentPost: false);
        _postsCommentsBatch = new HandWrittenBatchLoading(_database.DataSource, _take, 1, comments: true, commentPost: false);
        _fanOutBatch = new HandWrittenBatchLoading(_database.DataSource, _fanOutTake, _fanOutFirst, comments: false, commentPost: false);
        _deepBatch = new HandWrittenBatchLoading(_database.DataSource, _take, 1, comments: true, commentPost: true);
        await VerifyAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _dapper.DisposeAsync();
        await _handWritten.DisposeAsync();
    }

    // ---- 100 users with their posts ----

    [Benchmark(Baseline = true), BenchmarkCategory(Posts)]
    public Task<List<User>> Npgsql_Arrays_Posts() => _posts.ArraysAsync();

    [Benchmark, BenchmarkCategory(Posts)]
    public Task<List<User>> Npgsql_Json_Posts() => _posts.JsonAsync();

    [Benchmark, BenchmarkCategory(Posts)]
    public Task<List<User>> Npgsql_Batch_Posts() => _postsBatch.LoadAsync();

    [Benchmark, BenchmarkCategory(Posts)]
    public Task<List<Dap.User>> Dapper_Posts() => _dapper.UsersWithPostsAsync(_take);

    [Benchmark, BenchmarkCategory(Posts)]
    public Task<List<User>> Linq_Join_Posts() => PostsQuery(LoadStrategy.Join).ToListAsync();

    [Benchmark, BenchmarkCategory(Posts)]
    public Task<List<User>> Linq_Query_Posts() => PostsQuery(LoadStrategy.Query).ToListAsync();

    // ---- 100 users with their posts and the posts' comments ----

    [Benchmark(Baseline = true), BenchmarkCategory(PostsComments)]
    public Task<List<User>> Npgsql_Arrays_PostsComments() => _postsComments.ArraysAsync();

    [Benchmark, BenchmarkCategory(PostsComments)]
    public Task<List<User>> Npgsql_Json_PostsComments() => _postsComments.JsonAsync();

    [Benchmark, BenchmarkCategory(PostsComments)]
    public Task<List<User>> Npgsql_Batch_PostsComments() => _postsCommentsBatch.LoadAsync();

    [Benchmark, BenchmarkCategory(PostsComments)]
    public Task<List<Dap.User>> Dapper_PostsComments() => _dapper.UsersWithPostsAndCommentsAsync(_take);

    [Benchmark, BenchmarkCategory(PostsComments)]
    public Task<List<User>> Linq_Join_PostsComments() => PostsCommentsQuery(LoadStrategy.Join).ToListAsync();

    [Benchmark, BenchmarkCategory(PostsComments)]
    public Task<List<User>> Linq_Query_PostsComments() => PostsCommentsQuery(LoadStrategy.Query).ToListAsync();

    // ---- wide fan-out: 10 users with 1,000 posts each ----

    [Benchmark(Baseline = true), BenchmarkCategory(FanOut)]
    public Task<List<User>> Npgsql_Arrays_FanOut() => _fanOut.ArraysAsync();

    [Benchmark, BenchmarkCategory(FanOut)]
    public Task<List<User>> Npgsql_Json_FanOut() => _fanOut.JsonAsync();

    [Benchmark, BenchmarkCategory(FanOut)]
    public Task<List<User>> Npgsql_Batch_FanOut() => _fanOutBatch.LoadAsync();

    [Benchmark, BenchmarkCategory(FanOut)]
    public Task<List<User>> Linq_Join_FanOut() => FanOutQuery(LoadStrategy.Join).ToListAsync();

    [Benchmark, BenchmarkCategory(FanOut)]
    public Task<List<User>> Linq_Query_FanOut() => FanOutQuery(LoadStrategy.Query).ToListAsync();

    // ---- deep: users → posts → comments → each comment's post ----

    [Benchmark(Baseline = true), BenchmarkCategory(Deep)]
    public Task<List<User>> Npgsql_Batch_Deep() => _deepBatch.LoadAsync();

    [Benchmark, BenchmarkCategory(Deep)]
    public Task<List<User>> Linq_Join_Deep() => DeepQuery(LoadStrategy.Join).ToListAsync();

    [Benchmark, BenchmarkCategory(Deep)]
    public Task<List<User>> Linq_Query_Deep() => DeepQuery(LoadStrategy.Query).ToListAsync();

    // ---- the comparison's nested projection (arrays in a LATERAL; no load strategy applies) ----

    [Benchmark(Baseline = true), BenchmarkCategory(Nested)]
    public Task<List<UserTitles>> Npgsql_Nested() => _handWritten.UserPostTitlesAsync(_take);

    [Benchmark, BenchmarkCategory(Nested)]
    public Task<List<Dap.UserTitlesRow>> Dapper_Nested() => _dapper.UserPostTitlesAsync(_take);

    [Benchmark, BenchmarkCategory(Nested)]
    public Task<List<UserTitles>> Linq_Nested()
    {
        var take = _take;
        return _db.Users.OrderBy(u => u.Id).Take(take)
            .Select(u => new UserTitles { Name = u.Name, Titles = u.Posts.OrderBy(p => p.Id).Select(p => p.Title).ToList() }).ToListAsync();
    }

    // ---- queries as user code writes them ----

    private IQueryable<User> PostsQuery(LoadStrategy strategy)
    {
        var take = _take;
        return _db.Users.OrderBy(u => u.Id).Take(take).Include(u => u.Posts).RelationLoadStrategy(strategy);
    }

    private IQueryable<User> PostsCommentsQuery(LoadStrategy strategy)
    {
        var take = _take;
        return _db.Users.OrderBy(u => u.Id).Take(take).Include(u => u.Posts).ThenInclude(p => p.Comments).RelationLoadStrategy(strategy);
    }

    private IQueryable<User> FanOutQuery(LoadStrategy strategy)
    {
        var first = _fanOutFirst;
        var take = _fanOutTake;
        return _db.Users.Where(u => u.Id >= first).OrderBy(u => u.Id).Take(take).Include(u => u.Posts).RelationLoadStrategy(strategy);
    }

    private IQueryable<User> DeepQuery(LoadStrategy strategy)
    {
        var take = _take;
        return _db.Users.OrderBy(u => u.Id).Take(take).Include(u => u.Posts).ThenInclude(p => p.Comments).ThenInclude(c => c.Post)
            .RelationLoadStrategy(strategy);
    }

    // ---- correctness, once, outside the measurements: every variant of a category loads the same graph ----

    private async Task VerifyAsync()
    {
        await SameAsync(Posts, Npgsql_Arrays_Posts, Npgsql_Json_Posts, Npgsql_Batch_Posts, Linq_Join_Posts, Linq_Query_Posts);
        await SameAsync(PostsComments, Npgsql_Arrays_PostsComments, Npgsql_Json_PostsComments, Npgsql_Batch_PostsComments, Linq_Join_PostsComments,
            Linq_Query_PostsComments);
        await SameAsync(FanOut, Npgsql_Arrays_FanOut, Npgsql_Json_FanOut, Npgsql_Batch_FanOut, Linq_Join_FanOut, Linq_Query_FanOut);
        await SameAsync(Deep, Npgsql_Batch_Deep, Linq_Join_Deep, Linq_Query_Deep);
        var dapper = await Dapper_PostsComments();
        if (dapper.Count != _take || dapper.Sum(u => u.Posts.Count) != _take * BenchmarkDatabase.PostsPerUser)
        {
            throw new InvalidOperationException("Dapper loaded another graph.");
        }

        Console.WriteLine("// Linq_Query_Deep SQL: " + string.Join(" ", DeepQuery(LoadStrategy.Query).ToSql().Split('\n').Select(l => l.Trim())));
    }

    private static async Task SameAsync(string category, params Func<Task<List<User>>>[] variants)
    {
        string? reference = null;
        foreach (var variant in variants)
        {
            var text = Describe(await variant());
            if (reference is null)
            {
                reference = text;
            }
            else if (text != reference)
            {
                throw new InvalidOperationException($"{category}: {variant.Method.Name} loaded another graph than {variants[0].Method.Name}.");
            }
        }

        Console.WriteLine($"// verified {category}: {variants.Length} variants, {reference!.Length} characters of graph");
    }

    private static string Describe(List<User> users)
    {
        var text = new System.Text.StringBuilder();
        foreach (var user in users)
        {
            text.Append($"U{user.Id}|{user.Email}|{user.Name}|{user.Role}[");
            foreach (var post in user.Posts)
            {
                text.Append($"P{post.Id}|{post.Title}|{post.Content}|{post.Published}|{post.AuthorId}|{post.CreatedAt.Ticks}|{post.CreatedAt.Kind}[");
                foreach (var comment in post.Comments)
                {
                    text.Append($"C{comment.Id}|{comment.Text}|{comment.PostId}|{comment.CreatedAt.Ticks}|{comment.CreatedAt.Kind}|{comment.Post?.Id}|{comment.Post?.Title};");
                }

                text.Append(']');
            }

            text.Append(']');
        }

        return text.ToString();
    }
}

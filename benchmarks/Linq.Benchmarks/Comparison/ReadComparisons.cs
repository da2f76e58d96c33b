using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Linq.Benchmarks.Competitors;
using Linq.Benchmarks.Scenarios;
using Dap = Linq.Benchmarks.Competitors.Dapper;
using Ef = Linq.Benchmarks.Competitors.EfCore;
using L2 = Linq.Benchmarks.Competitors.Linq2Db;
using M = Blog.Model;

namespace Linq.Benchmarks.Comparison;

/// <summary>Find one user by its unique e-mail (<c>user500@bench.example</c>).</summary>
[MemoryDiagnoser]
public class FindUniqueComparison : ComparisonBenchmark
{
    // Fields, not constants: every library gets the value as a parameter, as from a request.
    private readonly string _email = Workload.FindEmail;

    [Benchmark(Baseline = true)]
    public Task<M.User?> HandWritten() => C.HandWritten.FindUserByEmailAsync(_email);

    [Benchmark]
    public Task<Dap.User?> Dapper() => C.Dapper.FindUserByEmailAsync(_email);

    [Benchmark]
    public Task<Ef.User?> EfCore() => C.EfCore.FindUserByEmailAsync(_email);

    [Benchmark]
    public Task<Ef.User?> EfCore_Compiled() => C.EfCore.FindUserByEmailCompiledAsync(_email);

    [Benchmark]
    public Task<L2.User?> Linq2Db() => C.Linq2Db.FindUserByEmailAsync(_email);

    [Benchmark]
    public Task<M.User?> Linq() => C.Linq.FindUserByEmailAsync(_email);

    [Benchmark]
    public Task<M.User?> Linq_Compiled() => C.Linq.FindUserByEmailCompiledAsync(_email);

    public override Task VerifyAsync() => Verify.SameAsync(nameof(FindUniqueComparison), new Digest(1, 0, 0, 0),
        (nameof(HandWritten), async () => Digests.Of(await HandWritten())),
        (nameof(Dapper), async () => Digests.Of(await Dapper())),
        (nameof(EfCore), async () => Digests.Of(await EfCore())),
        (nameof(EfCore_Compiled), async () => Digests.Of(await EfCore_Compiled())),
        (nameof(Linq2Db), async () => Digests.Of(await Linq2Db())),
        (nameof(Linq), async () => Digests.Of(await Linq())),
        (nameof(Linq_Compiled), async () => Digests.Of(await Linq_Compiled())));
}

/// <summary>
/// Ten users by a filter, with ordering, an offset and a projection to a small DTO:
/// <c>Where(u => u.Email.StartsWith("user1")).OrderBy(u => u.Id).Skip(20).Take(10).Select(u => new UserSummary { … })</c>.
/// </summary>
[MemoryDiagnoser]
public class FilterPageComparison : ComparisonBenchmark
{
    private readonly string _prefix = Workload.EmailPrefix;
    private readonly int _skip = Workload.FilterSkip;
    private readonly int _take = Workload.FilterTake;

    [Benchmark(Baseline = true)]
    public Task<List<UserSummary>> HandWritten() => C.HandWritten.FilterPageAsync(_prefix, _skip, _take);

    [Benchmark]
    public Task<List<UserSummary>> Dapper() => C.Dapper.FilterPageAsync(_prefix, _skip, _take);

    [Benchmark]
    public Task<List<UserSummary>> EfCore() => C.EfCore.FilterPageAsync(_prefix, _skip, _take);

    [Benchmark]
    public Task<List<UserSummary>> EfCore_Compiled() => C.EfCore.FilterPageCompiledAsync(_prefix, _skip, _take);

    [Benchmark]
    public Task<List<UserSummary>> Linq2Db() => C.Linq2Db.FilterPageAsync(_prefix, _skip, _take);

    [Benchmark]
    public Task<List<UserSummary>> Linq() => C.Linq.FilterPageAsync(_prefix, _skip, _take);

    [Benchmark]
    public Task<List<UserSummary>> Linq_Compiled() => C.Linq.FilterPageCompiledAsync(_prefix, _skip, _take);

    public override Task VerifyAsync() => Verify.SameAsync(nameof(FilterPageComparison), new Digest(Workload.FilterTake, 0, 0, 0),
        (nameof(HandWritten), async () => Digests.Of(await HandWritten())),
        (nameof(Dapper), async () => Digests.Of(await Dapper())),
        (nameof(EfCore), async () => Digests.Of(await EfCore())),
        (nameof(EfCore_Compiled), async () => Digests.Of(await EfCore_Compiled())),
        (nameof(Linq2Db), async () => Digests.Of(await Linq2Db())),
        (nameof(Linq), async () => Digests.Of(await Linq())),
        (nameof(Linq_Compiled), async () => Digests.Of(await Linq_Compiled())));
}

/// <summary>The first 100 users with their posts (100 users, 1,000 posts).</summary>
/// <remarks>
/// Hand-written: one statement, the posts as one PostgreSQL array per column (the fastest shape in
/// <c>RelationLoadingBenchmarks</c>). Dapper: two result sets of one command (<c>QueryMultiple</c>). EF Core: one
/// query with a join (default) or split queries. linq2db: <c>LoadWith</c> (a query per level). Linq: <c>Include</c>.
/// </remarks>
[MemoryDiagnoser]
public class IncludePostsComparison : ComparisonBenchmark
{
    private readonly int _take = Workload.RelationUsers;

    [Benchmark(Baseline = true)]
    public Task<List<M.User>> HandWritten() => C.HandWritten.UsersWithPostsAsync();

    [Benchmark]
    public Task<List<Dap.User>> Dapper() => C.Dapper.UsersWithPostsAsync(_take);

    [Benchmark]
    public Task<List<Ef.User>> EfCore() => C.EfCore.UsersWithPostsAsync(_take, splitQuery: false);

    [Benchmark]
    public Task<List<Ef.User>> EfCore_SplitQuery() => C.EfCore.UsersWithPostsAsync(_take, splitQuery: true);

    [Benchmark]
    public Task<List<L2.User>> Linq2Db() => C.Linq2Db.UsersWithPostsAsync(_take);

    [Benchmark]
    public Task<List<M.User>> Linq() => C.Linq.UsersWithPostsAsync(_take);

    public override Task VerifyAsync() => Verify.SameAsync(nameof(IncludePostsComparison),
        new Digest(Workload.RelationUsers, Workload.RelationUsers * BenchmarkDatabase.PostsPerUser, 0, 0),
        (nameof(HandWritten), async () => Digests.Of(await HandWritten())),
        (nameof(Dapper), async () => Digests.Of(await Dapper())),
        (nameof(EfCore), async () => Digests.Of(await EfCore())),
        (nameof(EfCore_SplitQuery), async () => Digests.Of(await EfCore_SplitQuery())),
        (nameof(Linq2Db), async () => Digests.Of(await Linq2Db())),
        (nameof(Linq), async () => Digests.Of(await Linq())));
}

/// <summary>The first 100 users with their posts and the posts' comments (100 users, 1,000 posts, 2,000 comments).</summary>
/// <remarks>The same shapes as <see cref="IncludePostsComparison"/>, one level deeper (EF Core's single query joins both levels: 2,000 rows).</remarks>
[MemoryDiagnoser]
public class IncludePostsCommentsComparison : ComparisonBenchmark
{
    private readonly int _take = Workload.RelationUsers;

    [Benchmark(Baseline = true)]
    public Task<List<M.User>> HandWritten() => C.HandWritten.UsersWithPostsAndCommentsAsync();

    [Benchmark]
    public Task<List<Dap.User>> Dapper() => C.Dapper.UsersWithPostsAndCommentsAsync(_take);

    [Benchmark]
    public Task<List<Ef.User>> EfCore() => C.EfCore.UsersWithPostsAndCommentsAsync(_take, splitQuery: false);

    [Benchmark]
    public Task<List<Ef.User>> EfCore_SplitQuery() => C.EfCore.UsersWithPostsAndCommentsAsync(_take, splitQuery: true);

    [Benchmark]
    public Task<List<L2.User>> Linq2Db() => C.Linq2Db.UsersWithPostsAndCommentsAsync(_take);

    [Benchmark]
    public Task<List<M.User>> Linq() => C.Linq.UsersWithPostsAndCommentsAsync(_take);

    public override Task VerifyAsync() => Verify.SameAsync(nameof(IncludePostsCommentsComparison),
        new Digest(Workload.RelationUsers, Workload.RelationUsers * BenchmarkDatabase.PostsPerUser,
            Workload.RelationUsers * BenchmarkDatabase.PostsPerUser * BenchmarkDatabase.CommentsPerPost, 0),
        (nameof(HandWritten), async () => Digests.Of(await HandWritten())),
        (nameof(Dapper), async () => Digests.Of(await Dapper())),
        (nameof(EfCore), async () => Digests.Of(await EfCore())),
        (nameof(EfCore_SplitQuery), async () => Digests.Of(await EfCore_SplitQuery())),
        (nameof(Linq2Db), async () => Digests.Of(await Linq2Db())),
        (nameof(Linq), async () => Digests.Of(await Linq())));
}

/// <summary>
/// A nested projection: the first 100 users' names with the titles of their posts,
/// <c>Select(u => new UserTitles { Name = u.Name, Titles = u.Posts.OrderBy(p => p.Id).Select(p => p.Title).ToList() })</c>.
/// </summary>
[MemoryDiagnoser]
public class NestedProjectionComparison : ComparisonBenchmark
{
    private readonly int _take = Workload.RelationUsers;

    [Benchmark(Baseline = true)]
    public Task<List<UserTitles>> HandWritten() => C.HandWritten.UserPostTitlesAsync(_take);

    [Benchmark]
    public Task<List<Dap.UserTitlesRow>> Dapper() => C.Dapper.UserPostTitlesAsync(_take);

    [Benchmark]
    public Task<List<UserTitles>> EfCore() => C.EfCore.UserPostTitlesAsync(_take);

    [Benchmark]
    public Task<List<UserTitles>> Linq2Db() => C.Linq2Db.UserPostTitlesAsync(_take);

    [Benchmark]
    public Task<List<UserTitles>> Linq() => C.Linq.UserPostTitlesAsync(_take);

    public override Task VerifyAsync() => Verify.SameAsync(nameof(NestedProjectionComparison),
        new Digest(Workload.RelationUsers, Workload.RelationUsers * BenchmarkDatabase.PostsPerUser, 0, 0),
        (nameof(HandWritten), async () => Digests.Of(await HandWritten())),
        (nameof(Dapper), async () => Digests.Of(await Dapper())),
        (nameof(EfCore), async () => Digests.Of(await EfCore())),
        (nameof(Linq2Db), async () => Digests.Of(await Linq2Db())),
        (nameof(Linq), async () => Digests.Of(await Linq())));
}

/// <summary>
/// A page of 20 posts at position 90,000 of the 110,000 in "Post" (ordered by id), by keyset (<c>Cursor</c>:
/// <c>WHERE "Id" &gt; $last</c>, an index seek) and by offset (<c>OFFSET 90000</c>: the index is walked past 90,000
/// entries). Each category has its own hand-written baseline; compare the two baselines for cursor vs offset.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class DeepPageComparison : ComparisonBenchmark
{
    private const string Cursor = "Cursor";
    private const string Offset = "Offset";

    private readonly int _position = Workload.DeepPosition;
    private readonly int _take = Workload.PageSize;

    [Benchmark(Baseline = true), BenchmarkCategory(Cursor)]
    public Task<List<M.Post>> HandWritten_Cursor() => C.HandWritten.PostsAfterCursorAsync(_position, _take);

    [Benchmark, BenchmarkCategory(Cursor)]
    public Task<List<Dap.Post>> Dapper_Cursor() => C.Dapper.PostsAfterCursorAsync(_position, _take);

    [Benchmark, BenchmarkCategory(Cursor)]
    public Task<List<Ef.Post>> EfCore_Cursor() => C.EfCore.PostsAfterCursorAsync(_position, _take);

    [Benchmark, BenchmarkCategory(Cursor)]
    public Task<List<Ef.Post>> EfCore_Compiled_Cursor() => C.EfCore.PostsAfterCursorCompiledAsync(_position, _take);

    [Benchmark, BenchmarkCategory(Cursor)]
    public Task<List<L2.Post>> Linq2Db_Cursor() => C.Linq2Db.PostsAfterCursorAsync(_position, _take);

    [Benchmark, BenchmarkCategory(Cursor)]
    public Task<List<M.Post>> Linq_Cursor() => C.Linq.PostsAfterCursorAsync(_position, _take);

    [Benchmark(Baseline = true), BenchmarkCategory(Offset)]
    public Task<List<M.Post>> HandWritten_Offset() => C.HandWritten.PostsAtOffsetAsync(_position, _take);

    [Benchmark, BenchmarkCategory(Offset)]
    public Task<List<Dap.Post>> Dapper_Offset() => C.Dapper.PostsAtOffsetAsync(_position, _take);

    [Benchmark, BenchmarkCategory(Offset)]
    public Task<List<Ef.Post>> EfCore_Offset() => C.EfCore.PostsAtOffsetAsync(_position, _take);

    [Benchmark, BenchmarkCategory(Offset)]
    public Task<List<Ef.Post>> EfCore_Compiled_Offset() => C.EfCore.PostsAtOffsetCompiledAsync(_position, _take);

    [Benchmark, BenchmarkCategory(Offset)]
    public Task<List<L2.Post>> Linq2Db_Offset() => C.Linq2Db.PostsAtOffsetAsync(_position, _take);

    [Benchmark, BenchmarkCategory(Offset)]
    public Task<List<M.Post>> Linq_Offset() => C.Linq.PostsAtOffsetAsync(_position, _take);

    public override Task VerifyAsync() => Verify.SameAsync(nameof(DeepPageComparison), new Digest(Workload.PageSize, 0, 0, 0),
        (nameof(HandWritten_Cursor), async () => Digests.Of(await HandWritten_Cursor())),
        (nameof(Dapper_Cursor), async () => Digests.Of(await Dapper_Cursor())),
        (nameof(EfCore_Cursor), async () => Digests.Of(await EfCore_Cursor())),
        (nameof(EfCore_Compiled_Cursor), async () => Digests.Of(await EfCore_Compiled_Cursor())),
        (nameof(Linq2Db_Cursor), async () => Digests.Of(await Linq2Db_Cursor())),
        (nameof(Linq_Cursor), async () => Digests.Of(await Linq_Cursor())),
        (nameof(HandWritten_Offset), async () => Digests.Of(await HandWritten_Offset())),
        (nameof(Dapper_Offset), async () => Digests.Of(await Dapper_Offset())),
        (nameof(EfCore_Offset), async () => Digests.Of(await EfCore_Offset())),
        (nameof(EfCore_Compiled_Offset), async () => Digests.Of(await EfCore_Compiled_Offset())),
        (nameof(Linq2Db_Offset), async () => Digests.Of(await Linq2Db_Offset())),
        (nameof(Linq_Offset), async () => Digests.Of(await Linq_Offset())));
}

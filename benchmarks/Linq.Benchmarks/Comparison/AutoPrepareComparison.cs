using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Linq.Benchmarks.Competitors;
using Linq.Benchmarks.Competitors.HandWritten;
using Linq.Benchmarks.Competitors.Ours;
using M = Blog.Model;

namespace Linq.Benchmarks.Comparison;

/// <summary>
/// Npgsql's automatic preparation (<c>Max Auto Prepare</c> in the connection string) measured as an option: the find
/// by e-mail and the filtered page, hand-written and this project, each without and with it (own clients, own pools;
/// <c>Auto Prepare Min Usages=2</c>, so a statement is prepared on a connection from its second execution there).
/// </summary>
/// <remarks>
/// A prepared statement lives on one server session: behind PgBouncer in transaction mode (before 1.21, or without
/// <c>max_prepared_statements</c>) the next transaction may run on another session, where it does not exist. That is
/// why this stays an option of the connection string and not this project's default; see docs/performance.md.
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class AutoPrepareComparison : ComparisonBenchmark
{
    private const string AutoPrepare = ";Max Auto Prepare=20;Auto Prepare Min Usages=2";
    private readonly string _email = Workload.FindEmail;
    private readonly string _prefix = Workload.EmailPrefix;
    private HandWrittenClient _handPrepared = null!;
    private M.BlogDb _dbPrepared = null!;
    private LinqClient _linqPrepared = null!;

    [GlobalSetup(Targets = [nameof(HandWritten_Find), nameof(HandWritten_Find_AutoPrepare), nameof(Linq_Find), nameof(Linq_Find_AutoPrepare),
        nameof(HandWritten_Page), nameof(HandWritten_Page_AutoPrepare), nameof(Linq_Page), nameof(Linq_Page_AutoPrepare)])]
    public async Task SetupPreparedAsync()
    {
        await SetupAsync();
        var connectionString = C.Database.ConnectionString + AutoPrepare;
        _handPrepared ??= new HandWrittenClient(connectionString);
        // This project's option (options.PrepareStatements), which sets the same auto-prepare values on the pool it builds.
        _dbPrepared ??= new M.BlogDb(new LinqDatabaseOptions().UseNpgsql(C.Database.ConnectionString).UsePreparedStatements());
        _linqPrepared ??= new LinqClient(_dbPrepared);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _handPrepared.DisposeAsync();
        await _dbPrepared.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Find")]
    public Task<M.User?> HandWritten_Find() => C.HandWritten.FindUserByEmailAsync(_email);

    [Benchmark]
    [BenchmarkCategory("Find")]
    public Task<M.User?> HandWritten_Find_AutoPrepare() => _handPrepared.FindUserByEmailAsync(_email);

    [Benchmark]
    [BenchmarkCategory("Find")]
    public Task<M.User?> Linq_Find() => C.Linq.FindUserByEmailAsync(_email);

    [Benchmark]
    [BenchmarkCategory("Find")]
    public Task<M.User?> Linq_Find_AutoPrepare() => _linqPrepared.FindUserByEmailAsync(_email);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Page")]
    public Task<List<UserSummary>> HandWritten_Page() => C.HandWritten.FilterPageAsync(_prefix, Workload.FilterSkip, Workload.FilterTake);

    [Benchmark]
    [BenchmarkCategory("Page")]
    public Task<List<UserSummary>> HandWritten_Page_AutoPrepare() => _handPrepared.FilterPageAsync(_prefix, Workload.FilterSkip, Workload.FilterTake);

    [Benchmark]
    [BenchmarkCategory("Page")]
    public Task<List<UserSummary>> Linq_Page() => C.Linq.FilterPageAsync(_prefix, Workload.FilterSkip, Workload.FilterTake);

    [Benchmark]
    [BenchmarkCategory("Page")]
    public Task<List<UserSummary>> Linq_Page_AutoPrepare() => _linqPrepared.FilterPageAsync(_prefix, Workload.FilterSkip, Workload.FilterTake);

    public override async Task VerifyAsync()
    {
        // Run on the base class's setup, before the prepared clients exist: they read the same database.
        await Verify.SameAsync(nameof(AutoPrepareComparison) + ".Find", new Digest(1, 0, 0, 0),
            (nameof(HandWritten_Find), async () => Digests.Of(await C.HandWritten.FindUserByEmailAsync(_email))),
            (nameof(Linq_Find), async () => Digests.Of(await C.Linq.FindUserByEmailAsync(_email))));
    }
}

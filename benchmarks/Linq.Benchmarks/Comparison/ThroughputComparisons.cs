using BenchmarkDotNet.Attributes;
using Linq.Benchmarks.Competitors;
using Linq.Benchmarks.Scenarios;

namespace Linq.Benchmarks.Comparison;

/// <summary>
/// Throughput under concurrency: <see cref="Callers"/> concurrent callers share <see cref="Operations"/> operations
/// of one scenario (each runs <c>Operations / Callers</c> of them back to back) on one client, hand-written Npgsql
/// against this project. One invocation is all of them, <c>OperationsPerInvoke</c> is <see cref="Operations"/>, so
/// the mean is the time per operation and operations per second = 1 / mean. Each client's pool (Npgsql's default,
/// 100) is larger than the most callers, so no caller waits for a connection.
/// </summary>
/// <remarks>
/// The client and the server share the machine's cores: with more callers than cores the run is CPU-bound, and the
/// client's CPU per operation decides the throughput. That is what a lower ratio at 16 or 64 callers shows.
/// </remarks>
public abstract class ThroughputComparison : ComparisonBenchmark
{
    /// <summary>Concurrent callers.</summary>
    [Params(1, 4, 16, 64)]
    public int Callers { get; set; }

    /// <summary>Operations of one invocation, shared by the callers (a multiple of every <see cref="Callers"/> value).</summary>
    protected abstract int Operations { get; }

    /// <summary>Runs <paramref name="operation"/> <see cref="Operations"/> times on <see cref="Callers"/> concurrent callers.</summary>
    protected Task RunAsync(Func<Task> operation)
    {
        var each = Operations / Callers;
        var callers = new Task[Callers];
        for (var i = 0; i < callers.Length; i++)
        {
            callers[i] = Task.Run(async () =>
            {
                for (var k = 0; k < each; k++)
                {
                    await operation().ConfigureAwait(false);
                }
            });
        }

        return Task.WhenAll(callers);
    }
}

/// <summary>Find one user by its unique e-mail (as <see cref="FindUniqueComparison"/>), 256 finds per invocation.</summary>
[MemoryDiagnoser]
public class ThroughputFindUniqueComparison : ThroughputComparison
{
    private const int Finds = 256;
    private readonly string _email = Workload.FindEmail;

    protected override int Operations => Finds;

    [Benchmark(Baseline = true, OperationsPerInvoke = Finds)]
    public Task HandWritten() => RunAsync(() => C.HandWritten.FindUserByEmailAsync(_email));

    [Benchmark(OperationsPerInvoke = Finds)]
    public Task Linq() => RunAsync(() => C.Linq.FindUserByEmailAsync(_email));

    [Benchmark(OperationsPerInvoke = Finds)]
    public Task Linq_Compiled() => RunAsync(() => C.Linq.FindUserByEmailCompiledAsync(_email));

    // Prepared statements: hand-written with Npgsql's auto-prepare, Linq with options.PrepareStatements (own pools).
    private PreparedClients _prepared = null!;

    [GlobalSetup(Targets = [nameof(HandWritten_Prepared), nameof(Linq_Prepared), nameof(Linq_Compiled_Prepared)])]
    public async Task SetupPreparedAsync()
    {
        await SetupAsync();
        _prepared = new PreparedClients(C.Database.ConnectionString);
    }

    [GlobalCleanup(Targets = [nameof(HandWritten_Prepared), nameof(Linq_Prepared), nameof(Linq_Compiled_Prepared)])]
    public ValueTask CleanupPreparedAsync() => _prepared.DisposeAsync();

    [Benchmark(OperationsPerInvoke = Finds)]
    public Task HandWritten_Prepared() => RunAsync(() => _prepared.HandWritten.FindUserByEmailAsync(_email));

    [Benchmark(OperationsPerInvoke = Finds)]
    public Task Linq_Prepared() => RunAsync(() => _prepared.Linq.FindUserByEmailAsync(_email));

    [Benchmark(OperationsPerInvoke = Finds)]
    public Task Linq_Compiled_Prepared() => RunAsync(() => _prepared.Linq.FindUserByEmailCompiledAsync(_email));

    // Concurrent finds of one shape in one statement: options.BatchFinds, alone and with PrepareStatements (own pools).
    private BatchedClients _batched = null!;

    [GlobalSetup(Targets = [nameof(Linq_Batched), nameof(Linq_Batched_Prepared)])]
    public async Task SetupBatchedAsync()
    {
        await SetupAsync();
        _batched = new BatchedClients(C.Database.ConnectionString);
    }

    [GlobalCleanup(Targets = [nameof(Linq_Batched), nameof(Linq_Batched_Prepared)])]
    public ValueTask CleanupBatchedAsync() => _batched.DisposeAsync();

    [Benchmark(OperationsPerInvoke = Finds)]
    public Task Linq_Batched() => RunAsync(() => _batched.Linq.FindUserByEmailAsync(_email));

    [Benchmark(OperationsPerInvoke = Finds)]
    public Task Linq_Batched_Prepared() => RunAsync(() => _batched.LinqPrepared.FindUserByEmailAsync(_email));

    public override Task VerifyAsync() => Verify.SameAsync(nameof(ThroughputFindUniqueComparison), new Digest(1, 0, 0, 0),
        (nameof(HandWritten), async () => Digests.Of(await C.HandWritten.FindUserByEmailAsync(_email))),
        (nameof(Linq), async () => Digests.Of(await C.Linq.FindUserByEmailAsync(_email))),
        (nameof(Linq_Compiled), async () => Digests.Of(await C.Linq.FindUserByEmailCompiledAsync(_email))));
}

/// <summary>The first 100 users with their posts (as <see cref="IncludePostsComparison"/>), 64 loads per invocation.</summary>
[MemoryDiagnoser]
public class ThroughputIncludePostsComparison : ThroughputComparison
{
    private const int Loads = 64;
    private readonly int _take = Workload.RelationUsers;

    protected override int Operations => Loads;

    [Benchmark(Baseline = true, OperationsPerInvoke = Loads)]
    public Task HandWritten() => RunAsync(() => C.HandWritten.UsersWithPostsAsync());

    [Benchmark(OperationsPerInvoke = Loads)]
    public Task Linq() => RunAsync(() => C.Linq.UsersWithPostsAsync(_take));

    public override Task VerifyAsync() => Verify.SameAsync(nameof(ThroughputIncludePostsComparison),
        new Digest(Workload.RelationUsers, Workload.RelationUsers * BenchmarkDatabase.PostsPerUser, 0, 0),
        (nameof(HandWritten), async () => Digests.Of(await C.HandWritten.UsersWithPostsAsync())),
        (nameof(Linq), async () => Digests.Of(await C.Linq.UsersWithPostsAsync(_take))));
}

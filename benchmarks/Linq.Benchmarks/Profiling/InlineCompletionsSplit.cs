using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Linq.Benchmarks.Comparison;
using Linq.Benchmarks.Competitors;
using M = Blog.Model;

namespace Linq.Benchmarks.Profiling;

/// <summary>
/// The same reads with the runtime's socket completions run inline on the event thread
/// (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>) and without (<c>--filter "*InlineCompletionsSplit*"</c>, not
/// part of the comparison): what an asynchronous reader pays for each wait on the socket, the thread-pool hop that
/// Dapper's blocking sequential reads do not make. Dapper is not in it: a blocking read on the event thread never
/// returns, so Dapper's <c>QueryMultiple</c> hangs under that setting.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Jobs))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByJob)]
[CategoriesColumn]
public class InlineCompletionsSplit : ComparisonBenchmark
{
    private readonly int _take = Workload.RelationUsers;

    [Benchmark(Baseline = true), BenchmarkCategory("Find")]
    public Task<M.User?> HandWritten_Find() => C.HandWritten.FindUserByEmailAsync(Workload.FindEmail);

    [Benchmark, BenchmarkCategory("Find")]
    public Task<M.User?> Linq_Find() => C.Linq.FindUserByEmailAsync(Workload.FindEmail);

    [Benchmark(Baseline = true), BenchmarkCategory("Posts")]
    public Task<List<M.User>> HandWritten_Posts() => C.HandWritten.UsersWithPostsAsync();

    [Benchmark, BenchmarkCategory("Posts")]
    public Task<List<M.User>> Linq_Posts() => C.Linq.UsersWithPostsAsync(_take);

    [Benchmark(Baseline = true), BenchmarkCategory("Comments")]
    public Task<List<M.User>> HandWritten_Comments() => C.HandWritten.UsersWithPostsAndCommentsAsync();

    [Benchmark, BenchmarkCategory("Comments")]
    public Task<List<M.User>> Linq_Comments() => C.Linq.UsersWithPostsAndCommentsAsync(_take);

    public override Task VerifyAsync() => Task.CompletedTask;

    private sealed class Jobs : ManualConfig
    {
        public Jobs()
        {
            var job = Job.Default.WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(15);
            AddJob(job.WithId("pool"));
            AddJob(job.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1")).WithId("inline"));
        }
    }
}

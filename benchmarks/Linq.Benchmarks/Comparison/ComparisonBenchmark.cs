using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using Linq.Benchmarks.Competitors;

namespace Linq.Benchmarks.Comparison;

/// <summary>
/// Base of the ORM comparison scenarios (one class per scenario, <c>*Comparison</c>): the same work done by
/// hand-written Npgsql (the baseline: the floor), Dapper, EF Core, linq2db and this project, over the shared
/// seeded database. Before anything is measured, <see cref="VerifyAsync"/> runs every variant once and requires
/// the same result from each (once per class and process; <c>--validate</c> runs all of them without measuring).
/// </summary>
/// <remarks>
/// Implementation names are the method names: <c>HandWritten</c>, <c>Dapper</c>, <c>EfCore</c> (<c>AsNoTracking</c>),
/// <c>EfCore_Compiled</c> (<c>EF.CompileAsyncQuery</c>), <c>EfCore_SplitQuery</c>, <c>Linq2Db</c> and <c>Linq</c> (this
/// project); a suffix names the technique where a scenario has several.
/// </remarks>
public abstract class ComparisonBenchmark
{
    private static readonly ConcurrentDictionary<Type, Lazy<Task>> Verified = new();

    /// <summary>Every implementation (shared by the scenarios of this process).</summary>
    protected CompetitorSet C { get; private set; } = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        C = await CompetitorSet.SharedAsync();
        await Verified.GetOrAdd(GetType(), _ => new Lazy<Task>(VerifyAsync)).Value;
    }

    /// <summary>Runs every variant once (outside the measurements) and throws unless they all did the same work.</summary>
    public abstract Task VerifyAsync();
}

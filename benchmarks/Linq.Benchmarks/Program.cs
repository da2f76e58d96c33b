using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Linq.Benchmarks.Competitors;
using Linq.Benchmarks.Fairness;
using Linq.Benchmarks.Scenarios;
using Linq.Benchmarks.SideBySide;
using Linq.LocalPostgres;
using Npgsql;
using Perfolizer.Horology;

namespace Linq.Benchmarks;

/// <summary>
/// Entry point: every public benchmark class in this assembly is a scenario, selected with <c>--filter</c> (see
/// <c>benchmarks/run.sh</c>). Add a scenario by adding a class under <c>Scenarios/</c> or <c>Comparison/</c>.
/// </summary>
/// <remarks>
/// <para>Options of this program (everything else goes to BenchmarkDotNet):</para>
/// <list type="bullet">
/// <item><c>--quick</c>: the quick job (<see cref="QuickJob"/>), in process, so the whole suite fits in a few minutes.</item>
/// <item><c>--summary-out FILE</c>: after the run, write one Markdown table of every benchmark (scenario, implementation,
/// mean, allocated, ratio to the scenario's baseline) to FILE.</item>
/// <item><c>--validate</c>: run every scenario's setup (which checks that all variants of a scenario do the same work)
/// and cleanup, without measuring anything; exit code 1 on a mismatch.</item>
/// <item><c>--schema</c>: print the DDL of the benchmark model and exit.</item>
/// <item><c>--cpu-per-call FILE [CALLS]</c>: client CPU time and allocations per call of the cached find and page
/// (<see cref="Profiling.CpuPerCall"/>), hand-written against Linq and its compiled form; exact enough on a loaded machine.</item>
/// <item><c>--relation-cpu-per-call FILE [CALLS]</c>: the same for the relation reads (<see cref="Profiling.RelationCpuPerCall"/>),
/// hand-written against Dapper and Linq.</item>
/// <item><c>--allocations-per-call FILE [CALLS]</c>: bytes allocated per call by type on the cached find, page and
/// cursor page (<see cref="Profiling.AllocationsPerCall"/>), from the runtime's allocation events.</item>
/// <item><c>--write-allocations FILE [CALLS]</c>: client CPU, bytes per call and their breakdown by type for the write and
/// transaction scenarios (<see cref="Profiling.WriteAllocations"/>), hand-written against Linq.</item>
/// <item><c>--side-by-side FILE</c>: after the BenchmarkDotNet run (or alone, without other arguments), time Linq and
/// hand-written Npgsql beside Prisma 7 and node-pg (<c>benchmarks/prisma</c>) on the same database and write the
/// Markdown report to FILE (<see cref="SideBySideRun"/>; bounds in <see cref="SideBySideOptions"/>).</item>
/// <item><c>--fairness FILE</c>: instead of benchmarks, write the SQL and <c>EXPLAIN ANALYZE</c> plans of the
/// competitors' slow variants (<see cref="FairnessReport"/>) to FILE.</item>
/// </list>
/// <para>
/// Unless only listing, one PostgreSQL server serves the whole run: the <c>DATABASE_URL</c> server, else one started
/// here (Testcontainers or a throwaway local cluster) whose connection string is put into <c>DATABASE_URL</c>, so
/// that benchmark processes started by BenchmarkDotNet (the default, out-of-process job) use it too.
/// </para>
/// </remarks>
public static class Program
{
    /// <summary>
    /// The quick job: in process (no per-benchmark build or process start, and one seeded database for the whole
    /// run), 1 launch, 1 warm-up and 5 measured iterations of about 100 ms (BenchmarkDotNet's short job has 3 warm-ups
    /// and 3 iterations of 500 ms, out of process: too slow for ~100 benchmarks in 5 minutes on 2 cores). Rough
    /// numbers; read the ratios, not the microseconds.
    /// </summary>
    public static Job QuickJob { get; } = Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(1)
        .WithIterationCount(5)
        .WithIterationTime(TimeInterval.FromMilliseconds(100))
        .WithId("Quick");

    public static async Task<int> Main(string[] args)
    {
        var rest = new List<string>();
        string? summaryOut = null, sideBySideOut = null, fairnessOut = null, cpuOut = null, allocationsOut = null, writeAllocationsOut = null;
        var cpuCalls = 20_000;
        string? splitOut = null;
        string? batchSplitOut = null;
        var splitCallers = 16;
        var sideBySide = new SideBySideOptions();
        bool quick = false, validate = false, relationCpu = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--schema":
                    await using (var db = new Blog.Model.BlogDb("Host=localhost;Username=bench"))
                    {
                        Console.WriteLine(db.Schema.CreateSql());
                    }

                    return 0;
                case "--quick":
                    quick = true;
                    break;
                case "--validate":
                    validate = true;
                    break;
                case "--summary-out" when i + 1 < args.Length:
                    summaryOut = args[++i];
                    break;
                case "--fairness" when i + 1 < args.Length:
                    fairnessOut = args[++i];
                    break;
                case "--side-by-side" when i + 1 < args.Length:
                    sideBySideOut = args[++i];
                    break;
                case "--allocations-per-call" when i + 1 < args.Length:
                    allocationsOut = args[++i];
                    if (i + 1 < args.Length && int.TryParse(args[i + 1], out var a))
                    {
                        cpuCalls = a;
                        i++;
                    }

                    break;
                case "--cpu-per-call" when i + 1 < args.Length:
                case "--relation-cpu-per-call" when i + 1 < args.Length:
                    relationCpu = args[i] == "--relation-cpu-per-call";
                    cpuOut = args[++i];
                    if (i + 1 < args.Length && int.TryParse(args[i + 1], out var n))
                    {
                        cpuCalls = n;
                        i++;
                    }

                    break;
                case "--batch-split" when i + 1 < args.Length:
                    batchSplitOut = args[++i];
                    break;
                case "--cpu-split" when i + 1 < args.Length:
                    splitOut = args[++i];
                    if (i + 1 < args.Length && int.TryParse(args[i + 1], out var callers))
                    {
                        splitCallers = callers;
                        i++;
                    }

                    break;
                case "--write-allocations" when i + 1 < args.Length:
                    writeAllocationsOut = args[++i];
                    if (i + 1 < args.Length && int.TryParse(args[i + 1], out var writeCalls))
                    {
                        cpuCalls = writeCalls;
                        i++;
                    }

                    break;
                default:
                    if (!sideBySide.TryTake(args, ref i))
                    {
                        rest.Add(args[i]);
                    }

                    break;
            }
        }

        var listing = rest.Any(a => a is "--list" or "--help" or "-h" or "-?" or "--version" or "--info");
        PostgresServer? server = null;
        if (!listing)
        {
            server = await PostgresServer.StartAsync("DATABASE_URL");
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DATABASE_URL")))
            {
                Environment.SetEnvironmentVariable("DATABASE_URL", server.ConnectionString);
            }

            Console.WriteLine($"// PostgreSQL server for this run: {server.Source}");
        }

        try
        {
            if (validate)
            {
                return await ValidateAsync() ? 0 : 1;
            }

            if (allocationsOut is not null)
            {
                await File.WriteAllTextAsync(allocationsOut, await Profiling.AllocationsPerCall.RunAsync(cpuCalls));
                Console.WriteLine($"// allocations per call written to {allocationsOut}");
                return 0;
            }

            if (batchSplitOut is not null)
            {
                var rounds = int.TryParse(Environment.GetEnvironmentVariable("LINQ_BATCH_SPLIT_ROUNDS"), out var r) ? r : 4;
                var callerCounts = Environment.GetEnvironmentVariable("LINQ_BATCH_SPLIT_CALLERS") is { Length: > 0 } list
                    ? list.Split(',').Select(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
                    : [4, 16, 64];
                await File.WriteAllTextAsync(batchSplitOut, await Profiling.BatchSplit.RunAsync(rounds, callerCounts));
                Console.WriteLine($"// batched finds written to {batchSplitOut}");
                return 0;
            }

            if (splitOut is not null)
            {
                await File.WriteAllTextAsync(splitOut, await Profiling.CpuSplit.RunAsync(splitCallers));
                Console.WriteLine($"// CPU split written to {splitOut}");
                return 0;
            }

            if (cpuOut is not null)
            {
                await File.WriteAllTextAsync(cpuOut, relationCpu ? await Profiling.RelationCpuPerCall.RunAsync(cpuCalls) : await Profiling.CpuPerCall.RunAsync(cpuCalls));
                Console.WriteLine($"// CPU per call written to {cpuOut}");
                return 0;
            }

            if (writeAllocationsOut is not null)
            {
                await File.WriteAllTextAsync(writeAllocationsOut, await Profiling.WriteAllocations.RunAsync(cpuCalls));
                Console.WriteLine($"// write allocations written to {writeAllocationsOut}");
                return 0;
            }

            if (fairnessOut is not null)
            {
                var serverVersion = server is null ? "unknown" : await ServerVersionAsync(server.ConnectionString);
                await File.WriteAllTextAsync(fairnessOut, await new FairnessReport().RunAsync(serverVersion));
                Console.WriteLine($"// fairness report written to {fairnessOut}");
                return 0;
            }

            // --side-by-side alone runs no BenchmarkDotNet benchmark (without arguments the switcher would ask which).
            if (sideBySideOut is null || rest.Count > 0)
            {
                var config = quick ? DefaultConfig.Instance.AddJob(QuickJob) : DefaultConfig.Instance;
                var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. rest], config).ToList();
                if (summaryOut is not null && summaries.Count > 0)
                {
                    var serverVersion = server is null ? "unknown" : await ServerVersionAsync(server.ConnectionString);
                    await File.WriteAllTextAsync(summaryOut, SummaryTable.Render(summaries, serverVersion));
                    Console.WriteLine($"// summary written to {summaryOut}");
                }
            }

            if (sideBySideOut is not null)
            {
                var serverVersion = server is null ? "unknown" : await ServerVersionAsync(server.ConnectionString);
                await File.WriteAllTextAsync(sideBySideOut, await new SideBySideRun(sideBySide).RunAsync(serverVersion));
                Console.WriteLine($"// side-by-side report written to {sideBySideOut}");
            }

            return 0;
        }
        finally
        {
            await CompetitorSet.DisposeSharedAsync();
            await BenchmarkDatabase.DisposeSharedAsync();
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>Runs every benchmark class's [GlobalSetup] (the scenarios verify their variants there) and [GlobalCleanup].</summary>
    private static async Task<bool> ValidateAsync()
    {
        var ok = true;
        var types = typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsPublic: true, IsAbstract: false, IsClass: true } && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkAttribute))))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in types)
        {
            var instance = Activator.CreateInstance(type)!;
            try
            {
                await InvokeAllAsync<GlobalSetupAttribute>(instance);
                await InvokeAllAsync<GlobalCleanupAttribute>(instance);
                Console.WriteLine($"// ok: {type.Name}");
            }
            catch (Exception e)
            {
                ok = false;
                Console.WriteLine($"// FAILED: {type.Name}: {(e as TargetInvocationException)?.InnerException?.Message ?? e.Message}");
            }
        }

        Console.WriteLine(ok ? "// validation passed" : "// validation FAILED");
        return ok;
    }

    private static async Task InvokeAllAsync<TAttribute>(object instance) where TAttribute : Attribute
    {
        foreach (var method in instance.GetType().GetMethods().Where(m => m.IsDefined(typeof(TAttribute), inherit: true)))
        {
            if (method.Invoke(instance, null) is Task task)
            {
                await task;
            }
        }
    }

    private static async Task<string> ServerVersionAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SHOW server_version");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

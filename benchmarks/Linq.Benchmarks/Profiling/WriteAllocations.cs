using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;
using Linq.Benchmarks.Competitors;
using Npgsql;

namespace Linq.Benchmarks.Profiling;

/// <summary>
/// Client CPU, bytes allocated per call and where they go, for the write and transaction scenarios
/// (<c>--write-allocations FILE [CALLS]</c>): hand-written Npgsql against Linq, sequential calls, the bytes exact
/// (<see cref="GC.GetTotalAllocatedBytes"/>), the breakdown by type from the runtime's allocation sampling (one event
/// per ~100 KB allocated, so the shares are estimates over many calls).
/// </summary>
public static class WriteAllocations
{
    // Enough calls that tiered JIT has promoted the hot paths before measuring (LINQ_PROFILE_WARMUP overrides it):
    // with a few hundred, the first measured case paid for background recompilation on the process's CPU clock.
    private static readonly int WarmUpCalls = int.TryParse(Environment.GetEnvironmentVariable("LINQ_PROFILE_WARMUP"), out var n) ? n : 2000;

    public static async Task<string> RunAsync(int calls)
    {
        var set = await CompetitorSet.SharedAsync();
        var hand = set.HandWritten;
        var linq = set.Linq;
        long transfers = 0, nested = 0, upserts = 0;
        Task Transfer(Func<string, string, decimal, Task<decimal>> run) =>
            (transfers++ & 1) == 0 ? run(Workload.AccountA, Workload.AccountB, Workload.TransferAmount) : run(Workload.AccountB, Workload.AccountA, Workload.TransferAmount);
        var cases = new (string Scenario, string Implementation, Func<Task> Call)[]
        {
            ("transfer", "hand-written", () => Transfer(hand.TransferAsync)),
            ("transfer", "Linq", () => Transfer(linq.TransferAsync)),
            ("transfer", "Linq counted", () => Transfer(linq.TransferCountedAsync)),
            ("transfer", "Linq transaction, raw statements", () => Transfer(linq.TransferRawAsync)),
            ("transfer", "hand-written, Linq's texts", () => Transfer(hand.TransferWithLinqTextsAsync)),
            ("batch transaction", "hand-written", () => hand.PostsPageWithCountAsync(Workload.BatchAuthorId, Workload.BatchTake)),
            ("batch transaction", "Linq", () => linq.PostsPageWithCountAsync(Workload.BatchAuthorId, Workload.BatchTake)),
            ("nested create", "hand-written", () => hand.CreateUserWithPostsAsync($"alloc-{nested++}@x.io", Workload.NestedPosts)),
            ("nested create", "Linq", () => linq.CreateUserWithPostsAsync($"alloc-{nested++}@x.io", Workload.NestedPosts)),
            ("upsert", "hand-written", () => hand.UpsertUserAsync(Workload.UpsertEmail, "Alloc " + upserts++)),
            ("upsert", "Linq", () => linq.UpsertUserAsync(Workload.UpsertEmail, "Alloc " + upserts++)),
            // The transfer's parts, to see where its bytes go.
            ("transfer parts", "Linq empty transaction", () => set.Linq.EmptyTransactionAsync()),
            ("transfer parts", "Linq one update by key", () => set.Linq.AddToBalanceAsync(Workload.AccountA, 0m)),
            ("transfer parts", "Linq find by key", () => set.Linq.FindAccountAsync(Workload.AccountA)),
            ("transfer parts", "Linq transaction with one find", () => set.Linq.FindAccountInTransactionAsync(Workload.AccountA)),
            ("transfer parts", "Linq transaction with one update", () => set.Linq.AddToBalanceInTransactionAsync(Workload.AccountA, 0m)),
            ("transfer parts", "filter lambda alone", () => Task.FromResult(Workload.AccountFilter(Workload.AccountA))),
        };
        cases = [.. cases, .. ManyWriteCases.Of(set), .. FilteredKeyWriteCases.Of(set), .. CreateManyCases.Of(set), .. NestedUpdateCases.Of(set)];

        // createMany of 1,000 rows (binary COPY) only on request (LINQ_PROFILE_ONLY="create many", with a small
        // LINQ_PROFILE_WARMUP): each call writes 1,000 users, too many for the default warm-up of every case.
        if (Environment.GetEnvironmentVariable("LINQ_PROFILE_ONLY") is { } wanted && wanted.Contains("create many", StringComparison.OrdinalIgnoreCase))
        {
            long many = 0;
            cases = [.. cases,
                ("create many", "hand-written", () => hand.CreateUsersCopyAsync($"alloc-many-{many++}-", 1000)),
                ("create many", "Linq", () => linq.CreateUsersAsync($"alloc-many-{many++}-", 1000))];
        }

        // LINQ_PROFILE_ONLY=text keeps the cases whose "scenario/implementation" contains it (a CPU trace of one case alone).
        if (Environment.GetEnvironmentVariable("LINQ_PROFILE_ONLY") is { Length: > 0 } only)
        {
            cases = [.. cases.Where(c => $"{c.Scenario}/{c.Implementation}".Contains(only, StringComparison.OrdinalIgnoreCase))];
        }

        foreach (var (_, _, call) in cases)
        {
            for (var i = 0; i < WarmUpCalls; i++)
            {
                await call();
            }
        }

        // LINQ_PROFILE_SQL=1 prints the statements (and their client-side durations) of one call of the first case.
        if (Environment.GetEnvironmentVariable("LINQ_PROFILE_SQL") is { Length: > 0 })
        {
            using var sqlListener = new ActivityListener
            {
                ShouldListenTo = s => s.Name is "Linq" or "Npgsql",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a => Console.Error.WriteLine($"SQL {a.Source.Name} {a.DisplayName} {a.Duration.TotalMicroseconds:0}us: {a.GetTagItem("db.query.text") ?? a.GetTagItem("db.statement")}"),
            };
            ActivitySource.AddActivityListener(sqlListener);
            await cases[0].Call();
        }

        // LINQ_PROFILE_PLAIN=1: three rounds over the cases without the allocation listener, printing wall time, process
        // CPU (and its user part), context switches, thread-pool work items and lock contentions per call, so that the
        // spread between rounds shows how far a single CPU figure can be trusted.
        if (Environment.GetEnvironmentVariable("LINQ_PROFILE_PLAIN") is { Length: > 0 })
        {
            var proc = Process.GetCurrentProcess();
            for (var round = 0; round < 3; round++)
            {
                foreach (var (scenario, implementation, call) in cases)
                {
                    proc.Refresh();
                    var c0 = proc.TotalProcessorTime;
                    var u0 = proc.UserProcessorTime;
                    var s0 = ContextSwitches();
                    var w0 = Stopwatch.GetTimestamp();
                    var items0 = ThreadPool.CompletedWorkItemCount;
                    var locks0 = Monitor.LockContentionCount;
                    var b0 = GC.GetTotalAllocatedBytes(true);
                    for (var i = 0; i < calls; i++)
                    {
                        await call();
                    }

                    var wall = Stopwatch.GetElapsedTime(w0).TotalMicroseconds / calls;
                    proc.Refresh();
                    Console.Error.WriteLine($"round {round} {scenario}/{implementation}: wall {wall:0.0} cpu {(proc.TotalProcessorTime - c0).TotalMicroseconds / calls:0.0} user {(proc.UserProcessorTime - u0).TotalMicroseconds / calls:0.0} switches {(double)(ContextSwitches() - s0) / calls:0.00} items {(double)(ThreadPool.CompletedWorkItemCount - items0) / calls:0.00} contention {(double)(Monitor.LockContentionCount - locks0) / calls:0.00} bytes {(GC.GetTotalAllocatedBytes(true) - b0) / calls}");
                }
            }

            return "";
        }

        var text = new StringBuilder();
        text.AppendLine("| scenario | implementation | CPU µs per call | allocated per call |");
        text.AppendLine("| --- | --- | ---: | ---: |");
        var breakdowns = new StringBuilder();
        var process = Process.GetCurrentProcess();
        foreach (var (scenario, implementation, call) in cases)
        {
            using var listener = new AllocationListener();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var before = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < calls; i++)
            {
                await call();
            }

            var allocated = (double)(GC.GetTotalAllocatedBytes(precise: true) - before) / calls;
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / calls;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {scenario} | {implementation} | {cpu:0.0} | {allocated:0} B |");
            var sampled = listener.ByType.Values.Sum();
            breakdowns.AppendLine(CultureInfo.InvariantCulture, $"### {scenario}, {implementation}: {allocated:0} B per call");
            breakdowns.AppendLine();
            breakdowns.AppendLine("| type | est. B per call |");
            breakdowns.AppendLine("| --- | ---: |");
            foreach (var (type, bytes) in listener.ByType.OrderByDescending(p => p.Value).Take(40))
            {
                breakdowns.AppendLine(CultureInfo.InvariantCulture, $"| {type} | {allocated * bytes / Math.Max(1, sampled):0} |");
            }

            breakdowns.AppendLine();
        }

        await using (var cleanup = set.Database.DataSource.CreateCommand("""DELETE FROM "Post" WHERE "AuthorId" IN (SELECT "Id" FROM "User" WHERE "Email" LIKE 'alloc-%'); DELETE FROM "User" WHERE "Email" LIKE 'alloc-%'"""))
        {
            await cleanup.ExecuteNonQueryAsync();
        }

        return text + Environment.NewLine + breakdowns;
    }

    // Voluntary and involuntary switches of every thread of this process (Linux /proc); 0 elsewhere.
    private static long ContextSwitches()
    {
        long total = 0;
        if (!Directory.Exists("/proc/self/task"))
        {
            return 0;
        }

        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            foreach (var line in File.ReadLines(task + "/status"))
            {
                if (line.Contains("ctxt_switches", StringComparison.Ordinal))
                {
                    total += long.Parse(line[(line.IndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture);
                }
            }
        }

        return total;
    }

    private sealed class AllocationListener : EventListener
    {
        public ConcurrentDictionary<string, long> ByType { get; } = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs data)
        {
            if (data.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || data.PayloadNames is null)
            {
                return;
            }

            var type = data.Payload![data.PayloadNames.IndexOf("TypeName")] as string ?? "?";
            var amount = data.PayloadNames.IndexOf("AllocationAmount64") is var i and >= 0 ? Convert.ToInt64(data.Payload[i], CultureInfo.InvariantCulture) : 100_000;
            ByType.AddOrUpdate(type, amount, (_, total) => total + amount);
        }
    }
}

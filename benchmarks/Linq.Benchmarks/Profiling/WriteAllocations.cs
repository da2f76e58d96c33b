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
            ("transfer parts", "filter lambda alone", () => Task.FromResult(Workload.AccountFilter(Workload.AccountA))),
        };

        foreach (var (_, _, call) in cases)
        {
            for (var i = 0; i < 300; i++)
            {
                await call();
            }
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

using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;
using Linq.Benchmarks.Competitors;

namespace Linq.Benchmarks.Profiling;

/// <summary>
/// Bytes allocated per call by type, for the cached read hot path (<c>--allocations-per-call FILE [CALLS]</c>): the
/// runtime's allocation sampling events (<c>AllocationSampled</c>, about one per 100 KB allocated, at random), so each
/// type's share is an estimate that sharpens with the number of calls; no profiler needed. Calls of one case run alone, sequentially, after a warm-up; the total
/// is checked against <see cref="GC.GetTotalAllocatedBytes"/> (the difference: the listener's own allocations and
/// samples straddling the case's start).
/// </summary>
public static class AllocationsPerCall
{
    public static async Task<string> RunAsync(int calls)
    {
        var set = await CompetitorSet.SharedAsync();
        var hand = set.HandWritten;
        var linq = set.Linq;
        using var translation = new Competitors.Ours.LinqTranslation(set.Database.ConnectionString);
        var cases = new (string Scenario, string Implementation, Func<Task> Call)[]
        {
            ("FindUnique", "hand-written", () => hand.FindUserByEmailAsync(Workload.FindEmail)),
            ("FindUnique", "Linq", () => linq.FindUserByEmailAsync(Workload.FindEmail)),
            ("FindUnique", "Linq compiled", () => linq.FindUserByEmailCompiledAsync(Workload.FindEmail)),
            ("FilterPage", "hand-written", () => hand.FilterPageAsync(Workload.EmailPrefix, Workload.FilterSkip, Workload.FilterTake)),
            ("FilterPage", "Linq", () => linq.FilterPageAsync(Workload.EmailPrefix, Workload.FilterSkip, Workload.FilterTake)),
            ("FilterPage", "Linq expression tree only", () => Done(translation.BuildOnly(Workload.EmailPrefix, Workload.FilterSkip, Workload.FilterTake))),
            ("FilterPage", "Linq expression tree and translation", () => Done(translation.Translate(Workload.EmailPrefix, Workload.FilterSkip, Workload.FilterTake))),
            ("FilterPage", "Linq compiled", () => linq.FilterPageCompiledAsync(Workload.EmailPrefix, Workload.FilterSkip, Workload.FilterTake)),
            ("DeepPage/Cursor", "hand-written", () => hand.PostsAfterCursorAsync(Workload.DeepPosition, Workload.PageSize)),
            ("DeepPage/Cursor", "Linq", () => linq.PostsAfterCursorAsync(Workload.DeepPosition, Workload.PageSize)),
        };

        // LINQ_PROFILE_CASE picks the cases whose implementation contains it (e.g. for a CPU profile of one).
        if (Environment.GetEnvironmentVariable("LINQ_PROFILE_CASE") is { Length: > 0 } only)
        {
            cases = [.. cases.Where(c => c.Implementation.Contains(only, StringComparison.Ordinal))];
        }

        foreach (var (_, _, call) in cases)
        {
            for (var i = 0; i < 2_000; i++)
            {
                await call();
            }
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Bytes allocated per call by type, {calls} sequential calls per case after a warm-up (types under 8 bytes per call left out).");
        foreach (var (scenario, implementation, call) in cases)
        {
            using var listener = new Listener();
            await Task.Delay(500);
            listener.Counting = true;
            var before = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < calls; i++)
            {
                await call();
            }

            var total = GC.GetTotalAllocatedBytes(precise: true) - before;
            await Task.Delay(1_000);
            listener.Counting = false;
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"### {scenario}, {implementation}: {(double)total / calls:0} B per call (GC total)");
            text.AppendLine();
            text.AppendLine("| type | samples | bytes per call (estimate) |");
            text.AppendLine("| --- | ---: | ---: |");
            foreach (var (type, (count, size)) in listener.ByType.OrderByDescending(t => t.Value.Size))
            {
                if ((double)size / calls >= 8)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"| {type} | {count} | {(double)size / calls:0} |");
                }
            }
        }

        return text.ToString();
    }

    private static Task Done(object? _) => Task.CompletedTask;

    private sealed class Listener : EventListener
    {
        public const long SamplingDistance = 102_400;

        public volatile bool Counting;

        private static readonly ConcurrentDictionary<ulong, string> Names = new();

        public ConcurrentDictionary<string, (long Count, long Size)> ByType { get; } = new();

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                // AllocationSampling (0x80000000000): an event about every 100 KB allocated, at a random point of it.
                EnableEvents(eventSource, EventLevel.Informational, (EventKeywords)0x80000000000);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (!Counting || eventData.EventName != "AllocationSampled" || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
            {
                return;
            }

            // Each sample stands for the mean sampling distance; the object's own size counts once.
            var typeId = payload[names.IndexOf("TypeID")] switch
            {
                ulong u => u,
                long l => (ulong)l,
                nint n => (ulong)n,
                nuint n => (ulong)n,
                _ => 0UL,
            };
            var name = payload[names.IndexOf("TypeName")] as string ?? "?";
            if (name.StartsWith('<'))
            {
                // A closure class: name its declaring type too.
                name = Names.GetOrAdd(typeId, static (id, shortName) =>
                {
                    try
                    {
                        return Type.GetTypeFromHandle(RuntimeTypeHandle.FromIntPtr((nint)id))?.ToString() ?? shortName;
                    }
                    catch (ArgumentException)
                    {
                        return shortName;
                    }
                }, name);
            }

            var size = Convert.ToInt64(payload[names.IndexOf("ObjectSize")], CultureInfo.InvariantCulture);
            ByType.AddOrUpdate(name, (1, SamplingDistance), (_, old) => (old.Count + 1, old.Size + SamplingDistance));
            _ = size;
        }
    }
}

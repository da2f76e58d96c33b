using System.Diagnostics;
using System.Globalization;
using System.Text;
using Linq.Benchmarks.Competitors;

namespace Linq.Benchmarks.Profiling;

/// <summary>
/// Client CPU time and allocated bytes per call of the relation reads (<c>--relation-cpu-per-call FILE [CALLS]</c>):
/// users with posts, with posts and comments, and the nested projection, hand-written Npgsql against Dapper and Linq,
/// measured as <see cref="CpuPerCall"/> measures the single-row reads (process CPU time and
/// <see cref="GC.GetTotalAllocatedBytes"/> over sequential calls in alternating rounds), so the ratios hold up on a loaded
/// machine. What the server spends is not in it: compare the statements' plans for that.
/// </summary>
public static class RelationCpuPerCall
{
    private const int Rounds = 20;

    public static async Task<string> RunAsync(int calls)
    {
        var set = await CompetitorSet.SharedAsync();
        var (hand, dapper, linq) = (set.HandWritten, set.Dapper, set.Linq);
        var take = Workload.RelationUsers;
        var cases = new (string Scenario, string Implementation, Func<Task> Call)[]
        {
            ("100 users + posts", "hand-written", () => hand.UsersWithPostsAsync()),
            ("100 users + posts", "Dapper", () => dapper.UsersWithPostsAsync(take)),
            ("100 users + posts", "Linq", () => linq.UsersWithPostsAsync(take)),
            ("100 users + posts + comments", "hand-written", () => hand.UsersWithPostsAndCommentsAsync()),
            ("100 users + posts + comments", "Dapper", () => dapper.UsersWithPostsAndCommentsAsync(take)),
            ("100 users + posts + comments", "Linq", () => linq.UsersWithPostsAndCommentsAsync(take)),
            ("nested projection", "hand-written", () => hand.UserPostTitlesAsync(take)),
            ("nested projection", "Dapper", () => dapper.UserPostTitlesAsync(take)),
            ("nested projection", "Linq", () => linq.UserPostTitlesAsync(take)),
        };

        // Warm-up past the JIT's second tier and the shapers' background compile.
        var warming = Stopwatch.StartNew();
        while (warming.Elapsed < TimeSpan.FromSeconds(3))
        {
            foreach (var (_, _, call) in cases)
            {
                for (var i = 0; i < 20; i++)
                {
                    await call();
                }
            }
        }

        var cpu = new double[cases.Length][];
        var bytes = new double[cases.Length];
        for (var c = 0; c < cases.Length; c++)
        {
            cpu[c] = new double[Rounds];
        }

        var process = Process.GetCurrentProcess();
        var each = Math.Max(1, calls / Rounds);
        for (var round = 0; round < Rounds; round++)
        {
            for (var k = 0; k < cases.Length; k++)
            {
                var c = round % 2 == 0 ? k : cases.Length - 1 - k;
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                for (var i = 0; i < each; i++)
                {
                    await cases[c].Call();
                }

                var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                process.Refresh();
                cpu[c][round] = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / each;
                bytes[c] += (double)allocated / each / Rounds;
            }
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Client CPU per call (process CPU time, all threads) and bytes allocated per call, {each * Rounds} sequential calls per implementation in {Rounds} alternating rounds after a 3 s warm-up; median of the rounds.");
        text.AppendLine();
        text.AppendLine("| scenario | implementation | CPU µs per call | CPU ÷ hand-written | allocated per call | allocated ÷ hand-written |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: |");
        for (var c = 0; c < cases.Length; c++)
        {
            var baseline = Array.FindIndex(cases, x => x.Scenario == cases[c].Scenario);
            var ratios = cpu[c].Select((value, round) => value / cpu[baseline][round]).Order().ToArray();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {cases[c].Scenario} | {cases[c].Implementation} | {Median(cpu[c]):0.0} | {Median(ratios):0.00} ({ratios[ratios.Length / 4]:0.00}–{ratios[ratios.Length * 3 / 4]:0.00}) | {bytes[c] / 1024:0.00} KB | {bytes[c] / bytes[baseline]:0.00} |");
        }

        return text.ToString();
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

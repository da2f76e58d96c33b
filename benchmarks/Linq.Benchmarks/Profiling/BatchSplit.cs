using System.Diagnostics;
using System.Globalization;
using System.Text;
using Linq.Benchmarks.Competitors;
using Linq.Querying.Batching;
using Npgsql;

namespace Linq.Benchmarks.Profiling;

/// <summary>
/// <see cref="LinqDatabaseOptions.BatchFinds"/> against one statement per find (<c>--batch-split FILE</c>): operations per
/// second and client/server CPU per find at 4, 16 and 64 callers, for hand-written Npgsql, Linq, Linq with prepared
/// statements and Linq with batched finds at several bounds of statements in flight per shape
/// (<see cref="FindBatchLimits.MaxInFlight"/>), the variants in alternating rounds as <see cref="CpuSplit"/> runs them.
/// The bound is set before each variant's phase, when no find is in flight. Every client has a pool of 16 connections.
/// </summary>
public static class BatchSplit
{
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(2);

    public static async Task<string> RunAsync(int rounds, IReadOnlyList<int> callerCounts)
    {
        var set = await CompetitorSet.SharedAsync();
        // Every client with a pool of 16, as in the side-by-side run (64 callers on six pools of 100 would exceed the server's connections).
        var pooled = new NpgsqlConnectionStringBuilder(set.Database.ConnectionString) { MaxPoolSize = 16 }.ConnectionString;
        await using var hand = new Competitors.HandWritten.HandWrittenClient(pooled);
        await using var db = new Blog.Model.BlogDb(pooled);
        var linq = new Competitors.Ours.LinqClient(db);
        await using var prepared = new PreparedClients(pooled);
        await using var batched = new BatchedClients(pooled);
        var email = Workload.FindEmail;
        var cases = new List<(string Name, int Bound, Func<Task> Call)>
        {
            ("hand-written", 0, () => hand.FindUserByEmailAsync(email)),
            ("Linq", 0, () => linq.FindUserByEmailAsync(email)),
            ("Linq, PrepareStatements", 0, () => prepared.Linq.FindUserByEmailAsync(email)),
        };
        foreach (var bound in (int[])[1, 2, 4, 8])
        {
            cases.Add(($"Linq, BatchFinds, {bound} in flight", bound, () => batched.Linq.FindUserByEmailAsync(email)));
        }

        cases.Add(("Linq, BatchFinds + PrepareStatements, 2 in flight", 2, () => batched.LinqPrepared.FindUserByEmailAsync(email)));
        if (Environment.GetEnvironmentVariable("LINQ_BATCH_SPLIT_ONLY") is { Length: > 0 } only)
        {
            cases.RemoveAll(c => !c.Name.Contains(only, StringComparison.OrdinalIgnoreCase) && c.Name != "hand-written");
        }

        var kept = FindBatchLimits.MaxInFlight;
        var text = new StringBuilder();
        await using var observer = NpgsqlDataSource.Create(set.Database.ConnectionString);
        var process = Process.GetCurrentProcess();
        foreach (var callers in callerCounts)
        {
            foreach (var (_, bound, call) in cases)
            {
                FindBatchLimits.MaxInFlight = bound == 0 ? kept : bound;
                await CpuSplit.RunPhaseAsync(call, callers, TimeSpan.FromSeconds(1));
            }

            var ops = new double[cases.Count];
            var client = new double[cases.Count];
            var server = new double[cases.Count];
            for (var round = 0; round < rounds; round++)
            {
                for (var k = 0; k < cases.Count; k++)
                {
                    var c = round % 2 == 0 ? k : cases.Count - 1 - k;
                    FindBatchLimits.MaxInFlight = cases[c].Bound == 0 ? kept : cases[c].Bound;
                    var backends = await CpuSplit.BackendsAsync(observer);
                    var serverBefore = CpuSplit.ServerTicks(backends);
                    process.Refresh();
                    var clientBefore = process.TotalProcessorTime;
                    var count = await CpuSplit.RunPhaseAsync(cases[c].Call, callers, Phase);
                    process.Refresh();
                    client[c] += (process.TotalProcessorTime - clientBefore).TotalMicroseconds;
                    server[c] += (CpuSplit.ServerTicks(backends) - serverBefore) * 1_000_000.0 / 100; // USER_HZ
                    ops[c] += count;
                }
            }

            var table = new StringBuilder();
            table.AppendLine(CultureInfo.InvariantCulture, $"{callers} callers, {rounds} alternating rounds of {Phase.TotalSeconds:0} s per variant.");
            table.AppendLine();
            table.AppendLine("| variant | ops/s | ÷ hand-written | client CPU µs/op | server CPU µs/op | total CPU µs/op |");
            table.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            for (var c = 0; c < cases.Count; c++)
            {
                table.AppendLine(CultureInfo.InvariantCulture,
                    $"| {cases[c].Name} | {ops[c] / (rounds * Phase.TotalSeconds):0} | {ops[c] / ops[0]:0.00} | {client[c] / ops[c]:0.0} | {server[c] / ops[c]:0.0} | {(client[c] + server[c]) / ops[c]:0.0} |");
            }

            table.AppendLine();
            Console.Write(table.ToString());
            text.Append(table);
        }

        FindBatchLimits.MaxInFlight = kept;
        return text.ToString();
    }
}

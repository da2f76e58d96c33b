using System.Globalization;
using System.Text;
using Blog.Model;
using Linq.Benchmarks.Competitors;
using Linq.Benchmarks.Competitors.HandWritten;
using Linq.Benchmarks.Competitors.Ours;
using Linq.Benchmarks.Scenarios;
using Npgsql;

namespace Linq.Benchmarks.SideBySide;

/// <summary>
/// Linq and hand-written Npgsql beside Prisma 7 and hand-written node-pg (<c>benchmarks/prisma/bench.ts</c>), over one
/// seeded database: the scenarios of the ORM comparison timed call by call with the same harness on both sides
/// (median and mean), then throughput of 16 concurrent callers over a pool of 16 on find-by-key and 100 users + posts.
/// </summary>
/// <remarks>
/// BenchmarkDotNet cannot measure Node, so both sides use one simple harness (<see cref="CallTimings"/>) and the
/// table compares like with like; the BenchmarkDotNet comparison stays the reference for the C# libraries.
/// </remarks>
public sealed class SideBySideRun(SideBySideOptions options)
{
    private const string NestedPrefix = "sbs-nested-";
    private const string CreatePrefix = "sbs-create-";
    private const string UpsertEmail = "upsert-sbs@bench.example";

    private static readonly (string Scenario, string Label)[] Scenarios =
    [
        ("FindUnique", "find unique by e-mail"),
        ("FilterPage", "filter + order + offset + projection"),
        ("IncludePosts", "100 users + posts"),
        ("IncludePostsComments", "100 users + posts + comments"),
        ("NestedProjection", "nested projection"),
        ("DeepPage/Cursor", "deep page by cursor"),
        ("DeepPage/Offset", "deep page by offset"),
        ("NestedCreate", "nested create 1 + 10"),
        ("Upsert", "upsert"),
        ("TransferTransaction", "interactive transfer"),
        ("BatchTransaction", "batch transaction"),
        ("CreateMany", "createMany 1,000"),
    ];

    private long _counter;

    /// <summary>Runs both sides and returns the Markdown report.</summary>
    public async Task<string> RunAsync(string serverVersion)
    {
        var set = await CompetitorSet.SharedAsync();
        var calls = await MeasureCSharpAsync(set);
        var throughput = await ThroughputCSharpAsync(set.Database.ConnectionString);
        Console.WriteLine($"// Node: {options.PrismaDirectory}/bench.ts");
        var node = await NodeResults.RunAsync(options.PrismaDirectory, set.Database.ConnectionString, options.NodeArguments());
        if (node is not null)
        {
            calls.AddRange(node.Calls);
            throughput.AddRange(node.Throughput);
        }

        return Render(calls, throughput, node?.Versions, serverVersion);
    }

    private async Task<List<CallTimings>> MeasureCSharpAsync(CompetitorSet set)
    {
        var results = new List<CallTimings>();
        var hand = set.HandWritten;
        var linq = set.Linq;
        var dataSource = set.Database.DataSource;

        async Task Both(string scenario, Func<string, Task> handCall, Func<string, Task> linqCall,
            Func<string>? prepare = null, Func<Task>? cleanup = null, int cleanupEvery = 0, int? iterations = null, int? warmup = null,
            Func<string, Task>? compiledCall = null, (string, Func<string, Task>)[]? more = null)
        {
            if (options.Sequential)
            {
                foreach (var (name, call) in new[] { ("Npgsql", handCall), ("Linq", linqCall) })
                {
                    results.Add(await CallTimings.MeasureAsync(scenario, name, call, warmup ?? options.Warmup, iterations ?? options.Iterations,
                        options.MaxSeconds, prepare, cleanup, cleanupEvery));
                }

                return;
            }

            (string, Func<string, Task>)[] implementations = compiledCall is null
                ? [("Npgsql", handCall), ("Linq", linqCall)]
                : [("Npgsql", handCall), ("Linq", linqCall), ("Linq_Compiled", compiledCall)];
            implementations = [.. implementations, .. more ?? []];
            results.AddRange(await CallTimings.MeasurePairAsync(scenario, implementations, warmup ?? options.Warmup,
                iterations ?? options.Iterations, options.MaxSeconds, prepare, cleanup, cleanupEvery));
        }

        // Prepared statements beside them (own pools): hand-written with Npgsql's auto-prepare, Linq with options.PrepareStatements.
        await using var prepared = new PreparedClients(set.Database.ConnectionString);
        await Both("FindUnique", _ => hand.FindUserByEmailAsync(Workload.FindEmail), _ => linq.FindUserByEmailAsync(Workload.FindEmail),
            compiledCall: _ => linq.FindUserByEmailCompiledAsync(Workload.FindEmail),
            more: [("Npgsql_Prepared", _ => prepared.HandWritten.FindUserByEmailAsync(Workload.FindEmail)), ("Linq_Prepared", _ => prepared.Linq.FindUserByEmailAsync(Workload.FindEmail))]);
        await Both("FilterPage", _ => hand.FilterPageAsync(Workload.EmailPrefix, Workload.FilterSkip, Workload.FilterTake),
            _ => linq.FilterPageAsync(Workload.EmailPrefix, Workload.FilterSkip, Workload.FilterTake),
            compiledCall: _ => linq.FilterPageCompiledAsync(Workload.EmailPrefix, Workload.FilterSkip, Workload.FilterTake),
            more: [("Npgsql_Prepared", _ => prepared.HandWritten.FilterPageAsync(Workload.EmailPrefix, Workload.FilterSkip, Workload.FilterTake)),
                ("Linq_Prepared", _ => prepared.Linq.FilterPageAsync(Workload.EmailPrefix, Workload.FilterSkip, Workload.FilterTake))]);
        await Both("IncludePosts", _ => hand.UsersWithPostsAsync(), _ => linq.UsersWithPostsAsync(Workload.RelationUsers));
        await Both("IncludePostsComments", _ => hand.UsersWithPostsAndCommentsAsync(), _ => linq.UsersWithPostsAndCommentsAsync(Workload.RelationUsers));
        await Both("NestedProjection", _ => hand.UserPostTitlesAsync(Workload.RelationUsers), _ => linq.UserPostTitlesAsync(Workload.RelationUsers));
        await Both("DeepPage/Cursor", _ => hand.PostsAfterCursorAsync(Workload.DeepPosition, Workload.PageSize),
            _ => linq.PostsAfterCursorAsync(Workload.DeepPosition, Workload.PageSize));
        await Both("DeepPage/Offset", _ => hand.PostsAtOffsetAsync(Workload.DeepPosition, Workload.PageSize),
            _ => linq.PostsAtOffsetAsync(Workload.DeepPosition, Workload.PageSize));
        await Both("NestedCreate", email => hand.CreateUserWithPostsAsync(email, Workload.NestedPosts), email => linq.CreateUserWithPostsAsync(email, Workload.NestedPosts),
            () => $"{NestedPrefix}{Interlocked.Increment(ref _counter)}@x.io",
            () => ExecuteAsync(dataSource, $"""
                DELETE FROM "Post" WHERE "AuthorId" IN (SELECT "Id" FROM "User" WHERE "Email" LIKE '{NestedPrefix}%');
                DELETE FROM "User" WHERE "Email" LIKE '{NestedPrefix}%'
                """), cleanupEvery: 100);
        await Both("Upsert", name => hand.UpsertUserAsync(UpsertEmail, name), name => linq.UpsertUserAsync(UpsertEmail, name),
            () => $"Upserted {Interlocked.Increment(ref _counter)}",
            () => ExecuteAsync(dataSource, $"""DELETE FROM "User" WHERE "Email" = '{UpsertEmail}'"""));
        // There and back (the prepared argument says which way), so balances stay near where they started.
        await Both("TransferTransaction", way => way == "back" ? hand.TransferAsync(Workload.AccountB, Workload.AccountA, Workload.TransferAmount) : hand.TransferAsync(Workload.AccountA, Workload.AccountB, Workload.TransferAmount),
            way => way == "back" ? linq.TransferAsync(Workload.AccountB, Workload.AccountA, Workload.TransferAmount) : linq.TransferAsync(Workload.AccountA, Workload.AccountB, Workload.TransferAmount),
            () => Interlocked.Increment(ref _counter) % 2 == 0 ? "back" : "forth");
        await Both("BatchTransaction", _ => hand.PostsPageWithCountAsync(Workload.BatchAuthorId, Workload.BatchTake),
            _ => linq.PostsPageWithCountAsync(Workload.BatchAuthorId, Workload.BatchTake));
        await Both("CreateMany", prefix => hand.CreateUsersCopyAsync(prefix, Workload.CreateRows), prefix => linq.CreateUsersAsync(prefix, Workload.CreateRows),
            () => $"{CreatePrefix}{Interlocked.Increment(ref _counter)}-",
            () => ExecuteAsync(dataSource, $"""DELETE FROM "User" WHERE "Email" LIKE '{CreatePrefix}%'"""), cleanupEvery: 4,
            iterations: Math.Min(options.Iterations, 60), warmup: Math.Min(options.Warmup, 8));
        await set.Database.VacuumAnalyzeAsync("\"User\"", "\"Post\"", "\"Account\"");
        return results;
    }

    /// <summary>Own clients with a pool of <see cref="SideBySideOptions.Callers"/> connections, like Prisma's and node-pg's.</summary>
    private async Task<List<ThroughputResult>> ThroughputCSharpAsync(string connectionString)
    {
        var results = new List<ThroughputResult>();
        if (options.ThroughputSeconds <= 0)
        {
            return results;
        }

        var pooled = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = options.Callers }.ConnectionString;
        await using var hand = new HandWrittenClient(pooled);
        await using var db = new BlogDb(pooled);
        var linq = new LinqClient(db);
        var (callers, seconds) = (options.Callers, options.ThroughputSeconds);
        results.Add(await ThroughputResult.RunAsync("FindUnique", "Npgsql", () => hand.FindUserByEmailAsync(Workload.FindEmail), callers, seconds));
        results.Add(await ThroughputResult.RunAsync("FindUnique", "Linq", () => linq.FindUserByEmailAsync(Workload.FindEmail), callers, seconds));
        await using (var prepared = new PreparedClients(pooled))
        {
            results.Add(await ThroughputResult.RunAsync("FindUnique", "Npgsql_Prepared", () => prepared.HandWritten.FindUserByEmailAsync(Workload.FindEmail), callers, seconds));
            results.Add(await ThroughputResult.RunAsync("FindUnique", "Linq_Prepared", () => prepared.Linq.FindUserByEmailAsync(Workload.FindEmail), callers, seconds));
        }

        // options.BatchFinds: the concurrent finds of one shape in one statement, as Prisma's findUnique batches them.
        await using (var batched = new BatchedClients(pooled))
        {
            results.Add(await ThroughputResult.RunAsync("FindUnique", "Linq_Batched", () => batched.Linq.FindUserByEmailAsync(Workload.FindEmail), callers, seconds));
            results.Add(await ThroughputResult.RunAsync("FindUnique", "Linq_Batched_Prepared", () => batched.LinqPrepared.FindUserByEmailAsync(Workload.FindEmail), callers, seconds));
        }

        results.Add(await ThroughputResult.RunAsync("IncludePosts", "Npgsql", () => hand.UsersWithPostsAsync(), callers, seconds));
        results.Add(await ThroughputResult.RunAsync("IncludePosts", "Linq", () => linq.UsersWithPostsAsync(Workload.RelationUsers), callers, seconds));
        return results;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private string Render(List<CallTimings> calls, List<ThroughputResult> throughput, IReadOnlyDictionary<string, string>? versions, string serverVersion)
    {
        var text = new StringBuilder();
        text.AppendLine("## Side by side with Prisma 7 (Node)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"PostgreSQL {serverVersion}, one seeded database. Per call, one call at a time: at least {options.Warmup} warm-up calls and {CallTimings.MinWarmup.TotalSeconds} s, then up to {options.Iterations} timed calls (at most {options.MaxSeconds} s) per scenario and implementation; median (mean) in µs, the same harness in C# (`SideBySide/CallTimings.cs`) and Node (`benchmarks/prisma/bench.ts`).");
        text.AppendLine(options.Sequential
            ? "C# side: hand-written Npgsql's calls timed first, then Linq's (`--sbs-sequential 1`)."
            : string.Create(CultureInfo.InvariantCulture, $"C# side: hand-written Npgsql and Linq alternate call by call (order swapped every round), each warmed up for at least {options.Warmup} calls and {CallTimings.MinWarmup.TotalSeconds} s and until the JIT compiled nothing for {JitSettling.Quiet.TotalMilliseconds} ms (tier-1 code in place), so both see the same load and optimized code."));
        text.AppendLine(versions is null
            ? "Node side: not run (see the log)."
            : "Node side: " + string.Join(", ", versions.Select(v => $"{v.Key} {v.Value}")) + string.Create(CultureInfo.InvariantCulture, $". Prisma uses `@prisma/adapter-pg` over a pg pool (no Rust engine); `Prisma_Join` is `relationLoadStrategy: \"join\"` (preview `relationJoins`), `Prisma` the default (`query`: one statement per level). Each implementation warmed up for at least {options.Warmup} calls and {CallTimings.MinWarmup.TotalSeconds} s (V8's optimizing tiers)."));
        text.AppendLine();
        var implementations = new[] { "Linq", "Npgsql", "Prisma", "Prisma_Join", "node-pg" };
        text.AppendLine("| scenario | Linq | hand-written Npgsql | Prisma 7 | Prisma 7 (join) | node-pg | Linq ÷ Npgsql | Prisma ÷ node-pg | Prisma ÷ Linq |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (scenario, label) in Scenarios)
        {
            var cells = implementations.Select(i => calls.FirstOrDefault(c => c.Scenario == scenario && c.Implementation == i)).ToArray();
            text.Append(CultureInfo.InvariantCulture, $"| {label} |");
            foreach (var cell in cells)
            {
                text.Append(cell is null ? " – |" : string.Create(CultureInfo.InvariantCulture, $" {cell.MedianUs:0} ({cell.MeanUs:0}) |"));
            }

            text.AppendLine(CultureInfo.InvariantCulture, $" {Ratio(cells[0], cells[1])} | {Ratio(cells[2], cells[4])} | {Ratio(cells[2], cells[0])} |");
        }

        var extra = calls.Where(c => !implementations.Contains(c.Implementation)).ToList();
        if (extra.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Other variants: " + string.Join("; ", extra.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Scenario} {c.Implementation} {c.MedianUs:0} ({c.MeanUs:0}) µs"))) + ".");
        }

        if (throughput.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("### Throughput under concurrency");
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{options.Callers} concurrent callers for {options.ThroughputSeconds} s (after 1 s of warm-up), each client with a pool of {options.Callers} connections; C# callers are tasks on the thread pool, Node's are async loops on one event loop.");
            text.AppendLine();
            text.AppendLine("Client CPU: the benchmark process's CPU time (all threads) per operation; server CPU: all `postgres` processes' (from `/proc`) per operation; machine busy: both as a share of all cores. Where the machine is busy near 1.00, the server's CPU, not the client, limits operations per second.");
            text.AppendLine();
            text.AppendLine("| scenario | implementation | operations | ops/s | ÷ hand-written Npgsql | client CPU µs/op | server CPU µs/op | machine busy |");
            text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var row in throughput)
            {
                var floor = throughput.FirstOrDefault(t => t.Scenario == row.Scenario && t.Implementation == "Npgsql");
                var ratio = floor is null ? "n/a" : (row.OpsPerSecond / floor.OpsPerSecond).ToString("0.00", CultureInfo.InvariantCulture);
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {row.Scenario} | {row.Implementation} | {row.Operations} | {row.OpsPerSecond:0} | {ratio} | {Format(row.ClientCpuUsPerOp, "0.0")} | {Format(row.ServerCpuUsPerOp, "0.0")} | {Format(row.MachineBusy, "0.00")} |");
            }
        }

        return text.ToString();
    }

    private static string Format(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static string Ratio(CallTimings? a, CallTimings? b) =>
        a is null || b is null || b.MedianUs <= 0 ? "n/a" : (a.MedianUs / b.MedianUs).ToString("0.00", CultureInfo.InvariantCulture);
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Linq.Benchmarks.Competitors;
using Linq;
using Npgsql;

namespace Linq.Benchmarks.Profiling;

/// <summary>
/// Where the CPU of one operation goes under concurrency (<c>--cpu-split FILE [CALLERS]</c>): the client's (this
/// process's CPU time) and the server's (the CPU time of this database's backends, read from <c>/proc</c>), per
/// operation, with <c>CALLERS</c> concurrent callers. On a machine where client and server share the cores, the
/// throughput of a CPU-bound run is the cores divided by the sum of the two, so this tells which side a slower
/// variant loses on. The variants run in alternating rounds of two seconds each, so a change of load is shared.
/// </summary>
public static class CpuSplit
{
    private const int Rounds = 10;
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(2);

    public static async Task<string> RunAsync(int callers, IReadOnlyList<(string Name, Func<Task> Call)>? extra = null)
    {
        var set = await CompetitorSet.SharedAsync();
        var hand = set.HandWritten;
        var linq = set.Linq;
        var cases = new List<(string Name, Func<Task> Call)>
        {
            ("hand-written", () => hand.FindUserByEmailAsync(Workload.FindEmail)),
            ("Linq compiled", () => linq.FindUserByEmailCompiledAsync(Workload.FindEmail)),
            ("Linq FindUniqueAsync", () => linq.FindUserByEmailAsync(Workload.FindEmail)),
            // The executor alone (no plan cache, binder or generated materializer), with the hand-written statement and
            // with Linq's: the steps between hand-written and compiled, one at a time.
            ("executor, hand-written SQL", () => ExecutorAsync(set, HandSql)),
            ("executor, Linq SQL", () => ExecutorAsync(set, LinqSql)),
            ("executor, Linq SQL, bound parameter", () => ExecutorAsync(set, LinqSql, bound: true)),
        };
        cases.AddRange(extra ?? []);
        await using var prepared = new PreparedClients(set.Database.ConnectionString);
        cases.Add(("hand-written, auto-prepared", () => prepared.HandWritten.FindUserByEmailAsync(Workload.FindEmail)));
        cases.Add(("Linq compiled, PrepareStatements", () => prepared.Linq.FindUserByEmailCompiledAsync(Workload.FindEmail)));
        cases.Add(("Linq FindUniqueAsync, PrepareStatements", () => prepared.Linq.FindUserByEmailAsync(Workload.FindEmail)));
        if (Environment.GetEnvironmentVariable("LINQ_CPU_SPLIT_ONLY") is { Length: > 0 } only)
        {
            // One variant alone, e.g. under a CPU profiler that cannot tell the variants apart.
            cases.RemoveAll(c => !c.Name.Contains(only, StringComparison.OrdinalIgnoreCase));
        }

        await using var observer = NpgsqlDataSource.Create(set.Database.ConnectionString);
        foreach (var (_, call) in cases)
        {
            await RunPhaseAsync(call, callers, TimeSpan.FromSeconds(1));
        }

        var ops = new double[cases.Count];
        var client = new double[cases.Count];
        var server = new double[cases.Count];
        var process = Process.GetCurrentProcess();
        for (var round = 0; round < Rounds; round++)
        {
            for (var k = 0; k < cases.Count; k++)
            {
                var c = round % 2 == 0 ? k : cases.Count - 1 - k;
                var backends = await BackendsAsync(observer);
                var serverBefore = ServerTicks(backends);
                process.Refresh();
                var clientBefore = process.TotalProcessorTime;
                var count = await RunPhaseAsync(cases[c].Call, callers, Phase);
                process.Refresh();
                client[c] += (process.TotalProcessorTime - clientBefore).TotalMicroseconds;
                server[c] += (ServerTicks(backends) - serverBefore) * 1_000_000.0 / 100; // USER_HZ
                ops[c] += count;
            }
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{callers} callers, {Rounds} alternating rounds of {Phase.TotalSeconds:0} s per variant.");
        text.AppendLine();
        text.AppendLine("| variant | ops/s | client CPU µs/op | server CPU µs/op | total CPU µs/op |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        for (var c = 0; c < cases.Count; c++)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {cases[c].Name} | {ops[c] / (Rounds * Phase.TotalSeconds):0} | {client[c] / ops[c]:0.0} | {server[c] / ops[c]:0.0} | {(client[c] + server[c]) / ops[c]:0.0} |");
        }

        text.AppendLine();
        text.AppendLine("The statements as the server saw them (the last of each backend):");
        text.AppendLine();
        await using (var command = observer.CreateCommand("SELECT DISTINCT query FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                text.AppendLine("    " + reader.GetString(0).ReplaceLineEndings(" "));
            }
        }

        return text.ToString();
    }

    private const string HandSql = """SELECT "Id", "Email", "Name", "Role" FROM "User" WHERE "Email" = $1 LIMIT 1""";
    private const string LinqSql = """SELECT "t0"."Id", "t0"."Email", "t0"."Name", "t0"."Role" FROM "User" AS "t0" WHERE "t0"."Email" = $1 LIMIT 1""";

    // bound: the parameter as the binder makes it for a plan's value (known as object, with the column's store type).
    private static Task<Blog.Model.User?> ExecutorAsync(CompetitorSet set, string sql, bool bound = false) =>
        set.Database.Db.Executor.SingleAsync(Linq.Execution.OperationInfo.Of(LinqOperation.FindFirst), sql,
            [bound ? Linq.Execution.ParameterBinder.Instance.Bind<object>(Workload.FindEmail, "text") : new NpgsqlParameter<string> { TypedValue = Workload.FindEmail }], ReadUser, Linq.Execution.RowCardinality.FirstOrDefault, CancellationToken.None);

    private static Blog.Model.User? ReadUser(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetInt32(0),
        Email = reader.GetString(1),
        Name = reader.IsDBNull(2) ? null : reader.GetString(2),
        Role = reader.GetFieldValue<Blog.Model.Role>(3),
    };

    internal static async Task<long> RunPhaseAsync(Func<Task> call, int callers, TimeSpan length)
    {
        long count = 0;
        var until = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        var tasks = new Task[callers];
        for (var i = 0; i < callers; i++)
        {
            tasks[i] = Task.Run(async () =>
            {
                while (Stopwatch.GetTimestamp() < until)
                {
                    await call().ConfigureAwait(false);
                    Interlocked.Increment(ref count);
                }
            });
        }

        await Task.WhenAll(tasks);
        return count;
    }

    internal static async Task<List<int>> BackendsAsync(NpgsqlDataSource observer)
    {
        await using var command = observer.CreateCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        await using var reader = await command.ExecuteReaderAsync();
        var pids = new List<int>();
        while (await reader.ReadAsync())
        {
            pids.Add(reader.GetInt32(0));
        }

        return pids;
    }

    // utime + stime (fields 14 and 15 of /proc/PID/stat, counted after the parenthesised command name).
    internal static long ServerTicks(List<int> pids)
    {
        long ticks = 0;
        foreach (var pid in pids)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // A backend that ended (or one on another machine) counts nothing.
            }
        }

        return ticks;
    }
}

using System.Diagnostics;
using System.Globalization;
using Blog.Model;
using Linq;
using Linq.LocalPostgres;
using Npgsql;

namespace Linq.FirstQuery;

/// <summary>
/// The first query of a fresh process: how long from <c>Main</c> (and from the process start) until the first row,
/// and how much CPU the process used by then, for hand-written Npgsql and for this library running the same
/// filtered, ordered page with a projection.
/// </summary>
/// <remarks>
/// <c>FirstQuery [runs]</c> starts (or takes from <c>DATABASE_URL</c>) one PostgreSQL server, creates and seeds the
/// blog schema, then starts this program <c>runs</c> times per variant as new processes, alternating the variants so
/// both see the same machine load, and prints a Markdown table of the medians, then a one-line summary. A child
/// (<c>FirstQuery raw|linq|phases &lt;connection string&gt;</c>) runs the one query and prints its times. Process CPU
/// time (user + system, <see cref="Environment.CpuUsage"/>, microsecond resolution where <c>Process.TotalProcessorTime</c> counts 10 ms ticks) is the number to compare on a loaded machine: wall
/// time includes waiting for a core, CPU time does not (it does include the JIT's background threads).
/// </remarks>
public static class Program
{
    private const string Prefix = "first-";
    private const int PhaseRuns = 5;

    public static async Task<int> Main(string[] args)
    {
        var main = Stopwatch.StartNew();
        if (args is ["phases", var phasesConnectionString])
        {
            await PhasesAsync(phasesConnectionString, main);
            return 0;
        }

        if (args is [("raw" or "linq") and var child, var connectionString])
        {
            var rows = child == "raw" ? await RawAsync(connectionString) : await LinqAsync(connectionString);
            var cpu = Environment.CpuUsage.TotalTime.TotalMilliseconds;
            var sinceStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{child} {main.Elapsed.TotalMilliseconds:F1} {sinceStart:F1} {cpu:F1} {rows}"));
            return 0;
        }

        if (args is ["serve"])
        {
            // A diagnostic aid: a seeded server for running children by hand (e.g. under DOTNET_JitStdOutFile).
            await using var served = await PostgresServer.StartAsync("DATABASE_URL");
            await SeedAsync(served.ConnectionString);
            Console.WriteLine(served.ConnectionString);
            await Console.In.ReadLineAsync();
            return 0;
        }

        var runs = args is [var count] ? int.Parse(count, CultureInfo.InvariantCulture) : 10;
        await using var server = await PostgresServer.StartAsync("DATABASE_URL");
        await SeedAsync(server.ConnectionString);
        var results = new Dictionary<string, List<Sample>> { ["raw"] = [], ["linq"] = [] };
        for (var i = 0; i < runs; i++)
        {
            foreach (var variant in i % 2 == 0 ? new[] { "raw", "linq" } : ["linq", "raw"])
            {
                results[variant].Add(await ChildAsync(variant, server.ConnectionString));
            }
        }

        Console.WriteLine("| variant | runs | median from Main (ms) | min | max | median from process start (ms) | median CPU at first row (ms) | min CPU | max CPU |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (variant, samples) in results)
        {
            var fromMain = samples.Select(t => t.Main).Order().ToList();
            var cpu = samples.Select(t => t.Cpu).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {variant} | {samples.Count} | {Median(fromMain):F1} | {fromMain[0]:F1} | {fromMain[^1]:F1} | {Median(samples.Select(t => t.Process)):F1} | {Median(cpu):F1} | {cpu[0]:F1} | {cpu[^1]:F1} |"));
        }

        Console.WriteLine();
        var phases = new List<string[]>();
        for (var i = 0; i < PhaseRuns; i++)
        {
            phases.Add(await RunChildAsync("phases", server.ConnectionString));
        }

        PrintPhases(phases);
        Console.WriteLine();
        double MedianOf(string variant, Func<Sample, double> pick) => Median(results[variant].Select(pick));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SUMMARY runs={runs} | wall from Main: raw {MedianOf("raw", s => s.Main):F0} ms, linq {MedianOf("linq", s => s.Main):F0} ms, linq - raw {MedianOf("linq", s => s.Main) - MedianOf("raw", s => s.Main):F0} ms"
            + $" | CPU at first row: raw {MedianOf("raw", s => s.Cpu):F0} ms, linq {MedianOf("linq", s => s.Cpu):F0} ms, linq - raw {MedianOf("linq", s => s.Cpu) - MedianOf("raw", s => s.Cpu):F0} ms"
            + $" | load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        return 0;
    }

    /// <summary>The hand-written floor: a data source, one command, the first row.</summary>
    private static async Task<int> RawAsync(string connectionString)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand(
            """SELECT "Id", "Email", "Name" FROM "User" WHERE "Email" LIKE $1 ORDER BY "Id" LIMIT $2""");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Prefix + "%" });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = 10 });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            _ = (reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
            rows++;
        }

        return rows;
    }

    /// <summary>The same page through the library: a new client, the query translated, its shaper built, the rows read.</summary>
    private static async Task<int> LinqAsync(string connectionString)
    {
        using var db = new BlogDb(connectionString);
        var rows = await Page(db).ToListAsync();
        return rows.Count;
    }

    private static IQueryable<object> Page(BlogDb db) =>
        db.Users
            .Where(u => u.Email.StartsWith(Prefix))
            .OrderBy(u => u.Id)
            .Take(10)
            .Select(u => new { u.Id, u.Email, u.Name });

    /// <summary>
    /// Where the library's first query spends its time once Npgsql is warm: the raw query runs first (Npgsql's own
    /// start-up, paid by both variants), then each step of the library's first query, then a second, new shape.
    /// Prints <c>phase wall-ms cpu-ms</c> lines.
    /// </summary>
    private static async Task PhasesAsync(string connectionString, Stopwatch main)
    {
        var lines = new List<string>();
        var wall = main.Elapsed;
        var cpu = Environment.CpuUsage.TotalTime;
        void Mark(string phase)
        {
            var (nowWall, nowCpu) = (main.Elapsed, Environment.CpuUsage.TotalTime);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{phase} {(nowWall - wall).TotalMilliseconds:F1} {(nowCpu - cpu).TotalMilliseconds:F1}"));
            (wall, cpu) = (nowWall, nowCpu);
        }

        Mark("runtime-to-main");
        lines.Clear();
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"process-start-to-main {(DateTime.Now - Process.GetCurrentProcess().StartTime - main.Elapsed).TotalMilliseconds:F1} {cpu.TotalMilliseconds:F1}"));
        await RawAsync(connectionString);
        Mark("raw-npgsql-first-query");
        using var db = new BlogDb(connectionString);
        Mark("linq-new-client");
        var query = Page(db);
        Mark("linq-build-expression");
        _ = query.ToSql();
        Mark("linq-first-translation");
        var rows = await query.ToListAsync();
        Mark("linq-execute-to-rows");
        _ = db.Posts.Where(p => p.Title.Contains("a")).OrderByDescending(p => p.Id).Select(p => new { p.Id, p.Title }).ToSql();
        Mark("linq-second-new-shape-translation");
        for (var i = 0; i < 20; i++)
        {
            db.QueryCache.Clear();
            _ = Page(db).ToSql();
        }

        Mark("linq-warm-up-20-translations");
        const int Warm = 50;
        for (var i = 0; i < Warm; i++)
        {
            db.QueryCache.Clear();
            _ = Page(db).ToSql();
        }

        var (warmWall, warmCpu) = (main.Elapsed - wall, Environment.CpuUsage.TotalTime - cpu);
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"linq-warm-new-shape-translation-each {warmWall.TotalMilliseconds / Warm:F2} {warmCpu.TotalMilliseconds / Warm:F2}"));
        Console.WriteLine(string.Join('\n', lines));
        if (rows.Count != 10)
        {
            throw new InvalidOperationException($"Expected 10 rows, read {rows.Count}.");
        }
    }

    private static void PrintPhases(List<string[]> runs)
    {
        Console.WriteLine($"Phases of the library's first query after a raw Npgsql query in the same process (median of {runs.Count} fresh processes):");
        Console.WriteLine();
        Console.WriteLine("| phase | wall (ms) | CPU (ms) |");
        Console.WriteLine("| --- | ---: | ---: |");
        foreach (var phase in runs[0].Select(l => l.Split(' ')[0]))
        {
            var values = runs.Select(r => r.Single(l => l.StartsWith(phase + " ", StringComparison.Ordinal)).Split(' ')).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {phase} | {Median(values.Select(v => double.Parse(v[1], CultureInfo.InvariantCulture))):F1} | {Median(values.Select(v => double.Parse(v[2], CultureInfo.InvariantCulture))):F1} |"));
        }
    }

    private static async Task SeedAsync(string connectionString)
    {
        using var db = new BlogDb(connectionString);
        await db.Schema.PushAsync();
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand(
            $"""INSERT INTO "User" ("Email", "Name") SELECT '{Prefix}' || g || '@x.io', 'User ' || g FROM generate_series(1, 100) g ON CONFLICT DO NOTHING""");
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<Sample> ChildAsync(string variant, string connectionString)
    {
        var lines = await RunChildAsync(variant, connectionString);
        var parts = lines.Length == 1 ? lines[0].Split(' ') : [];
        if (parts is not [_, var main, var process, var cpu, "10"])
        {
            throw new InvalidOperationException($"The {variant} child printed: {string.Join('\n', lines)}");
        }

        return new Sample(Parse(main), Parse(process), Parse(cpu));
    }

    private static async Task<string[]> RunChildAsync(string variant, string connectionString)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Program).Assembly.Location);
        }

        start.ArgumentList.Add(variant);
        start.ArgumentList.Add(connectionString);
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The {variant} child failed ({child.ExitCode}): {output}");
        }

        return output.Trim().Split('\n');
    }

    private static double Parse(string value) => double.Parse(value, CultureInfo.InvariantCulture);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private readonly record struct Sample(double Main, double Process, double Cpu);
}

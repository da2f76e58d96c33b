using System.Diagnostics;
using System.Globalization;
using Blog.Model;
using Linq;
using Linq.LocalPostgres;
using Npgsql;

namespace Linq.FirstQuery;

/// <summary>
/// The first query of a fresh process: how long from <c>Main</c> (and from the process start) until the first row,
/// for hand-written Npgsql and for this library running the same filtered, ordered page with a projection.
/// </summary>
/// <remarks>
/// <c>FirstQuery [runs]</c> starts (or takes from <c>DATABASE_URL</c>) one PostgreSQL server, creates and seeds the
/// blog schema, then starts this program <c>runs</c> times per variant as new processes, alternating the variants so
/// both see the same machine load, and prints a Markdown table of the medians. A child (<c>FirstQuery raw|linq
/// &lt;connection string&gt;</c>) runs the one query and prints its two times.
/// </remarks>
public static class Program
{
    private const string Prefix = "first-";

    public static async Task<int> Main(string[] args)
    {
        var main = Stopwatch.StartNew();
        if (args is [("raw" or "linq") and var child, var connectionString])
        {
            var rows = child == "raw" ? await RawAsync(connectionString) : await LinqAsync(connectionString);
            var sinceStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{child} {main.Elapsed.TotalMilliseconds:F1} {sinceStart:F1} {rows}"));
            return 0;
        }

        var runs = args is [var count] ? int.Parse(count, CultureInfo.InvariantCulture) : 10;
        await using var server = await PostgresServer.StartAsync("DATABASE_URL");
        await SeedAsync(server.ConnectionString);
        var results = new Dictionary<string, List<(double Main, double Process)>> { ["raw"] = [], ["linq"] = [] };
        for (var i = 0; i < runs; i++)
        {
            foreach (var variant in i % 2 == 0 ? new[] { "raw", "linq" } : ["linq", "raw"])
            {
                results[variant].Add(await ChildAsync(variant, server.ConnectionString));
            }
        }

        Console.WriteLine($"| variant | runs | median from Main (ms) | min | max | median from process start (ms) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (variant, times) in results)
        {
            var fromMain = times.Select(t => t.Main).Order().ToList();
            var fromStart = times.Select(t => t.Process).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {variant} | {times.Count} | {Median(fromMain):F1} | {fromMain[0]:F1} | {fromMain[^1]:F1} | {Median(fromStart):F1} |"));
        }

        var overMain = Median(results["linq"].Select(t => t.Main).Order().ToList()) - Median(results["raw"].Select(t => t.Main).Order().ToList());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nLinq over raw Npgsql (median, from Main): {overMain:F1} ms"));
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
        var rows = await db.Users
            .Where(u => u.Email.StartsWith(Prefix))
            .OrderBy(u => u.Id)
            .Take(10)
            .Select(u => new { u.Id, u.Email, u.Name })
            .ToListAsync();
        return rows.Count;
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

    private static async Task<(double Main, double Process)> ChildAsync(string variant, string connectionString)
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
        var parts = output.Trim().Split(' ');
        if (child.ExitCode != 0 || parts is not [_, var main, var process, "10"])
        {
            throw new InvalidOperationException($"The {variant} child failed ({child.ExitCode}): {output}");
        }

        return (double.Parse(main, CultureInfo.InvariantCulture), double.Parse(process, CultureInfo.InvariantCulture));
    }

    private static double Median(List<double> sorted) => sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

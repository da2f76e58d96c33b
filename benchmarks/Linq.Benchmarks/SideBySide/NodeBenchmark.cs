using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace Linq.Benchmarks.SideBySide;

/// <summary>What <c>benchmarks/prisma/bench.ts</c> measured: per-call timings, throughput and the package versions.</summary>
public sealed record NodeResults(IReadOnlyList<CallTimings> Calls, IReadOnlyList<ThroughputResult> Throughput, IReadOnlyDictionary<string, string> Versions)
{
    /// <summary>
    /// Runs the Node script (Prisma 7 and hand-written node-pg) in <paramref name="prismaDirectory"/> against the
    /// database of <paramref name="connectionString"/> (handed over as libpq's <c>PG*</c> variables, which pg reads),
    /// with its output passed through, and reads the JSON it writes. Null (with the reason printed) when Node or the
    /// installed packages are missing or the script fails: the C# part of the side-by-side still stands.
    /// </summary>
    public static async Task<NodeResults?> RunAsync(string prismaDirectory, string connectionString, string[] scriptArguments)
    {
        prismaDirectory = Path.GetFullPath(prismaDirectory);
        var cli = Path.Combine(prismaDirectory, "node_modules", "tsx", "dist", "cli.mjs");
        if (!File.Exists(cli) || !File.Exists(Path.Combine(prismaDirectory, "generated", "client.ts")))
        {
            Console.WriteLine($"// Prisma: skipped, {prismaDirectory} has no node_modules or generated client (run npm ci and prisma generate there; benchmarks/run.sh does)");
            return null;
        }

        var json = Path.Combine(Path.GetTempPath(), $"linq-prisma-{Environment.ProcessId}.json");
        var start = new ProcessStartInfo("node") { WorkingDirectory = prismaDirectory, UseShellExecute = false };
        start.ArgumentList.Add(cli);
        start.ArgumentList.Add("bench.ts");
        foreach (var argument in scriptArguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--json");
        start.ArgumentList.Add(json);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        start.Environment.Remove("DATABASE_URL");
        start.Environment["PGHOST"] = builder.Host;
        start.Environment["PGPORT"] = builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = builder.Username;
        start.Environment["PGPASSWORD"] = builder.Password ?? "";
        start.Environment["PGDATABASE"] = builder.Database;
        try
        {
            using var process = Process.Start(start)!;
            await process.WaitForExitAsync();
            if (process.ExitCode != 0 || !File.Exists(json))
            {
                Console.WriteLine($"// Prisma: the Node script failed (exit code {process.ExitCode})");
                return null;
            }
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.WriteLine($"// Prisma: skipped, node could not be started ({e.Message})");
            return null;
        }

        try
        {
            return Parse(await File.ReadAllTextAsync(json));
        }
        finally
        {
            File.Delete(json);
        }
    }

    private static NodeResults Parse(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var calls = root.GetProperty("results").EnumerateArray()
            .Select(r => new CallTimings(
                r.GetProperty("scenario").GetString()!, r.GetProperty("implementation").GetString()!,
                r.GetProperty("medianUs").GetDouble(), r.GetProperty("meanUs").GetDouble(), r.GetProperty("p95Us").GetDouble(), r.GetProperty("calls").GetInt32()))
            .ToList();
        var throughput = root.GetProperty("throughput").EnumerateArray()
            .Select(r => new ThroughputResult(
                r.GetProperty("scenario").GetString()!, r.GetProperty("implementation").GetString()!,
                r.GetProperty("callers").GetInt32(), r.GetProperty("seconds").GetDouble(), r.GetProperty("operations").GetInt64(),
                Optional(r, "clientCpuUsPerOp"), Optional(r, "serverCpuUsPerOp")))
            .ToList();
        var versions = root.GetProperty("versions").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
        return new NodeResults(calls, throughput, versions);
    }

    private static double? Optional(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}

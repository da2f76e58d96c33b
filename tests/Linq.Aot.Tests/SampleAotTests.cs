using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Linq.LocalPostgres;
using Xunit.Abstractions;

namespace Linq.Aot.Tests;

/// <summary>
/// Publishes samples/Aot with NativeAOT (as a user would: <c>dotnet publish -r linux-x64</c>, PublishAot in its project,
/// warnings as errors) and runs the native program against a real PostgreSQL: it runs the guide's queries, writes and
/// transactions and checks every result, so exit code 0 means they all work compiled ahead of time.
/// </summary>
public sealed class SampleAotTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(25);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    // What may remain of the publish's warnings: Remotion.Linq's own, reported once per assembly (see samples/Aot/Aot.csproj).
    private static readonly Regex AllowedWarning = new(@"Remotion\.Linq\.dll : warning IL(2104|3053):", RegexOptions.CultureInvariant);

    [NativeAotFact]
    public async Task Sample_published_with_NativeAOT_runs_every_operation_correctly()
    {
        var root = FindRepositoryRoot();
        var work = Directory.CreateTempSubdirectory("linq-aot-");
        try
        {
            // An artifacts path of its own: the publish builds every project it needs there, away from the solution's outputs.
            var app = Path.Combine(work.FullName, "app");
            var publish = await RunAsync(DotNet(),
                ["publish", Path.Combine(root, "samples", "Aot", "Aot.csproj"), "-c", "Release", "-r", "linux-x64",
                    "--artifacts-path", Path.Combine(work.FullName, "artifacts"), "-o", app, "-nodeReuse:false", "-p:UseSharedCompilation=false"],
                new Dictionary<string, string>(), PublishTimeout);
            Assert.True(publish.ExitCode == 0, "dotnet publish failed:" + Environment.NewLine + Tail(publish.Output, 60));
            var warnings = publish.Output.Split('\n').Where(l => l.Contains(": warning ", StringComparison.Ordinal) && !AllowedWarning.IsMatch(l))
                .Select(l => l.Trim()).Distinct().ToList();
            Assert.True(warnings.Count == 0, "The NativeAOT publish warned:" + Environment.NewLine + string.Join(Environment.NewLine, warnings));

            await using var server = await PostgresServer.StartAsync("LINQ_TEST_DATABASE_URL");
            var database = "linq_aot_" + Guid.NewGuid().ToString("N")[..12];
            var connectionString = await server.CreateDatabaseAsync(database);
            try
            {
                var run = await RunAsync(Path.Combine(app, "Aot"), ["--iterations", "500"],
                    new Dictionary<string, string> { ["DATABASE_URL"] = connectionString }, RunTimeout);
                output.WriteLine(run.Output);
                Assert.True(run.ExitCode == 0, $"The native sample exited with {run.ExitCode}:{Environment.NewLine}{run.Output}");
                Assert.Contains("aot: NativeAOT", run.Output);
                Assert.Contains(" checks passed, 0 failed", run.Output);
            }
            finally
            {
                await server.DropDatabaseAsync(database);
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string[] arguments, Dictionary<string, string> environment,
        TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild settings must not leak into the nested build.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var text = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(text, e.Data);
        process.ErrorDataReceived += (_, e) => Append(text, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} did not finish in {timeout}:{Environment.NewLine}{Tail(Text(text), 40)}");
        }

        return (process.ExitCode, Text(text));
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is not null)
        {
            lock (text)
            {
                text.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    private static string Tail(string text, int lines) => string.Join(Environment.NewLine, text.Split('\n').TakeLast(lines));

    // The dotnet that runs this test (the test host is "dotnet testhost.dll").
    private static string DotNet() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
            : "dotnet";

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Linq.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No Linq.sln above " + AppContext.BaseDirectory);
    }
}

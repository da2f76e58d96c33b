using System.Diagnostics;
using System.Reflection;

namespace Linq.Cli.Tests.Infrastructure;

/// <summary>What a run of the tool printed and returned.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>Runs the built tool (src/Linq.Cli/bin/&lt;configuration&gt;) as a process, without a terminal on stdin.</summary>
internal static class Tool
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Configuration { get; } =
        typeof(Tool).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The tool's output folder: Linq.Cli.dll, and the Linq and Npgsql assemblies fixture projects compile against.</summary>
    public static string BinDirectory { get; } = Path.Combine(RepositoryRoot, "src", "Linq.Cli", "bin", Configuration, "net10.0");

    public static string GeneratorPath { get; } = Path.Combine(RepositoryRoot, "src", "Linq.Generators", "bin", Configuration, "netstandard2.0", "Linq.Generators.dll");

    public static async Task<ToolResult> RunAsync(string workingDirectory, IDictionary<string, string?> environment, params string[] arguments)
    {
        using var process = Start(workingDirectory, environment, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("linq " + string.Join(' ', arguments) + " did not finish in 4 minutes:\n" + await output + await error);
        }

        return new ToolResult(process.ExitCode, await output, await error);
    }

    /// <summary>Starts the tool; the caller reads its output and waits for it.</summary>
    public static Process Start(string workingDirectory, IDictionary<string, string?> environment, params string[] arguments)
    {
        // A test run started in the background by a non-interactive shell (`.ci/run &`, nohup) inherits SIGINT set to
        // "ignore", and .NET keeps an inherited ignore, so the Ctrl+C test could never reach the tool. coreutils' env
        // restores the default disposition and then executes dotnet in the same process (the pid stays the tool's).
        var start = new ProcessStartInfo(OperatingSystem.IsLinux() && File.Exists("/usr/bin/env") ? "/usr/bin/env" : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (start.FileName == "/usr/bin/env")
        {
            start.ArgumentList.Add("--default-signal=INT");
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(Path.Combine(BinDirectory, "Linq.Cli.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A clean environment for the URLs: only what the test gives.
        foreach (var name in new[] { "DATABASE_URL", "DIRECT_URL", "SHADOW_DATABASE_URL" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    private static string FindRoot()
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

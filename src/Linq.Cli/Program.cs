using System.CommandLine;
using Linq.Cli.Commands;

namespace Linq.Cli;

/// <summary>The <c>linq</c> tool's entry point.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = CliCommands.Create();
        var parse = root.Parse(args);

        // Ctrl+C cancels the command's token; the command then cleans up (drops its shadow database) before exiting.
        var configuration = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
        return await parse.InvokeAsync(configuration);
    }
}

using System.Diagnostics;
using Linq.Cli.Output;

namespace Linq.Cli.Commands;

/// <summary>Runs the seed command of the configuration through the system shell, in the configuration's folder.</summary>
internal static class Seed
{
    public static async Task<int> RunAsync(CommandContext context, bool required, CancellationToken cancellationToken)
    {
        var command = context.Config.Seed;
        if (string.IsNullOrWhiteSpace(command))
        {
            if (required)
            {
                throw new CliException("No seed command: set \"seed\" in linq.config.json, e.g. \"seed\": \"dotnet run --project tools/Seed\".");
            }

            return ExitCodes.Success;
        }

        context.Terminal.Line($"Running the seed command: {command}");
        var start = OperatingSystem.IsWindows()
            ? new ProcessStartInfo("cmd.exe") { ArgumentList = { "/c", command } }
            : new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", command } };
        start.UseShellExecute = false;
        start.WorkingDirectory = context.Config.BaseDirectory;
        using var process = Process.Start(start) ?? throw new CliException("Could not start the seed command.");
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new CliException($"The seed command failed with exit code {process.ExitCode}.");
        }

        context.Terminal.Line("Seed done.");
        return ExitCodes.Success;
    }
}

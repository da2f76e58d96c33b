using Linq.Cli.Output;
using Linq.LocalPostgres;

namespace Linq.Cli.Commands;

/// <summary>
/// <c>linq dev</c>: a persistent local PostgreSQL for development in <c>.linq/dev</c> of the project, like <c>prisma dev</c>.
/// Its URL carries a password generated for this cluster only, so printing it is harmless; no URL from the environment
/// is ever read or printed here.
/// </summary>
internal static class DevCommands
{
    public static async Task<int> StartAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var cluster = await OpenAsync(context, cancellationToken);
        var before = await cluster.StartAsync(cancellationToken);
        var where = CommandContext.Show(cluster.Directory);
        context.Terminal.Line(before switch
        {
            DevClusterState.Running => $"The development PostgreSQL is already running on port {cluster.Port} (data in {where}).",
            DevClusterState.Stopped => $"Started the development PostgreSQL on port {cluster.Port} (data kept in {where}).",
            _ => $"Created and started a development PostgreSQL on port {cluster.Port} (data in {where}, database \"{DevCluster.DatabaseName}\").",
        });
        PrintUrl(context, cluster);
        context.Terminal.Line("Stop it with 'linq dev stop'; its data stays in " + where + " (git-ignored) until you delete the folder.");
        return ExitCodes.Success;
    }

    public static async Task<int> StopAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var cluster = await OpenAsync(context, cancellationToken);
        var stopped = await cluster.StopAsync(cancellationToken);
        context.Terminal.Line(stopped
            ? $"Stopped the development PostgreSQL (data kept in {CommandContext.Show(cluster.Directory)})."
            : "The development PostgreSQL is not running.");
        return ExitCodes.Success;
    }

    /// <summary>Exits 0 only while the server runs, so scripts can test it.</summary>
    public static async Task<int> StatusAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var cluster = await OpenAsync(context, cancellationToken);
        var state = await cluster.StatusAsync(cancellationToken);
        var where = CommandContext.Show(cluster.Directory);
        switch (state)
        {
            case DevClusterState.Running:
                context.Terminal.Line($"running on port {cluster.Port} (data in {where})");
                PrintUrl(context, cluster);
                return ExitCodes.Success;
            case DevClusterState.Stopped:
                context.Terminal.Line($"stopped (data in {where}); start it with 'linq dev'");
                return ExitCodes.Failure;
            default:
                context.Terminal.Line($"not created: 'linq dev' creates it in {where}");
                return ExitCodes.Failure;
        }
    }

    private static void PrintUrl(CommandContext context, DevCluster cluster)
    {
        context.Terminal.Line($"DATABASE_URL=\"{cluster.DatabaseUrl}\"");
        context.Terminal.Line($"Use it with: export DATABASE_URL=\"{cluster.DatabaseUrl}\"");
    }

    private static async Task<DevCluster> OpenAsync(CommandContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await DevCluster.OpenAsync(Path.Combine(context.ProjectDirectory, ".linq", "dev"), cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException(ex.Message);
        }
    }
}

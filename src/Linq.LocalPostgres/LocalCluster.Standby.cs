using System.Globalization;
using Npgsql;

namespace Linq.LocalPostgres;

// A streaming replica of a local cluster, for read replica tests: pg_basebackup -R copies the primary and writes the
// standby's primary_conninfo, and the copy starts as a hot standby (read-only, replaying the primary's WAL). initdb's
// pg_hba already admits replication connections from 127.0.0.1, and wal_level=replica is the default.
internal sealed partial class LocalCluster
{
    private static readonly TimeSpan BaseBackupTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Creates and starts a hot standby streaming from this cluster, on a port of its own; the caller disposes it.</summary>
    public async Task<LocalCluster> StartStandbyAsync(CancellationToken cancellationToken)
    {
        var standby = new LocalCluster(_binaries, _runuser, CreateRootDirectory(_runuser is not null));
        ClusterJanitor.Register(standby);
        try
        {
            await standby.CopyFromAsync(this, cancellationToken).ConfigureAwait(false);
            return standby;
        }
        catch
        {
            standby.Dispose();
            throw;
        }
    }

    private async Task CopyFromAsync(LocalCluster primary, CancellationToken cancellationToken)
    {
        var password = new NpgsqlConnectionStringBuilder(primary.ConnectionString).Password!;

        // The standby's walreceiver reads the password from this file for as long as it runs (primary_conninfo names it).
        var passFile = Path.Combine(RootDirectory, "pgpass");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(passFile, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{primary.Port}:*:postgres:{password.Replace("\\", "\\\\").Replace(":", "\\:")}")
                .AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        if (_runuser is not null)
        {
            await SystemUser.ChownToPostgresAsync(RootDirectory, cancellationToken).ConfigureAwait(false);
        }

        var source = string.Create(CultureInfo.InvariantCulture, $"host=127.0.0.1 port={primary.Port} user=postgres passfile={passFile}");
        var (program, arguments) = Command(_runuser, Path.Combine(_binaries.Directory, "pg_basebackup"),
            ["-D", DataDirectory, "-d", source, "-R", "-X", "stream", "-c", "fast", "--no-sync"]);
        var result = await ProcessRunner.RunAsync(program, arguments, RootDirectory, BaseBackupTimeout, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"pg_basebackup from port {primary.Port} failed (exit code {result.ExitCode}): {result.Diagnostics}");
        }

        await StartServerAsync(cancellationToken).ConfigureAwait(false);
        ConnectionString = new NpgsqlConnectionStringBuilder(primary.ConnectionString) { Port = Port }.ConnectionString;
        await ServerProbe.WaitUntilAcceptingAsync(ConnectionString, null, cancellationToken).ConfigureAwait(false);
    }
}

using System.Globalization;
using Npgsql;

namespace Linq.LocalPostgres;

/// <summary>What <see cref="DevCluster.StatusAsync"/> found.</summary>
public enum DevClusterState
{
    /// <summary>No cluster in the folder yet: <see cref="DevCluster.StartAsync"/> creates one.</summary>
    NotCreated,

    /// <summary>The cluster exists and is stopped; its data is kept.</summary>
    Stopped,

    /// <summary>The server is running.</summary>
    Running,
}

/// <summary>
/// A persistent PostgreSQL for development (<c>linq dev</c>), kept in a folder of the project (<c>.linq/dev</c>): the data
/// directory, the server log, the port it listens on (127.0.0.1 only) and a generated password for the <c>postgres</c>
/// role, readable only by its owner. Unlike the throwaway clusters of tests, it survives the process that started it:
/// <see cref="StopAsync"/> stops it, and the next <see cref="StartAsync"/> finds its data again, on the same port.
/// </summary>
/// <remarks>The password is a local, generated one, never a credential from the environment, so printing it is harmless.</remarks>
public sealed class DevCluster
{
    /// <summary>The database the cluster creates for the application (the <c>postgres</c> database stays the maintenance one).</summary>
    public const string DatabaseName = "dev";

    private static readonly TimeSpan InitdbTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ServerTimeout = TimeSpan.FromSeconds(90);

    private readonly PostgresBinaries _binaries;
    private readonly string? _runuser;

    private DevCluster(string directory, PostgresBinaries binaries, string? runuser)
    {
        Directory = directory;
        _binaries = binaries;
        _runuser = runuser;
    }

    /// <summary>The cluster's folder (e.g. <c>&lt;project&gt;/.linq/dev</c>).</summary>
    public string Directory { get; }

    private string DataDirectory => Path.Combine(Directory, "data");

    private string LogFile => Path.Combine(Directory, "postgres.log");

    private string PortFile => Path.Combine(Directory, "port");

    private string PasswordFile => Path.Combine(Directory, "password");

    /// <summary>The port the server listens on, or null before the first start.</summary>
    public int? Port => File.Exists(PortFile) && int.TryParse(File.ReadAllText(PortFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;

    /// <summary>The <c>postgresql://</c> URL of the <see cref="DatabaseName"/> database, with the generated local password; null before the first start.</summary>
    public string? DatabaseUrl => Port is { } port && File.Exists(PasswordFile)
        ? $"postgresql://postgres:{File.ReadAllText(PasswordFile).Trim()}@127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/{DatabaseName}"
        : null;

    /// <summary>Opens the cluster kept in <paramref name="directory"/> (nothing is created until <see cref="StartAsync"/>).</summary>
    /// <exception cref="InvalidOperationException">No PostgreSQL installation was found, or (as root) no <c>postgres</c> user to run it as.</exception>
    public static async Task<DevCluster> OpenAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var binaries = PostgresBinaries.Find()
            ?? throw new InvalidOperationException(
                $"No PostgreSQL server installation found (looked for {PostgresBinaries.SearchDescription}). Install PostgreSQL (e.g. 'apt-get install postgresql'), "
                + "or point DATABASE_URL at a server you run yourself.");
        string? runuser = null;
        if (SystemUser.IsRoot)
        {
            runuser = SystemUser.FindRunuser()
                ?? throw new InvalidOperationException("Running as root, but 'runuser' was not found to start PostgreSQL as the postgres user.");
            if (!await SystemUser.PostgresUserExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException(
                    $"Running as root, but there is no '{SystemUser.PostgresUser}' user to run PostgreSQL as (PostgreSQL refuses to run as root). "
                    + "Create one (useradd --system postgres) or run as a normal user.");
            }
        }

        return new DevCluster(Path.GetFullPath(directory), binaries, runuser);
    }

    /// <summary>Whether the cluster exists and runs.</summary>
    public async Task<DevClusterState> StatusAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            return DevClusterState.NotCreated;
        }

        var result = await PgCtlAsync(["status", "-D", DataDirectory], cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 ? DevClusterState.Running : DevClusterState.Stopped;
    }

    /// <summary>
    /// Creates the cluster when there is none (initdb with a generated password, then the <see cref="DatabaseName"/>
    /// database) and starts it when it is not running. Returns the state it was in before.
    /// </summary>
    /// <exception cref="InvalidOperationException">initdb or pg_ctl failed; the message includes the server log's end.</exception>
    public async Task<DevClusterState> StartAsync(CancellationToken cancellationToken = default)
    {
        var before = await StatusAsync(cancellationToken).ConfigureAwait(false);
        if (before == DevClusterState.Running)
        {
            return before;
        }

        if (before == DevClusterState.NotCreated)
        {
            await CreateAsync(cancellationToken).ConfigureAwait(false);
        }

        await StartServerAsync(cancellationToken).ConfigureAwait(false);
        if (before == DevClusterState.NotCreated)
        {
            await CreateDatabaseAsync(cancellationToken).ConfigureAwait(false);
        }

        return before;
    }

    /// <summary>Stops the server (fast shutdown: sessions are disconnected, data is kept). False when it was not running.</summary>
    public async Task<bool> StopAsync(CancellationToken cancellationToken = default)
    {
        if (await StatusAsync(cancellationToken).ConfigureAwait(false) != DevClusterState.Running)
        {
            return false;
        }

        var result = await PgCtlAsync(["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"], cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"pg_ctl stop failed (exit code {result.ExitCode}): {result.Diagnostics}");
        }

        return true;
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        // PostgreSQL runs as the postgres user when we are root: it must be able to reach the folder.
        var parent = Path.GetDirectoryName(Directory)!;
        System.IO.Directory.CreateDirectory(parent);
        if (_runuser is not null && !SystemUser.IsReachableByOthers(parent))
        {
            throw new InvalidOperationException(
                $"PostgreSQL runs as the '{SystemUser.PostgresUser}' user (this process is root), and that user cannot reach {parent}: "
                + "one of its parent folders is not searchable by others. Run as a normal user, or keep the project under a folder others can enter.");
        }

        if (System.IO.Directory.Exists(Directory))
        {
            // A half-created cluster (initdb interrupted) is started over; a real one has PG_VERSION and never gets here.
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        System.IO.Directory.CreateDirectory(Directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var gitignore = Path.Combine(parent, ".gitignore");
        if (!File.Exists(gitignore))
        {
            // The folder holds a database and a password: never commit it.
            await File.WriteAllTextAsync(gitignore, "# Written by linq dev: local development data, never committed.\n*\n", cancellationToken).ConfigureAwait(false);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(PasswordFile, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteLineAsync(Secrets.NewPassword().AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(PortFile, LoopbackPort.Free().ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        if (_runuser is not null)
        {
            await SystemUser.ChownToPostgresAsync(Directory, cancellationToken).ConfigureAwait(false);
        }

        var initdb = await RunAsync(_binaries.Initdb,
        [
            "-D", DataDirectory,
            "-U", "postgres",
            "--pwfile=" + PasswordFile,
            "--auth=scram-sha-256",
            "--encoding=UTF8",
            "--lc-collate=C",
            "--lc-ctype=C.UTF-8",
            "--no-instructions",
        ], InitdbTimeout, cancellationToken).ConfigureAwait(false);
        if (!initdb.Succeeded)
        {
            throw new InvalidOperationException($"initdb failed for the development cluster in {Directory} (exit code {initdb.ExitCode}): {initdb.Diagnostics}");
        }
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = Port ?? LoopbackPort.Free();
            var logOffset = File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;
            var options = string.Join(' ',
                "-p " + port.ToString(CultureInfo.InvariantCulture),
                "-c listen_addresses=127.0.0.1",
                // TCP only: a socket path under the project folder could exceed the 107-byte limit.
                "-c unix_socket_directories=''");
            var result = await PgCtlAsync(["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", options], cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                return;
            }

            var log = LogTail.Read(LogFile, logOffset);
            var portTaken = log.Contains("could not bind", StringComparison.OrdinalIgnoreCase)
                || log.Contains("Address already in use", StringComparison.OrdinalIgnoreCase)
                || log.Contains("could not create any TCP/IP sockets", StringComparison.OrdinalIgnoreCase);
            if (portTaken && attempt < 3)
            {
                // Another program took the port since the last start: move to a free one (the new URL is printed).
                await File.WriteAllTextAsync(PortFile, LoopbackPort.Free().ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
                continue;
            }

            throw new InvalidOperationException(
                $"pg_ctl start failed for the development cluster in {Directory} on port {port} (exit code {result.ExitCode}): {result.Diagnostics}"
                + $"{Environment.NewLine}Server log:{Environment.NewLine}{log}");
        }
    }

    private async Task CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port!.Value,
            Username = "postgres",
            Password = File.ReadAllText(PasswordFile).Trim(),
            Database = "postgres",
            Pooling = false,
        };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task<ProcessResult> PgCtlAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(_binaries.PgCtl, arguments, ServerTimeout, cancellationToken);

    private Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_runuser is null)
        {
            return ProcessRunner.RunAsync(program, arguments, Directory, timeout, cancellationToken);
        }

        var wrapped = new List<string> { "-u", SystemUser.PostgresUser, "--", program };
        wrapped.AddRange(arguments);
        return ProcessRunner.RunAsync(_runuser, wrapped, Directory, timeout, cancellationToken);
    }
}

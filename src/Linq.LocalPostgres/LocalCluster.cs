using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Linq.LocalPostgres;

/// <summary>
/// A private throwaway PostgreSQL cluster in a temporary directory: initdb with a random password,
/// pg_ctl start on a free loopback port, and on dispose pg_ctl stop -m immediate plus removal of the
/// directory. When this process is root the programs run as the <c>postgres</c> user via runuser.
/// </summary>
internal sealed partial class LocalCluster : IServerBackend
{
    /// <summary>Prefix of the temporary directories, used to find stale ones.</summary>
    public const string DirectoryPrefix = "linq-pg-";

    /// <summary>Name of the file recording which process owns a cluster directory.</summary>
    public const string OwnerFileName = "owner";

    private const string DataDirectoryName = "data";
    private const string LogFileName = "postgres.log";
    private const int StartAttempts = 3;
    private static readonly TimeSpan InitdbTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly PostgresBinaries _binaries;
    private readonly string? _runuser;
    private int _disposed;

    private LocalCluster(PostgresBinaries binaries, string? runuser, string root)
    {
        _binaries = binaries;
        _runuser = runuser;
        RootDirectory = root;
    }

    /// <summary>The temporary directory holding the data directory, socket, log and owner file.</summary>
    public string RootDirectory { get; }

    /// <summary>The TCP port the server listens on (127.0.0.1 only).</summary>
    public int Port { get; private set; }

    /// <inheritdoc />
    public string ConnectionString { get; private set; } = string.Empty;

    /// <inheritdoc />
    public string Source => "local cluster at " + RootDirectory;

    private string DataDirectory => Path.Combine(RootDirectory, DataDirectoryName);

    private string LogFile => Path.Combine(RootDirectory, LogFileName);

    /// <summary>True when a PostgreSQL installation was found to build a local cluster from.</summary>
    public static bool BinariesAvailable => PostgresBinaries.Find() is not null;

    /// <summary>Creates, starts and verifies a new cluster; the caller disposes the result.</summary>
    public static async Task<LocalCluster> StartAsync(CancellationToken cancellationToken)
    {
        var binaries = PostgresBinaries.Find()
            ?? throw new InvalidOperationException(
                $"No PostgreSQL server installation found (looked for {PostgresBinaries.SearchDescription}). " +
                "Install PostgreSQL (e.g. 'apt-get install postgresql'), or set the database URL environment variable.");

        string? runuser = null;
        if (SystemUser.IsRoot)
        {
            runuser = SystemUser.FindRunuser()
                ?? throw new InvalidOperationException("Running as root, but 'runuser' was not found to start PostgreSQL as the postgres user.");
            if (!await SystemUser.PostgresUserExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException(
                    $"Running as root, but there is no '{SystemUser.PostgresUser}' user to run PostgreSQL as " +
                    "(PostgreSQL refuses to run as root). Create one, e.g. 'useradd --system postgres'.");
            }
        }

        ClusterJanitor.SweepStale(binaries, runuser);

        var cluster = new LocalCluster(binaries, runuser, CreateRootDirectory(runuser is not null));
        ClusterJanitor.Register(cluster);
        try
        {
            await cluster.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stops whatever server runs in <paramref name="root"/> and deletes the directory; never throws.
    /// Used on dispose, at process exit and for stale directories left by killed processes.
    /// </summary>
    public static void Destroy(string root, PostgresBinaries binaries, string? runuser)
    {
        var data = Path.Combine(root, DataDirectoryName);
        var pidFile = Path.Combine(data, "postmaster.pid");
        if (File.Exists(pidFile))
        {
            try
            {
                var (program, arguments) = Command(runuser, binaries.PgCtl, ["stop", "-D", data, "-m", "immediate", "-w", "-t", "20"]);
                ProcessRunner.Run(program, arguments, root, StopTimeout);
            }
            catch (InvalidOperationException)
            {
                // Fall through to killing the postmaster directly.
            }

            KillPostmaster(pidFile);
        }

        DeleteDirectory(root);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        ClusterJanitor.Unregister(this);
        Destroy(RootDirectory, _binaries, _runuser);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(Task.Run(Dispose));

    private static string CreateRootDirectory(bool forPostgresUser)
    {
        var baseDirectory = Path.GetTempPath();
        if (!IsSafePath(baseDirectory) || (forPostgresUser && !SystemUser.IsReachableByOthers(baseDirectory)))
        {
            // The directory goes into pg_ctl's -o string and the socket path (max ~107 bytes), and the
            // postgres user must be able to reach it; /tmp always works.
            baseDirectory = "/tmp";
        }

        var root = Path.Combine(baseDirectory, DirectoryPrefix + Secrets.NewToken());
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(root);
        }
        else
        {
            Directory.CreateDirectory(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using var self = Process.GetCurrentProcess();
        File.WriteAllText(
            Path.Combine(root, OwnerFileName),
            string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}\n{self.StartTime.ToUniversalTime().Ticks}\n"));
        return root;
    }

    private static bool IsSafePath(string path) =>
        path.Length <= 60 && path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-');

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var password = Secrets.NewPassword();
        var passwordFile = Path.Combine(RootDirectory, "pwfile");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(passwordFile, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteLineAsync(password.AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        if (_runuser is not null)
        {
            // Hand the whole directory, password file included, to the postgres user.
            await SystemUser.ChownToPostgresAsync(RootDirectory, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await RunInitdbAsync(passwordFile, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(passwordFile);
        }

        await StartServerAsync(cancellationToken).ConfigureAwait(false);

        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Password = password,
            Database = "postgres",
        }.ConnectionString;

        await ServerProbe.WaitUntilAcceptingAsync(ConnectionString, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunInitdbAsync(string passwordFile, CancellationToken cancellationToken)
    {
        var (program, arguments) = Command(_runuser, _binaries.Initdb,
        [
            "-D", DataDirectory,
            "-U", "postgres",
            "--pwfile=" + passwordFile,
            "--auth=scram-sha-256",
            "--encoding=UTF8",
            // Byte-order (code point) sorting, but Unicode-aware lower()/upper() and ILIKE, as on a typical UTF-8 server.
            "--lc-collate=C",
            "--lc-ctype=C.UTF-8",
            "--no-sync",
            "--no-instructions",
        ]);
        var result = await ProcessRunner.RunAsync(program, arguments, RootDirectory, InitdbTimeout, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"initdb failed for the local PostgreSQL cluster at {RootDirectory} (exit code {result.ExitCode}): {result.Diagnostics}");
        }
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPort.Free();
            var logOffset = File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;
            var (program, arguments) = Command(_runuser, _binaries.PgCtl,
                ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", ServerOptions(port), "start"]);
            var result = await ProcessRunner.RunAsync(program, arguments, RootDirectory, StartTimeout, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                Port = port;
                return;
            }

            var log = LogTail.Read(LogFile, logOffset);

            // A half-started postmaster must not linger before the next attempt or the error.
            StopQuietly();

            var portTaken = log.Contains("could not bind", StringComparison.OrdinalIgnoreCase)
                || log.Contains("Address already in use", StringComparison.OrdinalIgnoreCase)
                || log.Contains("could not create any TCP/IP sockets", StringComparison.OrdinalIgnoreCase);
            if (portTaken && attempt < StartAttempts)
            {
                continue;
            }

            throw new InvalidOperationException(
                $"pg_ctl start failed for the local PostgreSQL cluster at {RootDirectory} on port {port} " +
                $"(attempt {attempt}, exit code {result.ExitCode}): {result.Diagnostics}{Environment.NewLine}Server log:{Environment.NewLine}{log}");
        }
    }

    private string ServerOptions(int port) => string.Join(' ',
        "-p " + port.ToString(CultureInfo.InvariantCulture),
        "-c listen_addresses=127.0.0.1",
        $"-c unix_socket_directories='{RootDirectory}'",
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off",
        "-c max_connections=200");

    /// <summary>
    /// Stops the server with <c>pg_ctl stop -m <paramref name="mode"/></c> (<c>smart</c>, <c>fast</c> or <c>immediate</c>),
    /// keeping its data, so fault tests can take it away under load and bring it back with <see cref="StartAgainAsync"/>.
    /// </summary>
    public async Task StopAsync(string mode, CancellationToken cancellationToken)
    {
        var (program, arguments) = Command(_runuser, _binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", mode, "-w", "-t", "60"]);
        var result = await ProcessRunner.RunAsync(program, arguments, RootDirectory, StopTimeout, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"pg_ctl stop -m {mode} failed (exit code {result.ExitCode}): {result.Diagnostics}");
        }
    }

    /// <summary>Starts a server stopped by <see cref="StopAsync"/> again, on the same port, and waits until it accepts connections.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        var (program, arguments) = Command(_runuser, _binaries.PgCtl,
            ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", ServerOptions(Port), "start"]);
        var result = await ProcessRunner.RunAsync(program, arguments, RootDirectory, StartTimeout, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"pg_ctl start failed on port {Port} (exit code {result.ExitCode}): {result.Diagnostics}");
        }

        await ServerProbe.WaitUntilAcceptingAsync(ConnectionString, null, cancellationToken).ConfigureAwait(false);
    }

    private void StopQuietly()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return;
        }

        var (program, arguments) = Command(_runuser, _binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "20"]);
        ProcessRunner.Run(program, arguments, RootDirectory, StopTimeout);
        KillPostmaster(pidFile);
    }

    private static (string Program, IReadOnlyList<string> Arguments) Command(string? runuser, string program, IReadOnlyList<string> arguments)
    {
        if (runuser is null)
        {
            return (program, arguments);
        }

        var wrapped = new List<string> { "-u", SystemUser.PostgresUser, "--", program };
        wrapped.AddRange(arguments);
        return (runuser, wrapped);
    }

    private static void KillPostmaster(string pidFile)
    {
        try
        {
            if (!File.Exists(pidFile))
            {
                return;
            }

            var firstLine = File.ReadLines(pidFile).FirstOrDefault();
            if (int.TryParse(firstLine, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0)
            {
                using var postmaster = Process.GetProcessById(pid);
                if (IsPostmasterOf(pid, postmaster, Path.GetDirectoryName(pidFile)!))
                {
                    postmaster.Kill(entireProcessTree: true);
                    postmaster.WaitForExit(10_000);
                }
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException
            or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            // The postmaster is already gone, or cannot be touched: nothing more to do.
        }
    }

    private static bool IsPostmasterOf(int pid, Process process, string dataDirectory)
    {
        // A stale pid file may name a recycled pid: only kill a postgres process started for this data directory.
        var cmdline = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline";
        if (File.Exists(cmdline))
        {
            var arguments = File.ReadAllText(cmdline).Split('\0');
            return arguments.Length > 0
                && Path.GetFileName(arguments[0]).StartsWith("postgres", StringComparison.Ordinal)
                && arguments.Contains(dataDirectory, StringComparer.Ordinal);
        }

        return process.ProcessName.StartsWith("postgres", StringComparison.Ordinal);
    }

    private static void DeleteDirectory(string root)
    {
        for (var attempt = 0; attempt < 5 && Directory.Exists(root); attempt++)
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A dying server may still be removing files; try again shortly.
                Thread.Sleep(100);
            }
        }
    }
}

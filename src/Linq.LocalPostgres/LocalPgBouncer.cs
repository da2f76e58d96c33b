using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Linq.LocalPostgres;

/// <summary>
/// A private PgBouncer in transaction pooling mode in front of a local cluster, for tests of the client through a
/// pooler: its own ini file, userlist (SCRAM against the plaintext password) and loopback port in a temporary
/// directory. It runs as the <c>postgres</c> user when this process is root (PgBouncer refuses root, as PostgreSQL does),
/// in the foreground as a child process, killed with its directory on dispose or at process exit.
/// </summary>
internal sealed class LocalPgBouncer : IAsyncDisposable, IDisposable
{
    /// <summary>Prefix of the temporary directories.</summary>
    public const string DirectoryPrefix = "linq-pgbouncer-";

    private static readonly string[] Candidates = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer", "/usr/local/sbin/pgbouncer"];
    private readonly Process _process;
    private readonly string _root;
    private int _disposed;

    private LocalPgBouncer(Process process, string root, int port, string connectionString)
    {
        _process = process;
        _root = root;
        Port = port;
        ConnectionString = connectionString;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The loopback port PgBouncer listens on.</summary>
    public int Port { get; }

    /// <summary>Npgsql keyword connection string through PgBouncer (same user, password and database as the server's).</summary>
    public string ConnectionString { get; }

    /// <summary>The pgbouncer program, or null when it is not installed.</summary>
    public static string? FindProgram() =>
        Candidates.FirstOrDefault(File.Exists)
        ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "pgbouncer")).FirstOrDefault(File.Exists);

    /// <summary>Starts PgBouncer in front of the server of <paramref name="serverConnectionString"/> (a 127.0.0.1 TCP server).</summary>
    public static async Task<LocalPgBouncer> StartAsync(string serverConnectionString, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The local PgBouncer runs on Linux (the Debian pgbouncer package).");
        }

        var program = FindProgram()
            ?? throw new InvalidOperationException("pgbouncer is not installed (apt-get install pgbouncer); .ci/run installs it.");
        var server = new NpgsqlConnectionStringBuilder(serverConnectionString);
        var runuser = SystemUser.IsRoot
            ? SystemUser.FindRunuser() ?? throw new InvalidOperationException("Running as root, but 'runuser' was not found to start PgBouncer as the postgres user.")
            : null;

        var root = Path.Combine("/tmp", DirectoryPrefix + Secrets.NewToken());
        Directory.CreateDirectory(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var port = LoopbackPort.Free();
            var ini = Path.Combine(root, "pgbouncer.ini");
            var userlist = Path.Combine(root, "userlist.txt");
            await File.WriteAllTextAsync(userlist, $"\"{server.Username}\" \"{server.Password}\"\n", cancellationToken).ConfigureAwait(false);
            File.SetUnixFileMode(userlist, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await File.WriteAllTextAsync(ini, string.Create(CultureInfo.InvariantCulture, $"""
                [databases]
                * = host={server.Host} port={server.Port}

                [pgbouncer]
                listen_addr = 127.0.0.1
                listen_port = {port}
                unix_socket_dir =
                auth_type = scram-sha-256
                auth_file = {userlist}
                pool_mode = transaction
                max_client_conn = 200
                default_pool_size = 10
                logfile = {Path.Combine(root, "pgbouncer.log")}
                pidfile = {Path.Combine(root, "pgbouncer.pid")}

                """), cancellationToken).ConfigureAwait(false);
            if (runuser is not null)
            {
                await SystemUser.ChownToPostgresAsync(root, cancellationToken).ConfigureAwait(false);
            }

            var start = new ProcessStartInfo(runuser ?? program)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
                WorkingDirectory = root,
            };
            if (runuser is not null)
            {
                foreach (var argument in new[] { "-u", SystemUser.PostgresUser, "--", program })
                {
                    start.ArgumentList.Add(argument);
                }
            }

            start.ArgumentList.Add("-q");
            start.ArgumentList.Add(ini);
            var process = Process.Start(start) ?? throw new InvalidOperationException("pgbouncer did not start.");
            process.OutputDataReceived += static (_, _) => { };
            process.ErrorDataReceived += static (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var connectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Host = "127.0.0.1", Port = port }.ConnectionString;
            var bouncer = new LocalPgBouncer(process, root, port, connectionString);
            try
            {
                await bouncer.WaitUntilAcceptingAsync(cancellationToken).ConfigureAwait(false);
                return bouncer;
            }
            catch
            {
                bouncer.Dispose();
                throw;
            }
        }
        catch
        {
            // A started PgBouncer removed its directory when it was disposed; this is for failures before that.
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }

            throw;
        }
    }

    private Task WaitUntilAcceptingAsync(CancellationToken cancellationToken) =>
        ServerProbe.WaitUntilAcceptingAsync(ConnectionString, () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"pgbouncer exited with code {_process.ExitCode}: {ReadLog()}");
            }
        }, cancellationToken);

    /// <summary>The end of PgBouncer's log, for failure messages.</summary>
    public string ReadLog()
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(_root, "pgbouncer.log"));
            return text.Length > 4000 ? text[^4000..] : text;
        }
        catch (IOException)
        {
            return "(no pgbouncer log)";
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        try
        {
            if (!_process.HasExited)
            {
                // runuser and pgbouncer below it.
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a temporary directory.
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(Task.Run(Dispose));
}

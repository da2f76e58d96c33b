using Npgsql;

namespace Linq.LocalPostgres;

/// <summary>
/// A real PostgreSQL server for tests, samples and benchmarks. <see cref="StartAsync"/> picks, in order:
/// an existing server named by an environment variable; a Testcontainers container when a Docker engine
/// answers; or a private throwaway cluster built with the local PostgreSQL binaries (initdb and pg_ctl).
/// </summary>
/// <remarks>
/// Dispose the server when done: a container or local cluster is then stopped and removed, while a server
/// from the environment is left alone. Local clusters are also removed at process exit and on Ctrl+C, and
/// ones left behind by killed processes are cleaned up the next time a cluster starts.
/// </remarks>
public sealed class PostgresServer : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan DockerProbeTimeout = TimeSpan.FromSeconds(2);

    private readonly IServerBackend _backend;

    private PostgresServer(IServerBackend backend) => _backend = backend;

    /// <summary>
    /// Npgsql keyword connection string for the server's maintenance database (<c>postgres</c>, or the
    /// database named in the environment variable), including the password.
    /// </summary>
    public string ConnectionString => _backend.ConnectionString;

    /// <summary>
    /// Where the server comes from: <c>environment</c>, <c>testcontainers</c> or
    /// <c>local cluster at &lt;path&gt;</c>. Never contains a password.
    /// </summary>
    public string Source => _backend.Source;

    /// <summary>Provides a PostgreSQL server.</summary>
    /// <param name="urlEnvironmentVariable">
    /// Name of an environment variable (e.g. <c>LINQ_TEST_DATABASE_URL</c> or <c>DATABASE_URL</c>) that may
    /// hold a <c>postgresql://user:pass@host:port/db</c> URL or an Npgsql connection string. When it is set
    /// and not empty, that server is used and nothing is started.
    /// </param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it when done.</returns>
    /// <exception cref="InvalidOperationException">No server could be provided; the message says why.</exception>
    public static async Task<PostgresServer> StartAsync(string? urlEnvironmentVariable = null, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(urlEnvironmentVariable))
        {
            var value = Environment.GetEnvironmentVariable(urlEnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(value))
            {
                var connectionString = DatabaseUrlConverter.ToConnectionString(value, urlEnvironmentVariable);
                return new PostgresServer(new EnvironmentBackend(connectionString));
            }
        }

        if (await DockerProbe.IsAvailableAsync(DockerProbeTimeout, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                return new PostgresServer(await ContainerBackend.StartAsync(cancellationToken).ConfigureAwait(false));
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested && LocalCluster.BinariesAvailable)
            {
                // Docker answered but the container did not start (no image, no network, ...): a local
                // cluster still gives a working server.
            }
        }

        return new PostgresServer(await LocalCluster.StartAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Returns the connection string for <paramref name="database"/> on this server.</summary>
    /// <param name="database">The database name, unquoted.</param>
    public string ConnectionStringFor(string database)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;
    }

    /// <summary>Creates a database, optionally as a copy of <paramref name="template"/>.</summary>
    /// <param name="name">The new database's name, unquoted (it is quoted safely here).</param>
    /// <param name="template">
    /// A database to copy, unquoted, or null for the default. PostgreSQL requires that nobody is connected
    /// to the template; this method clears this process's idle Npgsql pool for it and retries briefly.
    /// </param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The connection string for the new database.</returns>
    public async Task<string> CreateDatabaseAsync(string name, string? template = null, CancellationToken cancellationToken = default)
    {
        var sql = "CREATE DATABASE " + SqlIdentifier.Quote(name, nameof(name));
        if (template is not null)
        {
            sql += " TEMPLATE " + SqlIdentifier.Quote(template, nameof(template));
            ClearPool(template);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(sql, cancellationToken).ConfigureAwait(false);
                return ConnectionStringFor(name);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && template is not null && attempt < 20)
            {
                // "source database is being accessed by other users": usually a connection that is just closing.
                ClearPool(template);
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Drops a database if it exists, disconnecting any sessions (<c>WITH (FORCE)</c>).</summary>
    /// <param name="name">The database name, unquoted.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        var sql = "DROP DATABASE IF EXISTS " + SqlIdentifier.Quote(name, nameof(name)) + " WITH (FORCE)";
        ClearPool(name);
        await ExecuteAsync(sql, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops and removes a server this instance started; a server from the environment is left alone.</summary>
    public ValueTask DisposeAsync() => _backend.DisposeAsync();

    /// <summary>Stops and removes a server this instance started; a server from the environment is left alone.</summary>
    public void Dispose() => _backend.Dispose();

    /// <inheritdoc />
    public override string ToString() => Source;

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        // An unpooled connection, so that no idle session lingers on the maintenance database.
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private void ClearPool(string database)
    {
        using var connection = new NpgsqlConnection(ConnectionStringFor(database));
        NpgsqlConnection.ClearPool(connection);
    }
}

using Linq.Cli.Configuration;
using Linq.Cli.Output;
using Npgsql;

namespace Linq.Cli.Database;

/// <summary>
/// A scratch database the migration history is replayed on: created on the dev database's server as
/// <c>linq_shadow_&lt;hex&gt;</c> and dropped on dispose (also after a failure or Ctrl+C), or, when the shadow URL
/// variable (<c>SHADOW_DATABASE_URL</c>) is set, that database, emptied before and after use.
/// </summary>
internal sealed class ShadowDatabase : IAsyncDisposable
{
    private readonly DatabaseTarget? _server;
    private bool _disposed;

    private ShadowDatabase(DatabaseTarget target, DatabaseTarget? server)
    {
        Target = target;
        _server = server;
        DataSource = target.CreateDataSource();
    }

    public DatabaseTarget Target { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Whether the database was created here (and is dropped on dispose).</summary>
    public bool Created => _server is not null;

    /// <summary>Provides a shadow database for <paramref name="server"/>'s server (or the configured shadow URL).</summary>
    public static async Task<ShadowDatabase> CreateAsync(DatabaseTarget? server, LinqConfig config, CancellationToken cancellationToken)
    {
        var variable = config.ShadowDatabaseUrlVariable;
        var given = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            var target = DatabaseTarget.Parse(given, variable);
            if (server is not null && SameDatabase(target, server))
            {
                throw new CliException($"{variable} names the same database as {server.Source}: the shadow database is emptied, so it must be a separate one.");
            }

            await SchemaReset.ResetAsync(target, cancellationToken);
            return new ShadowDatabase(target, null);
        }

        if (server is null)
        {
            throw new CliException($"A shadow database is needed to replay the migrations: set {variable}, or {config.DatabaseUrlVariable} so one can be created on that server.");
        }

        var name = "linq_shadow_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            // Not cancellable: once CREATE DATABASE is sent, the object below must exist so that dispose drops it.
            await using var connection = await server.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("CREATE DATABASE " + DatabaseTarget.Quote(name), connection);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new CliException($"Cannot create a shadow database on {server.Display} (permission denied): set {variable} to an empty database the tool may reset.");
        }

        var shadow = new ShadowDatabase(server.WithDatabase(name, "shadow"), server);
        try
        {
            // The dev URL's ?schema= names a schema that a new database does not have yet.
            await SchemaReset.EnsureSchemaAsync(shadow.Target, cancellationToken);
        }
        catch
        {
            await shadow.DisposeAsync();
            throw;
        }

        return shadow;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            if (_server is not null)
            {
                await using var connection = await _server.OpenAsync(timeout.Token);
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {DatabaseTarget.Quote(Target.Database)} WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync(timeout.Token);
            }
            else
            {
                await SchemaReset.ResetAsync(Target, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            Terminal.Console.Warn($"the shadow database {Target.Display} could not be {(_server is null ? "emptied" : "dropped")}: {ex.Message}");
        }
    }

    private static bool SameDatabase(DatabaseTarget a, DatabaseTarget b) =>
        string.Equals(a.Display, b.Display, StringComparison.OrdinalIgnoreCase);
}

using Linq.LocalPostgres;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Reliability;

/// <summary>
/// A private cluster of its own for the fault suite, which stops, restarts and starves it; the shared test server
/// is never touched. The test schema is pushed into a fresh database.
/// </summary>
public sealed class FaultCluster : IAsyncLifetime
{
    private LocalCluster? _cluster;

    internal LocalCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _cluster = await LocalCluster.StartAsync(CancellationToken.None);
        await using (var connection = new NpgsqlConnection(_cluster.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE DATABASE faults", connection);
            await command.ExecuteNonQueryAsync();

            // Test clusters acknowledge commits before their WAL is written (synchronous_commit=off, for speed); an
            // immediate stop then loses acknowledged commits, as a crash would. The ledger checks need real durability.
            await using var durable = new NpgsqlCommand("ALTER DATABASE faults SET synchronous_commit = on", connection);
            await durable.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_cluster.ConnectionString) { Database = "faults" }.ConnectionString;
        await using var db = new TestDb(ConnectionString);
        await db.Schema.PushAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>Terminates every backend of the fault database but the caller's (as pg_terminate_backend does in an incident).</summary>
    public async Task<int> TerminateBackendsAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = 'faults' AND pid <> pg_backend_pid()", connection);
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<List<string>> StringsAsync(string sql)
    {
        var values = new List<string>();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}

/// <summary>The fault suite's tests share one cluster and must not run at the same time (they stop it and fill its pool).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection : ICollectionFixture<FaultCluster>
{
    public const string Name = "faults";
}

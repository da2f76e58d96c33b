using Linq.LocalPostgres;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.ScaleOut;

/// <summary>
/// The servers of the scale-out tests, started once for the collection: a private primary with the test schema, a
/// streaming replica made from it with <c>pg_basebackup -R</c>, and a private PgBouncer (pool_mode=transaction) in
/// front of the primary. The shared test server is never touched: the replica tests stop their replica.
/// </summary>
public sealed class ScaleOutServers : IAsyncLifetime
{
    private LocalCluster? _primary;
    private LocalCluster? _replica;
    private LocalPgBouncer? _bouncer;

    internal LocalCluster Primary => _primary ?? throw new InvalidOperationException("Not started.");

    internal LocalCluster Replica => _replica ?? throw new InvalidOperationException("Not started.");

    internal LocalPgBouncer Bouncer => _bouncer ?? throw new InvalidOperationException("Not started.");

    /// <summary>The test database on the primary, directly.</summary>
    public string PrimaryUrl { get; private set; } = "";

    /// <summary>The same database on the replica.</summary>
    public string ReplicaUrl { get; private set; } = "";

    /// <summary>The same database through PgBouncer.</summary>
    public string BouncerUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _primary = await LocalCluster.StartAsync(CancellationToken.None);
        await using (var connection = new NpgsqlConnection(_primary.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE DATABASE scaleout", connection);
            await command.ExecuteNonQueryAsync();
        }

        PrimaryUrl = new NpgsqlConnectionStringBuilder(_primary.ConnectionString) { Database = "scaleout" }.ConnectionString;
        await using (var db = new TestDb(PrimaryUrl))
        {
            await db.Schema.PushAsync();
        }

        _replica = await _primary.StartStandbyAsync(CancellationToken.None);
        ReplicaUrl = new NpgsqlConnectionStringBuilder(_replica.ConnectionString) { Database = "scaleout" }.ConnectionString;
        _bouncer = await LocalPgBouncer.StartAsync(PrimaryUrl, CancellationToken.None);
        BouncerUrl = _bouncer.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_bouncer is not null)
        {
            await _bouncer.DisposeAsync();
        }

        if (_replica is not null)
        {
            await _replica.DisposeAsync();
        }

        if (_primary is not null)
        {
            await _primary.DisposeAsync();
        }
    }

    /// <summary>
    /// Waits until the replica has replayed everything the primary had written when this was called (its replay LSN
    /// reaches the primary's current WAL insert position): no blind sleep, and no longer than needed.
    /// </summary>
    public async Task WaitForReplayAsync()
    {
        // The insert position, not pg_current_wal_lsn() (the write position): with synchronous_commit=off a commit
        // can still sit in the WAL buffers, before the write position, when the client has its answer.
        var target = await ScalarAsync<string>(PrimaryUrl, "SELECT pg_current_wal_insert_lsn()::text");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await ScalarAsync<bool>(ReplicaUrl, $"SELECT coalesce(pg_last_wal_replay_lsn() >= '{target}'::pg_lsn, false)"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the replica did not replay " + target + " within 30 s");
            await Task.Delay(10);
        }
    }

    /// <summary>Stops WAL replay on the replica: from here it serves the data as of now, while the primary moves on.</summary>
    public Task PauseReplayAsync() => ScalarAsync<object>(ReplicaUrl, "SELECT pg_wal_replay_pause()::text");

    public Task ResumeReplayAsync() => ScalarAsync<object>(ReplicaUrl, "SELECT pg_wal_replay_resume()::text");

    /// <summary>One scalar with plain Npgsql, on a connection of its own.</summary>
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>The PgBouncer and read replica tests share one primary, replica and PgBouncer.</summary>
[CollectionDefinition(Name)]
public sealed class ScaleOutCollection : ICollectionFixture<ScaleOutServers>
{
    public const string Name = "scale-out";
}

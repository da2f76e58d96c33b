using Linq.Benchmarks.Competitors.Dapper;
using Linq.Benchmarks.Competitors.EfCore;
using Linq.Benchmarks.Competitors.HandWritten;
using Linq.Benchmarks.Competitors.Linq2Db;
using Linq.Benchmarks.Competitors.Ours;
using Linq.Benchmarks.Scenarios;

namespace Linq.Benchmarks.Competitors;

/// <summary>
/// Every implementation of the comparison over the shared seeded database, each with its own connection pool,
/// created once per process (like an application creates its clients once) and shared by the comparison scenarios.
/// </summary>
public sealed class CompetitorSet : IAsyncDisposable
{
    private static readonly Lock SharedLock = new();
    private static Task<CompetitorSet>? _shared;

    private CompetitorSet(BenchmarkDatabase database)
    {
        Database = database;
        HandWritten = new HandWrittenClient(database.ConnectionString);
        Dapper = new DapperClient(database.ConnectionString);
        EfCore = new EfCoreClient(database.ConnectionString);
        Linq2Db = new Linq2DbClient(database.ConnectionString);
        Linq = new LinqClient(database.Db);
    }

    public BenchmarkDatabase Database { get; }

    /// <summary>Hand-written SQL on Npgsql: the floor.</summary>
    public HandWrittenClient HandWritten { get; }

    public DapperClient Dapper { get; }

    public EfCoreClient EfCore { get; }

    public Linq2DbClient Linq2Db { get; }

    /// <summary>This project.</summary>
    public LinqClient Linq { get; }

    /// <summary>The set of this process, created on first use over <see cref="BenchmarkDatabase.SharedAsync"/>.</summary>
    public static Task<CompetitorSet> SharedAsync()
    {
        lock (SharedLock)
        {
            return _shared ??= CreateSharedAsync();
        }
    }

    /// <summary>Closes the pools of the shared set, if this process made one (before the database is dropped).</summary>
    public static async Task DisposeSharedAsync()
    {
        Task<CompetitorSet>? shared;
        lock (SharedLock)
        {
            (shared, _shared) = (_shared, null);
        }

        if (shared is { IsCompletedSuccessfully: true })
        {
            await shared.Result.DisposeAsync();
        }
    }

    private static async Task<CompetitorSet> CreateSharedAsync() => new(await BenchmarkDatabase.SharedAsync());

    public async ValueTask DisposeAsync()
    {
        await HandWritten.DisposeAsync();
        await Dapper.DisposeAsync();
        await Linq2Db.DisposeAsync();
        // EF Core's pool belongs to Npgsql's per-connection-string registry; the database's drop ends their sessions.
    }
}

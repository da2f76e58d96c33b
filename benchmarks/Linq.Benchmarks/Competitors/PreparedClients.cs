using Linq.Benchmarks.Competitors.HandWritten;
using Linq.Benchmarks.Competitors.Ours;
using Npgsql;
using M = Blog.Model;

namespace Linq.Benchmarks.Competitors;

/// <summary>
/// Hand-written Npgsql and this project with prepared statements, each with its own pool: hand-written with Npgsql's
/// automatic preparation in the connection string (<c>Max Auto Prepare=128;Auto Prepare Min Usages=2</c>), this project
/// with <see cref="LinqDatabaseOptions.PrepareStatements"/> (which sets the same two values on the pool it builds).
/// </summary>
public sealed class PreparedClients : IAsyncDisposable
{
    private readonly M.BlogDb _db;

    public PreparedClients(string connectionString)
    {
        var prepared = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 128, AutoPrepareMinUsages = 2 }.ConnectionString;
        HandWritten = new HandWrittenClient(prepared);
        _db = new M.BlogDb(new LinqDatabaseOptions().UseNpgsql(connectionString).UsePreparedStatements());
        Linq = new LinqClient(_db);
    }

    public HandWrittenClient HandWritten { get; }

    public LinqClient Linq { get; }

    public async ValueTask DisposeAsync()
    {
        await HandWritten.DisposeAsync();
        await _db.DisposeAsync();
    }
}

using Linq.Benchmarks.Competitors.Ours;
using M = Blog.Model;

namespace Linq.Benchmarks.Competitors;

/// <summary>
/// This project with <see cref="LinqDatabaseOptions.BatchFinds"/> (concurrent finds of one shape in one statement),
/// alone and with <see cref="LinqDatabaseOptions.PrepareStatements"/>, each client with its own pool.
/// </summary>
public sealed class BatchedClients : IAsyncDisposable
{
    private readonly M.BlogDb _batched;
    private readonly M.BlogDb _batchedPrepared;

    public BatchedClients(string connectionString)
    {
        _batched = new M.BlogDb(new LinqDatabaseOptions().UseNpgsql(connectionString).UseBatchedFinds());
        _batchedPrepared = new M.BlogDb(new LinqDatabaseOptions().UseNpgsql(connectionString).UseBatchedFinds().UsePreparedStatements());
        Linq = new LinqClient(_batched);
        LinqPrepared = new LinqClient(_batchedPrepared);
    }

    public LinqClient Linq { get; }

    public LinqClient LinqPrepared { get; }

    public async ValueTask DisposeAsync()
    {
        await _batched.DisposeAsync();
        await _batchedPrepared.DisposeAsync();
    }
}

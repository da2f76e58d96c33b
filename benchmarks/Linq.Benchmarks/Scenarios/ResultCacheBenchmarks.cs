using BenchmarkDotNet.Attributes;
using Blog.Model;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Linq.Benchmarks.Scenarios;

/// <summary>
/// A <c>.Cache(…)</c> hit against the same query uncached (the baseline), on a real PostgreSQL (see
/// <see cref="BenchmarkDatabase"/>) and the real HybridCache: 20 users with their posts. The hit still translates the
/// query (plan cache), binds its values, hashes the key and copies the list; it sends nothing to the server.
/// </summary>
[MemoryDiagnoser]
public class ResultCacheBenchmarks
{
    private BenchmarkDatabase _database = null!;
    private ServiceProvider _services = null!;
    private BlogDb _db = null!;
    private int _take = 20;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.SharedAsync();
        _services = new ServiceCollection().AddLinqResultCacheSerializer().AddHybridCache().Services.BuildServiceProvider();
        _db = new BlogDb(new LinqDatabaseOptions { ConnectionString = _database.ConnectionString }.UseResultCache(_services.GetRequiredService<HybridCache>()));
        var cached = await Cached();
        var uncached = await Uncached();
        if (cached.Count != uncached.Count || cached.Sum(u => u.Posts.Count) != uncached.Sum(u => u.Posts.Count))
        {
            throw new InvalidOperationException("The cached and the uncached query disagree.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _db.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<List<User>> Uncached()
    {
        var take = _take;
        return _db.Users.OrderBy(u => u.Id).Take(take).Include(u => u.Posts).ToListAsync();
    }

    [Benchmark]
    public Task<List<User>> Cached()
    {
        var take = _take;
        return _db.Users.OrderBy(u => u.Id).Take(take).Include(u => u.Posts).Cache(TimeSpan.FromMinutes(10)).ToListAsync();
    }

    // A scalar result: also kept in the distributed tier (none here), so a memory hit is what it costs.
    [Benchmark]
    public Task<int> CachedCount()
    {
        var take = _take;
        return _db.Users.Where(u => u.Id > take).Cache(TimeSpan.FromMinutes(10)).CountAsync();
    }
}

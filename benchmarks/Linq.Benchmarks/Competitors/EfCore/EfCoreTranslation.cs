namespace Linq.Benchmarks.Competitors.EfCore;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

/// <summary>
/// EF Core's query translation without I/O: <c>ToQueryString()</c> on the filtered page query (query cache lookup
/// or compilation, then SQL generation with the parameter values). The context uses a memory cache of its own so
/// that <see cref="ClearCache"/> forces a new compilation. No connection is opened.
/// </summary>
public sealed class EfCoreTranslation : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions());
    private readonly BenchEfContext _db;

    public EfCoreTranslation(string connectionString) =>
        _db = new BenchEfContext(EfCoreClient.Configure(new DbContextOptionsBuilder<BenchEfContext>(), connectionString).UseMemoryCache(_cache).Options);

    public string Translate(string prefix, int skip, int take) =>
        _db.Users.AsNoTracking()
            .Where(u => u.Email.StartsWith(prefix))
            .OrderBy(u => u.Id)
            .Skip(skip)
            .Take(take)
            .Select(u => new UserSummary { Id = u.Id, Email = u.Email, Name = u.Name })
            .ToQueryString();

    /// <summary>Forgets every compiled query (the next translation is a miss).</summary>
    public void ClearCache() => _cache.Clear();

    public void Dispose()
    {
        _db.Dispose();
        _cache.Dispose();
    }
}

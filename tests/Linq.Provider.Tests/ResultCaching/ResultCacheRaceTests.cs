using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Linq.Provider.Tests.ResultCaching;

/// <summary>
/// A cached read that started before a write committed and ends after the write's invalidation (a background
/// stale-while-revalidate refresh, or a miss) must not store its rows: they may predate the write. Made deterministic
/// with a hand-moved clock (staleness) and an interceptor that holds the read after its rows arrived until the write
/// has gone through; expected rows come from plain Npgsql.
/// </summary>
public sealed class ResultCacheRaceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];
    private ServiceProvider _services = null!;
    private TestDb _root = null!;
    private TaskCompletionSource? _readDone;
    private TaskCompletionSource? _release;

    public async Task InitializeAsync()
    {
        _services = new ServiceCollection()
            .AddHybridCache().Services
            .AddLinqDatabase<TestDb>(o =>
            {
                o.UseNpgsql(fixture.ConnectionString);
                o.ResultCacheTime = _clock;
            })
            .BuildServiceProvider();
        _root = _services.GetRequiredService<TestDb>();
        await _root.Users.CreateAsync(new() { Email = $"race-{_tag}-0@x.io" });
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    // A client whose list reads, once armed, stop after their rows arrived until the test releases them.
    private TestDb Held() => _root.WithExtensions(x => x.Intercept(async (context, next) =>
    {
        var result = await next();
        if (context.Operation == LinqOperation.FindMany && Interlocked.Exchange(ref _readDone, null) is { } readDone)
        {
            readDone.SetResult();
            await _release!.Task;
        }

        return result;
    }));

    private void Arm()
    {
        _readDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private Task<List<string>> Query(TestDb db) => db.Users.Where(u => u.Email.StartsWith("race-" + _tag)).OrderBy(u => u.Email).Select(u => u.Email)
        .Cache(TimeSpan.FromMinutes(1), staleWhileRevalidate: TimeSpan.FromMinutes(10)).ToListAsync();

    private Task<List<string>> ExpectedAsync() => PlainRows.ReadAsync(fixture.ConnectionString,
        $"SELECT \"Email\" FROM \"User\" WHERE \"Email\" LIKE 'race-{_tag}%' ORDER BY \"Email\" COLLATE \"C\"", r => r.Get<string>("Email"));

    [Fact]
    public async Task A_refresh_that_read_before_a_write_does_not_store_its_rows_after_the_invalidation()
    {
        var held = Held();
        var before = await Query(held);
        Assert.Equal(await ExpectedAsync(), before);
        _clock.Advance(TimeSpan.FromMinutes(2));

        var refreshed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _root.ResultCache!.RefreshFinished = key => refreshed.TrySetResult(key);
        Arm();
        var readDone = _readDone!.Task;
        // Past ttl: the stale list comes back and a refresh starts; it reads the rows and is held.
        Assert.Equal(before, await Query(held));
        await readDone;

        await _root.Users.CreateAsync(new() { Email = $"race-{_tag}-1@x.io" });
        _release!.SetResult();
        await refreshed.Task;

        var expected = await ExpectedAsync();
        Assert.Equal(2, expected.Count);
        Assert.Equal(expected, await Query(_root));
    }

    [Fact]
    public async Task A_miss_that_read_before_a_write_returns_its_rows_but_does_not_store_them()
    {
        var held = Held();
        var before = await ExpectedAsync();
        Arm();
        var readDone = _readDone!.Task;
        var miss = Query(held);
        await readDone;

        await _root.Users.CreateAsync(new() { Email = $"race-{_tag}-1@x.io" });
        _release!.SetResult();
        Assert.Equal(before, await miss);

        var expected = await ExpectedAsync();
        Assert.Equal(before.Count + 1, expected.Count);
        Assert.Equal(expected, await Query(_root));
    }
}

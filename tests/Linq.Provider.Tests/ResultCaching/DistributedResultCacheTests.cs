using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Linq.Provider.Tests.ResultCaching;

/// <summary>
/// The result cache's distributed tier against a real Redis (a private redis-server) through
/// Microsoft.Extensions.Caching.StackExchangeRedis: two clients, each with its own HybridCache (its own memory), over
/// one Redis. What client A stored, client B reads without PostgreSQL: proven by deleting or changing the rows with
/// plain Npgsql behind the cache's back, after which B still sees the values A cached (read before with plain Npgsql).
/// </summary>
public sealed class DistributedResultCacheTests(DatabaseFixture fixture, RedisServer redis) : IClassFixture<DatabaseFixture>, IClassFixture<RedisServer>, IAsyncLifetime
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];
    private readonly List<ServiceProvider> _providers = [];

    public async Task InitializeAsync()
    {
        var a = Client();
        var samples = new List<TypeSampleCreateInput>
        {
            Sample(0, s =>
            {
                s.Int = int.MinValue; s.Long = long.MinValue; s.Short = short.MinValue; s.Decimal = 1.500m; s.Double = double.NaN; s.Float = -0.0f;
                s.Timestamp = new DateTime(2024, 2, 29, 1, 2, 3, DateTimeKind.Utc).AddTicks(10); s.Offset = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);
                s.Date = new DateOnly(1, 1, 2); s.Time = new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(9_999_990)); s.Bytes = [0, 255];
            }),
            Sample(1, s =>
            {
                s.Int = int.MaxValue; s.Long = long.MaxValue; s.Short = short.MaxValue; s.Decimal = -0.000000001m; s.Double = -0.0; s.Float = float.PositiveInfinity;
                s.IntN = 0; s.LongN = -1; s.ShortN = 7; s.BoolN = false; s.TextN = "ü€😀 '\"\\"; s.DecimalN = 12345678901234567890.1234567890m; s.DoubleN = double.NegativeInfinity;
                s.FloatN = float.Epsilon; s.GuidN = Guid.NewGuid(); s.TimestampN = new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Utc); s.OffsetN = DateTimeOffset.UnixEpoch;
                s.DateN = new DateOnly(9999, 12, 30); s.TimeN = TimeOnly.MinValue; s.BytesN = [];
            }),
            Sample(2, s => { s.Double = double.Epsilon; s.Float = float.MaxValue; s.Decimal = 79228162514264337593543950335m; s.DoubleN = 1e308; }),
        };
        await a.TypeSamples.CreateManyAsync(samples);
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }

    private TypeSampleCreateInput Sample(int i, Action<TypeSampleCreateInput> set)
    {
        var sample = new TypeSampleCreateInput
        {
            Text = $"l2-{_tag}-{i}", Tags = [], Numbers = [], Bytes = [], Json = JsonDocument.Parse("{}"), Element = JsonDocument.Parse("1").RootElement,
            Int = i, Long = i, Short = 1, Bool = true, Decimal = i, Double = i, Float = i, Guid = Guid.NewGuid(), Timestamp = DateTime.UnixEpoch,
            Offset = DateTimeOffset.UnixEpoch, Date = new DateOnly(2000, 1, 1), Time = TimeOnly.MinValue, Mood = Mood.Sad,
        };
        set(sample);
        return sample;
    }

    // A client with its own HybridCache (its own memory tier) over the shared Redis; keys are prefixed per test.
    private TestDb Client(TimeSpan? localExpiration = null, TimeProvider? clock = null)
    {
        var provider = new ServiceCollection()
            .AddStackExchangeRedisCache(o =>
            {
                o.Configuration = redis.Configuration;
                o.InstanceName = _tag + ":";
            })
            .AddHybridCache().Services
            .AddLinqDatabase<TestDb>(o =>
            {
                o.UseNpgsql(fixture.ConnectionString);
                o.ResultCacheLocalExpiration = localExpiration;
                if (clock is not null)
                {
                    o.ResultCacheTime = clock;
                }
            })
            .BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<TestDb>();
    }

    private IQueryable<TypeSample> Mine(TestDb db) => db.TypeSamples.Where(t => t.Text.StartsWith("l2-" + _tag)).OrderBy(t => t.Id);

    private async Task<List<string>> Cached<T>(TestDb db, Expression<Func<TypeSample, T>> column) =>
        [.. (await Mine(db).Select(column).Cache(Long).ToListAsync()).Select(v => Exact(v))];

    private async Task<List<string>> Plain<T>(string column)
    {
        await using var source = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = source.CreateCommand($"SELECT \"{column}\" FROM \"TypeSample\" WHERE \"Text\" LIKE 'l2-{_tag}%' ORDER BY \"Id\"");
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(Exact(reader.IsDBNull(0) ? default : reader.GetFieldValue<T>(0)));
        }

        return values;
    }

    // Every bit that matters: a double's sign of zero and NaN, a decimal's scale, a DateTime's Kind, an offset.
    private static string Exact(object? value) => value switch
    {
        null => "null",
        double d => "d:" + BitConverter.DoubleToInt64Bits(d).ToString(CultureInfo.InvariantCulture),
        float f => "f:" + BitConverter.SingleToInt32Bits(f).ToString(CultureInfo.InvariantCulture),
        decimal m => "m:" + m.ToString(CultureInfo.InvariantCulture),
        DateTime t => "t:" + t.Ticks.ToString(CultureInfo.InvariantCulture) + "/" + t.Kind,
        DateTimeOffset o => "o:" + o.Ticks.ToString(CultureInfo.InvariantCulture) + "/" + o.Offset,
        byte[] b => "b:" + Convert.ToHexString(b),
        IFormattable f => value.GetType().Name + ":" + f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.GetType().Name + ":" + value,
    };

    private Task DeleteMineWithPlainNpgsqlAsync() =>
        PlainRows.ScalarAsync<long>(fixture.ConnectionString, $"WITH d AS (DELETE FROM \"TypeSample\" WHERE \"Text\" LIKE 'l2-{_tag}%' RETURNING 1) SELECT count(*) FROM d");

    [Fact]
    public async Task Every_scalar_type_comes_back_exactly_from_another_clients_entry()
    {
        var a = Client();
        var b = Client();
        var checks = new (Func<TestDb, Task<List<string>>> Cached, Func<Task<List<string>>> Plain)[]
        {
            (db => Cached(db, t => t.Int), () => Plain<int>("Int")),
            (db => Cached(db, t => t.IntN), () => Plain<int?>("IntN")),
            (db => Cached(db, t => t.Long), () => Plain<long>("Long")),
            (db => Cached(db, t => t.LongN), () => Plain<long?>("LongN")),
            (db => Cached(db, t => t.Short), () => Plain<short>("Short")),
            (db => Cached(db, t => t.ShortN), () => Plain<short?>("ShortN")),
            (db => Cached(db, t => t.Bool), () => Plain<bool>("Bool")),
            (db => Cached(db, t => t.BoolN), () => Plain<bool?>("BoolN")),
            (db => Cached(db, t => t.Text), () => Plain<string>("Text")),
            (db => Cached(db, t => t.TextN), () => Plain<string>("TextN")),
            (db => Cached(db, t => t.Decimal), () => Plain<decimal>("Decimal")),
            (db => Cached(db, t => t.DecimalN), () => Plain<decimal?>("DecimalN")),
            (db => Cached(db, t => t.Double), () => Plain<double>("Double")),
            (db => Cached(db, t => t.DoubleN), () => Plain<double?>("DoubleN")),
            (db => Cached(db, t => t.Float), () => Plain<float>("Float")),
            (db => Cached(db, t => t.FloatN), () => Plain<float?>("FloatN")),
            (db => Cached(db, t => t.Guid), () => Plain<Guid>("Guid")),
            (db => Cached(db, t => t.GuidN), () => Plain<Guid?>("GuidN")),
            (db => Cached(db, t => t.Timestamp), () => Plain<DateTime>("Timestamp")),
            (db => Cached(db, t => t.TimestampN), () => Plain<DateTime?>("TimestampN")),
            (db => Cached(db, t => t.Offset), () => Plain<DateTimeOffset>("Offset")),
            (db => Cached(db, t => t.OffsetN), () => Plain<DateTimeOffset?>("OffsetN")),
            (db => Cached(db, t => t.Date), () => Plain<DateOnly>("Date")),
            (db => Cached(db, t => t.DateN), () => Plain<DateOnly?>("DateN")),
            (db => Cached(db, t => t.Time), () => Plain<TimeOnly>("Time")),
            (db => Cached(db, t => t.TimeN), () => Plain<TimeOnly?>("TimeN")),
            (db => Cached(db, t => t.Bytes), () => Plain<byte[]>("Bytes")),
            (db => Cached(db, t => t.BytesN), () => Plain<byte[]>("BytesN")),
            // Single results: aggregates, Any, Count, a scalar First.
            (async db => [Exact(await Mine(db).Cache(Long).CountAsync())], async () => [Exact((int)await PlainRows.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM \"TypeSample\" WHERE \"Text\" LIKE 'l2-{_tag}%'"))]),
            (async db => [Exact(await Mine(db).Cache(Long).AnyAsync(t => t.IntN == 0))], () => Task.FromResult(new List<string> { Exact(true) })),
            (async db => [Exact(await Mine(db).Cache(Long).SumAsync(t => t.DecimalN))], async () => [Exact(await PlainRows.ScalarAsync<decimal>(fixture.ConnectionString, $"SELECT sum(\"DecimalN\") FROM \"TypeSample\" WHERE \"Text\" LIKE 'l2-{_tag}%'"))]),
            (async db => [Exact(await Mine(db).Cache(Long).MaxAsync(t => t.Timestamp))], async () => [Exact(await PlainRows.ScalarAsync<DateTime>(fixture.ConnectionString, $"SELECT max(\"Timestamp\") FROM \"TypeSample\" WHERE \"Text\" LIKE 'l2-{_tag}%'"))]),
            (async db => [Exact(await Mine(db).Select(t => t.Guid).Cache(Long).FirstAsync())], async () => (await Plain<Guid>("Guid")).Take(1).ToList()),
            (async db => [Exact(await Mine(db).Select(t => t.TextN).Cache(Long).FirstOrDefaultAsync())], async () => (await Plain<string>("TextN")).Take(1).ToList()),
        };

        var expected = new List<List<string>>();
        foreach (var check in checks)
        {
            expected.Add(await check.Plain());
            Assert.Equal(expected[^1], await check.Cached(a));
        }

        await DeleteMineWithPlainNpgsqlAsync();
        Assert.Empty(await Plain<int>("Int"));
        for (var i = 0; i < checks.Length; i++)
        {
            Assert.Equal(expected[i], await checks[i].Cached(b));
        }
    }

    [Fact]
    public async Task A_write_through_one_client_makes_every_client_read_again()
    {
        var a = Client();
        var b = Client();
        var count = () => Mine(b).Cache(Long).CountAsync();
        Assert.Equal(3, await Mine(a).Cache(Long).CountAsync());

        // Behind the cache's back: B still gets A's entry.
        await PlainRows.ScalarAsync<long>(fixture.ConnectionString, $"WITH d AS (DELETE FROM \"TypeSample\" WHERE \"Text\" = 'l2-{_tag}-2' RETURNING 1) SELECT count(*) FROM d");
        Assert.Equal(3, await Mine(Client()).Cache(Long).CountAsync());

        // A write through A (to the same table) moves the table's version: B, which has no copy in memory, reads again
        // (two rows more: the stale entry would say 3, the table has 2 + 2).
        await a.TypeSamples.CreateManyAsync([Sample(3, _ => { }), Sample(4, _ => { })]);
        var plain = await PlainRows.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM \"TypeSample\" WHERE \"Text\" LIKE 'l2-{_tag}%'");
        Assert.Equal(4, plain);
        Assert.Equal(plain, await count());

        // A write through B: a client with an empty memory tier sees it too.
        await b.TypeSamples.CreateAsync(Sample(5, _ => { }));
        Assert.Equal(5, await Mine(Client()).Cache(Long).CountAsync());
    }

    [Fact]
    public async Task A_memory_copy_lives_at_most_the_local_expiration_then_the_versions_are_checked()
    {
        var a = Client();
        var b = Client(localExpiration: TimeSpan.FromMilliseconds(200));
        Assert.Equal(3, await Mine(b).Cache(Long).CountAsync());
        await a.TypeSamples.CreateAsync(Sample(3, _ => { }));

        // B's memory copy predates A's write (no backplane reaches it) until the local expiration ends.
        await Task.Delay(400);
        Assert.Equal(4, await Mine(b).Cache(Long).CountAsync());
    }

    [Fact]
    public async Task Different_values_never_share_an_entry_across_clients()
    {
        var a = Client();
        var b = Client();
        var expected = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var text = $"l2-{_tag}-{i}";
            Assert.Equal(i == 0 ? int.MinValue : i == 1 ? int.MaxValue : 2, await a.TypeSamples.Where(t => t.Text == text).Select(t => t.Int).Cache(Long).SingleAsync());
        }

        await DeleteMineWithPlainNpgsqlAsync();
        for (var i = 0; i < 3; i++)
        {
            var text = $"l2-{_tag}-{i}";
            Assert.Equal(i == 0 ? int.MinValue : i == 1 ? int.MaxValue : 2, await b.TypeSamples.Where(t => t.Text == text).Select(t => t.Int).Cache(Long).SingleAsync());
        }

        // A value never cached is read from PostgreSQL (the rows are gone).
        Assert.Equal(0, await b.TypeSamples.Where(t => t.Text == $"l2-{_tag}-3").Cache(Long).CountAsync());
    }

    [Fact]
    public async Task A_stale_distributed_entry_is_served_and_refreshed_for_every_client()
    {
        var clock = new ManualClock();
        var a = Client(clock: clock);
        var query = (TestDb db) => Mine(db).Select(t => t.Int).Cache(TimeSpan.FromMinutes(1), staleWhileRevalidate: TimeSpan.FromMinutes(10)).ToListAsync();
        var before = await query(a);
        await PlainRows.ScalarAsync<long>(fixture.ConnectionString, $"WITH d AS (DELETE FROM \"TypeSample\" WHERE \"Text\" = 'l2-{_tag}-2' RETURNING 1) SELECT count(*) FROM d");
        var after = (await Plain<int>("Int")).Count;
        Assert.Equal(before.Count - 1, after);

        // B's clock is two minutes on: the entry A stored is past its ttl: B gets it at once and refreshes it.
        var late = new ManualClock();
        late.Advance(TimeSpan.FromMinutes(2));
        var b = Client(clock: late);
        var refreshed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        b.ResultCache!.RefreshFinished = _ => refreshed.TrySetResult();
        Assert.Equal(before, await query(b));
        await refreshed.Task;

        // A third client (empty memory) reads the refreshed distributed entry.
        Assert.Equal(after, (await query(Client(clock: clock))).Count);
    }

    [Fact]
    public async Task Models_and_projections_stay_in_memory_only()
    {
        var a = Client();
        var b = Client();
        Assert.Equal(3, (await Mine(a).Cache(Long).ToListAsync()).Count);
        Assert.Equal(3, (await Mine(a).Select(t => new { t.Id, t.Int }).Cache(Long).ToListAsync()).Count);
        await DeleteMineWithPlainNpgsqlAsync();
        Assert.Equal(3, (await Mine(a).Cache(Long).ToListAsync()).Count);
        Assert.Empty(await Mine(b).Cache(Long).ToListAsync());
        Assert.Empty(await Mine(b).Select(t => new { t.Id, t.Int }).Cache(Long).ToListAsync());
    }
}

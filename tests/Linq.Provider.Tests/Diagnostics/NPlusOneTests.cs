using System.Diagnostics;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Linq.Provider.Tests.Diagnostics;

/// <summary>
/// The N+1 detector: statements of one shape with different values, repeated in one scope (explicit, or the root
/// activity), warn once with the calling code; Include, LoadStrategy.Query and a short loop do not.
/// </summary>
public sealed class NPlusOneTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const int Authors = 20;
    private readonly LogCapture _capture = new();
    private List<int> _ids = [];

    public async Task InitializeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < Authors; i++)
        {
            var user = await fixture.Db.Users.CreateAsync(new() { Email = $"n1-{tag}-{i}@x.io", Name = "n1-" + tag, Posts = new() { Create = [new() { Title = "P" + i }] } });
            _ids.Add(user.Id);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private TestDb Client(NPlusOneMode mode = NPlusOneMode.Warn) =>
        new(new LinqDatabaseOptions { LoggerFactory = _capture.CreateFactory(), NPlusOneMode = mode }.UseNpgsql(fixture.ConnectionString));

    private List<LogEntry> Warnings => [.. _capture.Entries.Where(e => e.EventId == LinqEventIds.NPlusOneDetected)];

    [Fact]
    public async Task A_loop_of_twenty_find_unique_calls_warns_once_naming_the_shape_count_and_caller()
    {
        await using var db = Client();
        using var metric = new MetricCollector<long>(null, LinqDiagnostics.MeterName, "linq.n_plus_one.detected");
        var found = new List<User>();
        using (db.DetectNPlusOne())
        {
            foreach (var id in _ids)
            {
                found.Add((await db.Users.FindUniqueAsync(u => u.Id == id))!);
            }
        }

        var warning = Assert.Single(Warnings);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Equal("10", warning.State["Count"]);
        Assert.Contains("$1", warning.State["Sql"]);
        Assert.Contains("FROM \"User\"", warning.State["Sql"]);
        Assert.Contains(nameof(NPlusOneTests) + "." + nameof(A_loop_of_twenty_find_unique_calls_warns_once_naming_the_shape_count_and_caller), warning.State["Location"]);
        Assert.Contains("Include", warning.Message);
        Assert.Contains("LoadStrategy.Query", warning.Message);
        Assert.Equal(_ids, found.Select(u => u.Id));
        Assert.Equal(1, metric.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public async Task One_query_with_include_does_not_warn_with_either_load_strategy()
    {
        await using var db = Client();
        using (db.DetectNPlusOne())
        {
            var joined = await db.Users.Where(u => _ids.Contains(u.Id)).Include(u => u.Posts).ToListAsync();
            var followed = await db.Users.Where(u => _ids.Contains(u.Id)).Include(u => u.Posts).RelationLoadStrategy(LoadStrategy.Query).ToListAsync();
            Assert.Equal(Authors, joined.Count);
            Assert.All(joined.Concat(followed), u => Assert.Single(u.Posts));
        }

        Assert.Empty(Warnings);
    }

    [Fact]
    public async Task Below_the_threshold_nothing_is_reported()
    {
        await using var db = Client(NPlusOneMode.Throw);
        using (db.DetectNPlusOne())
        {
            foreach (var id in _ids.Take(9))
            {
                Assert.NotNull(await db.Users.FindUniqueAsync(u => u.Id == id));
            }
        }

        Assert.Empty(Warnings);
    }

    [Fact]
    public async Task The_same_values_again_are_not_an_n_plus_one()
    {
        await using var db = Client(NPlusOneMode.Throw);
        var id = _ids[0];
        using (db.DetectNPlusOne())
        {
            for (var i = 0; i < 15; i++)
            {
                Assert.NotNull(await db.Users.FindUniqueAsync(u => u.Id == id));
            }
        }

        Assert.Empty(Warnings);
    }

    [Fact]
    public async Task Throw_mode_throws_a_typed_exception_before_the_statement_at_the_threshold()
    {
        await using var db = Client(NPlusOneMode.Throw);
        var ran = 0;
        var error = await Assert.ThrowsAsync<NPlusOneDetectedException>(async () =>
        {
            using (db.DetectNPlusOne())
            {
                foreach (var id in _ids)
                {
                    await db.Posts.Where(p => p.AuthorId == id).ToListAsync();
                    ran++;
                }
            }
        });

        Assert.Equal(9, ran);
        Assert.Equal(10, error.Count);
        Assert.Contains("FROM \"Post\"", error.Sql);
        Assert.Contains(nameof(NPlusOneTests), error.Location);
        Assert.Contains("Include", error.Message);
        Assert.Empty(Warnings);
    }

    [Fact]
    public async Task The_root_activity_is_a_scope_and_no_scope_means_no_counting()
    {
        await using var db = Client();
        foreach (var id in _ids)
        {
            await db.Users.FindUniqueAsync(u => u.Id == id);
        }

        Assert.Empty(Warnings);

        using var source = new ActivitySource("Linq.Provider.Tests.Requests");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);
        using (var request = source.StartActivity("GET /authors"))
        {
            Assert.NotNull(request);
            foreach (var id in _ids)
            {
                await db.Posts.FirstOrDefaultAsync(p => p.AuthorId == id);
            }
        }

        var warning = Assert.Single(Warnings);
        Assert.Contains("FROM \"Post\"", warning.State["Sql"]);
    }

    [Fact]
    public async Task Off_mode_counts_nothing()
    {
        await using var db = Client(NPlusOneMode.Off);
        using (db.DetectNPlusOne())
        {
            foreach (var id in _ids)
            {
                await db.Users.FindUniqueAsync(u => u.Id == id);
            }
        }

        Assert.Empty(Warnings);
    }
}

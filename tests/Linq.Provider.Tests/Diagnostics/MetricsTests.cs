using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Linq.Provider.Tests.Diagnostics;

/// <summary>The Linq meter: operation durations, the plan cache, transaction retries and timeouts, N+1 reports.</summary>
public sealed class MetricsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private string Database => new NpgsqlConnectionStringBuilder(fixture.ConnectionString).Database!;

    private bool Mine(IReadOnlyDictionary<string, object?> tags) => tags.TryGetValue("db.namespace", out var ns) && ns as string == Database;

    [Fact]
    public async Task Each_operation_records_its_duration_in_seconds_with_the_conventions_attributes()
    {
        using var durations = new MetricCollector<double>(null, LinqDiagnostics.MeterName, "db.client.operation.duration");
        var user = await fixture.Db.Users.CreateAsync(new() { Email = "metric-duration@x.io" });
        await fixture.Db.Users.FindFirstAsync(u => u.Id == user.Id);
        await Assert.ThrowsAsync<UniqueConstraintViolationException>(() => fixture.Db.Users.CreateAsync(new() { Email = "metric-duration@x.io" }));

        var mine = durations.GetMeasurementSnapshot().Where(m => Mine(m.Tags)).ToList();
        Assert.Equal(3, mine.Count);
        Assert.Equal(["Create", "FindFirst", "Create"], mine.Select(m => m.Tags["db.operation.name"]));
        Assert.All(mine, m => Assert.Equal("postgresql", m.Tags["db.system.name"]));
        Assert.All(mine, m => Assert.Equal("User", m.Tags["db.collection.name"]));
        Assert.All(mine, m => Assert.InRange(m.Value, 0, 60));
        Assert.False(mine[1].Tags.ContainsKey("error.type"));
        Assert.Equal("23505", mine[2].Tags["error.type"]);
        Assert.Equal("s", durations.Instrument!.Unit);
    }

    [Fact]
    public async Task Plan_cache_hits_misses_and_size_are_observed()
    {
        await using var db = new TestDb(fixture.ConnectionString);
        using var hits = new MetricCollector<long>(null, LinqDiagnostics.MeterName, "linq.query_cache.hits");
        using var misses = new MetricCollector<long>(null, LinqDiagnostics.MeterName, "linq.query_cache.misses");
        using var size = new MetricCollector<long>(null, LinqDiagnostics.MeterName, "linq.query_cache.size");
        for (var i = 0; i < 3; i++)
        {
            var id = i;
            await db.Users.Where(u => u.Id == id).CountAsync();
        }

        hits.RecordObservableInstruments();
        misses.RecordObservableInstruments();
        size.RecordObservableInstruments();
        // Every client of this database is summed into one series: compare with all of them, read the same way.
        Assert.Contains(hits.GetMeasurementSnapshot(), m => Mine(m.Tags) && m.Value >= db.QueryCache.Hits && m.Value >= 2);
        Assert.Contains(misses.GetMeasurementSnapshot(), m => Mine(m.Tags) && m.Value >= db.QueryCache.Misses && m.Value >= 1);
        Assert.Contains(size.GetMeasurementSnapshot(), m => Mine(m.Tags) && m.Value >= db.QueryCache.Count && m.Value >= 1);
    }

    [Fact]
    public async Task Transaction_retries_and_timeouts_are_counted()
    {
        using var retries = new MetricCollector<long>(null, LinqDiagnostics.MeterName, "linq.transaction.retries");
        using var timeouts = new MetricCollector<long>(null, LinqDiagnostics.MeterName, "linq.transaction.timeouts");
        var attempts = 0;
        await fixture.Db.TransactionAsync(async tx =>
        {
            // A serialization failure raised by the server on the first two attempts: the runner retries it.
            if (++attempts <= 2)
            {
                await tx.ExecuteRawAsync($"DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$");
            }
        }, new TransactionOptions { MaxRetries = 3, RetryDelay = TimeSpan.FromMilliseconds(1) });

        await Assert.ThrowsAsync<TransactionTimeoutException>(() => fixture.Db.TransactionAsync(
            tx => tx.ExecuteRawAsync($"SELECT pg_sleep(2)"), new TransactionOptions { Timeout = TimeSpan.FromMilliseconds(100) }));

        Assert.Equal(3, attempts);
        Assert.Equal(2, retries.GetMeasurementSnapshot().Where(m => Mine(m.Tags)).Sum(m => m.Value));
        Assert.Equal(1, timeouts.GetMeasurementSnapshot().Where(m => Mine(m.Tags)).Sum(m => m.Value));
    }

    [Fact]
    public async Task The_meter_provider_helper_exports_the_duration_histogram_with_the_advised_buckets()
    {
        var exported = new List<Metric>();
        using (Sdk.CreateMeterProviderBuilder().AddLinqInstrumentation().AddInMemoryExporter(exported).Build())
        {
            await fixture.Db.Users.Where(u => u.Email == "meter-helper@x.io").CountAsync();
        }

        // Disposing the provider exported once; the in-memory exporter keeps that export.
        var metric = Assert.Single(exported, m => m.Name == "db.client.operation.duration");
        Assert.Equal("s", metric.Unit);
        var bounds = new List<double>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            foreach (var bucket in point.GetHistogramBuckets())
            {
                bounds.Add(bucket.ExplicitBound);
            }

            break;
        }

        Assert.Equal([0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, double.PositiveInfinity], bounds);
        Assert.Contains(exported, m => m.Name == "linq.query_cache.hits");
    }
}

using Linq.WebApi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Linq.WebApi.Tests.HealthChecks;

/// <summary>AddHealthChecks().AddLinqDatabase&lt;TDb&gt;() against real servers: reachable, unreachable, pending migrations.</summary>
public sealed class LinqHealthCheckTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestServer.CreateDatabaseAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_reachable_database_is_healthy()
    {
        var report = await CheckAsync(_database.ConnectionString, configure: null);
        var entry = Assert.Single(report.Entries);
        Assert.Equal("linq-BlogDb", entry.Key);
        Assert.Equal(HealthStatus.Healthy, entry.Value.Status);
        Assert.Contains("PostgreSQL answered", entry.Value.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_port_is_unhealthy_within_the_timeout_without_the_password()
    {
        var port = FreePort();
        var url = $"Host=127.0.0.1;Port={port};Username=app;Password=s3cret-pw;Database=app";
        var report = await CheckAsync(url, o => { o.Timeout = TimeSpan.FromSeconds(3); o.Name = "db"; });
        var entry = report.Entries["db"];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.NotNull(entry.Exception);
        Assert.DoesNotContain("s3cret-pw", entry.Description ?? "", StringComparison.Ordinal);

        // The failure status is configurable (e.g. Degraded for a non-critical database).
        var degraded = await CheckAsync(url, o => { o.FailureStatus = HealthStatus.Degraded; o.Timeout = TimeSpan.FromSeconds(3); });
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
    }

    [Fact]
    public async Task A_pending_migration_is_degraded_or_what_is_configured_and_healthy_after_deploy()
    {
        var folder = Path.Combine(Path.GetTempPath(), "linq_health_migrations_" + Guid.NewGuid().ToString("N")[..8]);
        var migration = Path.Combine(folder, "20260101000000_init");
        Directory.CreateDirectory(migration);
        await File.WriteAllTextAsync(Path.Combine(migration, "migration.sql"), "CREATE TABLE health_probe (id int PRIMARY KEY);");
        try
        {
            void Migrations(LinqDatabaseOptions o) => o.MigrationsDirectory = folder;

            // Without CheckMigrations the pending migration does not matter.
            Assert.Equal(HealthStatus.Healthy, (await CheckAsync(_database.ConnectionString, null, Migrations)).Status);

            var pending = await CheckAsync(_database.ConnectionString, o => o.CheckMigrations = true, Migrations);
            var entry = Assert.Single(pending.Entries).Value;
            Assert.Equal(HealthStatus.Degraded, entry.Status);
            Assert.Contains("1 pending (20260101000000_init)", entry.Description, StringComparison.Ordinal);
            Assert.Equal(["20260101000000_init"], (IReadOnlyList<string>)entry.Data["pendingMigrations"]);

            var strict = await CheckAsync(_database.ConnectionString, o => { o.CheckMigrations = true; o.PendingMigrationStatus = HealthStatus.Unhealthy; }, Migrations);
            Assert.Equal(HealthStatus.Unhealthy, strict.Status);

            await using (var db = new BlogDb(new LinqDatabaseOptions { MigrationsDirectory = folder }.UseNpgsql(_database.ConnectionString)))
            {
                await db.Migrations.DeployAsync();
            }

            Assert.Equal(1L, await Plain.ScalarAsync<long>(_database.ConnectionString, "SELECT count(*) FROM pg_tables WHERE tablename = 'health_probe'"));
            Assert.Equal(HealthStatus.Healthy, (await CheckAsync(_database.ConnectionString, o => o.CheckMigrations = true, Migrations)).Status);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<HealthReport> CheckAsync(string connectionString, Action<LinqHealthCheckOptions>? configure, Action<LinqDatabaseOptions>? database = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddLinqDatabase<BlogDb>(o =>
        {
            o.UseNpgsql(connectionString);
            database?.Invoke(o);
        });
        services.AddHealthChecks().AddLinqDatabase<BlogDb>(configure);
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

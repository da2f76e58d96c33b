using System.Net;
using Linq.WebApi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Linq.WebApi.Tests;

/// <summary>The service's health endpoints and telemetry, and the client on a data source registered by Npgsql.DependencyInjection.</summary>
public sealed class HostingTests(WebApiFixture fixture) : IClassFixture<WebApiFixture>
{
    [Fact]
    public async Task Health_endpoints_report_healthy_once_the_migrations_are_deployed()
    {
        foreach (var path in new[] { "/health", "/health/ready" })
        {
            var response = await fixture.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }

        // Deployed at start-up: the history lists the Blog sample's migrations, read with plain Npgsql.
        var applied = await Plain.ReadAsync(fixture.ConnectionString, "SELECT name FROM _linq_migrations ORDER BY name", r => r.GetString(0));
        var shipped = Directory.GetDirectories(Path.Combine(RepositoryRoot(), "samples", "Blog", "migrations")).Select(d => Path.GetFileName(d)!).Order().ToList();
        Assert.Equal(shipped, applied);
    }

    [Fact]
    public void OpenTelemetry_is_wired_for_traces_and_metrics()
    {
        Assert.NotNull(fixture.Factory.Services.GetService<TracerProvider>());
        Assert.NotNull(fixture.Factory.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task AddNpgsqlDataSource_registers_the_data_source_the_client_uses()
    {
        var services = new ServiceCollection()
            .AddNpgsqlDataSource(fixture.ConnectionString, b => b.MapLinqEnums<BlogDb>())
            .AddLinqDatabase<BlogDb>(o => o.UseDataSourceFromServices());
        await using var provider = services.BuildServiceProvider();
        var db = provider.GetRequiredService<BlogDb>();
        Assert.Same(provider.GetRequiredService<NpgsqlDataSource>(), db.DataSource);

        var email = $"npgsql-di-{Guid.NewGuid().ToString("N")[..10]}@x.io";
        var created = await db.Users.CreateAsync(new() { Email = email, Role = Role.Admin });
        Assert.Equal("Admin", await Plain.ScalarAsync<string>(fixture.ConnectionString, "SELECT \"Role\"::text FROM \"User\" WHERE \"Id\" = $1", created.Id));
        Assert.Equal(Role.Admin, (await db.Users.FindUniqueAsync(u => u.Email == email))!.Role);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Linq.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Linq.sln not found above " + AppContext.BaseDirectory);
    }
}

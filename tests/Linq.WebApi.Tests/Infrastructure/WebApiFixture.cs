using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Linq.WebApi.Tests.Infrastructure;

/// <summary>
/// The sample service in memory (WebApplicationFactory) over a database of its own on the real test server; the
/// service deploys the Blog migrations at start-up, as it does in production. Tests go through HTTP.
/// </summary>
public class WebApiFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string ConnectionString => _database!.ConnectionString;

    /// <summary>Extra connection string keywords for the service (e.g. a tiny pool).</summary>
    protected virtual string ServiceConnectionSuffix => "";

    public async Task InitializeAsync()
    {
        _database = await TestServer.CreateDatabaseAsync();
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:Default", ConnectionString + ServiceConnectionSuffix);
            web.UseSetting("Linq:PageTokenKey", "a-test-page-token-key-of-at-least-32-characters");
            // The conflict test needs the first serialization failure to reach the client.
            web.UseSetting("Transfers:MaxRetries", "0");
        });
        Client = Factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>The service with a pool of one connection that gives up after the default pool wait (2 s).</summary>
public sealed class TinyPoolFixture : WebApiFixture
{
    // No Timeout of its own: the library's default (TransactionOptions.MaxWait, 2 s) bounds the pool wait. An explicit
    // Timeout=1 also bounded opening the physical connection, which took longer than 1 s on a loaded CI machine.
    protected override string ServiceConnectionSuffix => ";Maximum Pool Size=1";
}

using Linq.LocalPostgres;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL server per test run (LINQ_TEST_DATABASE_URL, else Testcontainers, else a private local
/// cluster) and one template database with the test schema pushed, so each test class gets a fresh copy fast.
/// </summary>
internal static class TestServer
{
    private static readonly Lazy<Task<(PostgresServer Server, string Template)>> Instance = new(StartAsync);

    public static Task<(PostgresServer Server, string Template)> GetAsync() => Instance.Value;

    private static async Task<(PostgresServer, string)> StartAsync()
    {
        var server = await PostgresServer.StartAsync("LINQ_TEST_DATABASE_URL");
        var template = "linq_template_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = await server.CreateDatabaseAsync(template);
        await using (var db = new TestDb(connectionString))
        {
            await db.Schema.PushAsync();
        }

        await TestViews.CreateAsync(connectionString);

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            // A shared server keeps running: remove what this run created. A private cluster is removed whole.
            try
            {
                server.DropDatabaseAsync(template).GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // Best effort at exit; nothing to report to.
            }

            server.Dispose();
        };
        return (server, template);
    }
}

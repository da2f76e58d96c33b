using Linq.LocalPostgres;

namespace Linq.Migrations.Tests.Infrastructure;

/// <summary>One PostgreSQL server per test run: LINQ_TEST_DATABASE_URL, else Testcontainers, else a private local cluster.</summary>
internal static class TestServer
{
    private static readonly Lazy<Task<PostgresServer>> Instance = new(StartAsync);

    public static Task<PostgresServer> GetAsync() => Instance.Value;

    private static async Task<PostgresServer> StartAsync()
    {
        var server = await PostgresServer.StartAsync("LINQ_TEST_DATABASE_URL");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }
}

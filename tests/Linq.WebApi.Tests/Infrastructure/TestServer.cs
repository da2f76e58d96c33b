using Linq.LocalPostgres;

namespace Linq.WebApi.Tests.Infrastructure;

/// <summary>One PostgreSQL server per test run (LINQ_TEST_DATABASE_URL, else a private throwaway cluster); each fixture makes its own database on it.</summary>
internal static class TestServer
{
    private static readonly Lazy<Task<PostgresServer>> Instance = new(StartAsync);

    public static Task<PostgresServer> GetAsync() => Instance.Value;

    /// <summary>A new empty database; dispose the result to drop it.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync()
    {
        var server = await GetAsync();
        var name = "linq_webapi_" + Guid.NewGuid().ToString("N")[..12];
        return new TestDatabase(server, name, await server.CreateDatabaseAsync(name));
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var server = await PostgresServer.StartAsync("LINQ_TEST_DATABASE_URL");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }
}

/// <summary>A database of one fixture, dropped on dispose.</summary>
internal sealed class TestDatabase(PostgresServer server, string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await server.DropDatabaseAsync(Name);
    }
}

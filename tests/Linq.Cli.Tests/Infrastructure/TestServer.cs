using Linq.LocalPostgres;
using Npgsql;

namespace Linq.Cli.Tests.Infrastructure;

/// <summary>One PostgreSQL server per test run: LINQ_TEST_DATABASE_URL, else Testcontainers, else a private local cluster.</summary>
internal static class TestServer
{
    private static readonly Lazy<Task<PostgresServer>> Instance = new(StartAsync);

    public static Task<PostgresServer> GetAsync() => Instance.Value;

    /// <summary>Databases on the server whose name starts with <c>linq_shadow_</c>.</summary>
    public static async Task<long> ShadowCountAsync()
    {
        var server = await GetAsync();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE starts_with(datname, 'linq_shadow_')", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every database name, for failure messages.</summary>
    public static async Task<string> DatabasesAsync()
    {
        var server = await GetAsync();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database() || ': ' || string_agg(datname, ',') FROM pg_database", connection);
        return (string)(await command.ExecuteScalarAsync())! + " " + server.Source;
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var server = await PostgresServer.StartAsync("LINQ_TEST_DATABASE_URL");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }
}

/// <summary>A fresh database for one test, dropped at the end.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>Npgsql keyword form, with the password (the tool accepts it as DATABASE_URL).</summary>
    public string ConnectionString { get; }

    /// <summary>The same as a postgresql:// URL.</summary>
    public string Url
    {
        get
        {
            var b = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"postgresql://{Uri.EscapeDataString(b.Username!)}:{Uri.EscapeDataString(b.Password ?? "")}@{b.Host}:{(b.Port == 0 ? 5432 : b.Port)}/{Uri.EscapeDataString(b.Database!)}";
        }
    }

    public static async Task<TestDatabase> CreateAsync(bool create = true)
    {
        var server = await TestServer.GetAsync();
        var name = "linq_cli_" + Guid.NewGuid().ToString("N")[..10];
        var connectionString = create ? await server.CreateDatabaseAsync(name) : server.ConnectionStringFor(name);
        return new TestDatabase(name, connectionString);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var server = await TestServer.GetAsync();
        await server.DropDatabaseAsync(Name);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}

using System.Net.Sockets;
using Npgsql;

namespace Linq.LocalPostgres.Tests;

/// <summary>End-to-end checks against a real server (a local cluster here, unless LINQ_TEST_DATABASE_URL is set).</summary>
public sealed class PostgresServerTests
{
    private const string UrlVariable = "LINQ_TEST_DATABASE_URL";

    [Fact]
    public async Task Started_server_answers_queries()
    {
        await using var server = await PostgresServer.StartAsync(UrlVariable);

        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(server.ConnectionString).Password!, server.Source, StringComparison.Ordinal);
        var version = await ScalarAsync<string>(server.ConnectionString, "SELECT version()");
        Assert.StartsWith("PostgreSQL", version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Databases_are_created_from_a_template_and_dropped()
    {
        await using var server = await PostgresServer.StartAsync(UrlVariable);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var template = "tmpl \"quoted\" " + suffix;
        var copy = "copy_" + suffix;

        try
        {
            var templateConnection = await server.CreateDatabaseAsync(template);
            await ExecuteAsync(templateConnection, "CREATE TABLE widgets (id int PRIMARY KEY, name text); INSERT INTO widgets VALUES (1, 'gear')");

            var copyConnection = await server.CreateDatabaseAsync(copy, template);
            Assert.Equal(copyConnection, server.ConnectionStringFor(copy));
            Assert.Equal("gear", await ScalarAsync<string>(copyConnection, "SELECT name FROM widgets WHERE id = 1"));

            await server.DropDatabaseAsync(copy);
            Assert.Equal(0L, await ScalarAsync<long>(server.ConnectionString, $"SELECT count(*) FROM pg_database WHERE datname = '{copy}'"));

            // Dropping a missing database is not an error.
            await server.DropDatabaseAsync(copy);
        }
        finally
        {
            await server.DropDatabaseAsync(copy);
            await server.DropDatabaseAsync(template);
        }
    }

    [Fact]
    public async Task Disposing_a_local_cluster_removes_it()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(UrlVariable)))
        {
            return; // An external server is never stopped; nothing to check.
        }

        var server = await PostgresServer.StartAsync(UrlVariable);
        if (!server.Source.StartsWith("local cluster at ", StringComparison.Ordinal))
        {
            await server.DisposeAsync();
            return; // Testcontainers was used; its cleanup is its own.
        }

        var directory = server.Source["local cluster at ".Length..];
        var port = new NpgsqlConnectionStringBuilder(server.ConnectionString).Port;
        Assert.True(Directory.Exists(directory));
        Assert.Equal(1, await ScalarAsync<int>(server.ConnectionString, "SELECT 1"));

        await server.DisposeAsync();
        await server.DisposeAsync(); // Idempotent.

        Assert.False(Directory.Exists(directory));
        using var client = new TcpClient();
        var refused = await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

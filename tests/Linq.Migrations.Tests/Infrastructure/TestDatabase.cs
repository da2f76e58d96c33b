using Linq.Migrations.Diffing;
using Linq.Migrations.Introspection;
using Npgsql;

namespace Linq.Migrations.Tests.Infrastructure;

/// <summary>A fresh, empty database for one test, dropped at the end.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var server = await TestServer.GetAsync();
        var name = "linq_mig_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = await server.CreateDatabaseAsync(name);
        return new TestDatabase(name, connectionString);
    }

    /// <summary>A new data source of its own (its own pool), as a separate process would have.</summary>
    public NpgsqlDataSource NewDataSource() => NpgsqlDataSource.Create(ConnectionString);

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task PushAsync(SchemaDefinition schema)
    {
        var script = DdlRenderer.CreateScript(schema);
        if (script.Length > 0)
        {
            await ExecuteAsync(script);
        }
    }

    public Task<SchemaDefinition> IntrospectAsync(IntrospectionOptions? options = null) => SchemaIntrospector.IntrospectAsync(DataSource, options);

    /// <summary>The operations from this database's schema to <paramref name="target"/>.</summary>
    public async Task<IReadOnlyList<SchemaOperation>> DiffToAsync(SchemaDefinition target) =>
        SchemaDiffer.Diff(await IntrospectAsync(), target, new SchemaDiffOptions { CurrentSchema = "public" });

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        var server = await TestServer.GetAsync();
        await server.DropDatabaseAsync(Name);
    }
}

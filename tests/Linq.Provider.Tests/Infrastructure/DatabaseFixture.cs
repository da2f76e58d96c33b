using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Infrastructure;

/// <summary>A fresh database (a copy of the template with the test schema) for one test class.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private string? _name;
    private TestDb? _db;

    public TestDb Db => _db ?? throw new InvalidOperationException("The fixture is not initialized.");

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var (server, template) = await TestServer.GetAsync();
        _name = "linq_test_" + Guid.NewGuid().ToString("N")[..12];
        ConnectionString = await server.CreateDatabaseAsync(_name, template);
        _db = new TestDb(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }

        if (_name is not null)
        {
            var (server, _) = await TestServer.GetAsync();
            await server.DropDatabaseAsync(_name);
        }
    }
}

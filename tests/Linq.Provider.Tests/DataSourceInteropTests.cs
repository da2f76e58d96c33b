using Linq.Hosting;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Linq.Provider.Tests;

/// <summary>
/// A data source registered in DI (by AddNpgsqlDataSource or a hosting integration) used by the client, the host's
/// logger factory handed to Npgsql, and the warning for many clients of one connection string.
/// </summary>
public sealed class DataSourceInteropTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_data_source_from_services_is_used_and_left_open_for_its_owner()
    {
        var services = new ServiceCollection()
            .AddSingleton(_ => new NpgsqlDataSourceBuilder(fixture.ConnectionString).MapLinqEnums<TestDb>().Build())
            .AddLinqDatabase<TestDb>(o => o.UseDataSourceFromServices());
        NpgsqlDataSource dataSource;
        var email = "ds-" + Guid.NewGuid().ToString("N")[..8] + "@x.io";
        await using (var provider = services.BuildServiceProvider())
        {
            dataSource = provider.GetRequiredService<NpgsqlDataSource>();
            var db = provider.GetRequiredService<TestDb>();
            Assert.Same(dataSource, db.DataSource);

            // An enum goes both ways through the foreign data source: mapped by MapLinqEnums.
            var created = await db.Users.CreateAsync(new() { Email = email, Role = Role.Admin });
            var read = await db.Users.Where(u => u.Email == email).Select(u => new { u.Id, u.Role }).SingleAsync();
            Assert.Equal((created.Id, Role.Admin), (read.Id, read.Role));
            var stored = await PlainRows.ReadAsync(fixture.ConnectionString, $"SELECT \"Id\", \"Role\"::text AS role FROM \"User\" WHERE \"Email\" = '{email}'",
                r => (Id: r.Get<int>("Id"), Role: r.Enum<Role>("role")));
            Assert.Equal([(created.Id, Role.Admin)], stored);

            // Disposing the client does not dispose a data source it does not own.
            await db.DisposeAsync();
            await using (var connection = await dataSource.OpenConnectionAsync())
            {
                Assert.Equal(System.Data.ConnectionState.Open, connection.State);
            }
        }

        // The container, its owner, disposed it.
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await dataSource.OpenConnectionAsync());
    }

    [Fact]
    public async Task A_keyed_data_source_is_resolved_by_its_key()
    {
        var services = new ServiceCollection()
            .AddKeyedSingleton("other", (_, _) => NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=none"))
            .AddKeyedSingleton("blog", (_, _) => new NpgsqlDataSourceBuilder(fixture.ConnectionString).MapLinqEnums<TestDb>().Build())
            .AddLinqDatabase<TestDb>(o => o.UseDataSourceFromServices("blog"));
        await using var provider = services.BuildServiceProvider();
        var db = provider.GetRequiredService<TestDb>();
        Assert.Same(provider.GetRequiredKeyedService<NpgsqlDataSource>("blog"), db.DataSource);
        var expected = await PlainRows.ScalarAsync<long>(fixture.ConnectionString, "SELECT count(*) FROM \"User\" WHERE \"Role\" = 'Admin'");
        Assert.Equal(expected, await db.Users.CountAsync(u => u.Role == Role.Admin));
    }

    [Fact]
    public async Task Without_MapLinqEnums_an_enum_statement_fails_with_advice_and_plain_columns_still_work()
    {
        await using var bare = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var db = new TestDb(new LinqDatabaseOptions().UseDataSource(bare));
        var email = "bare-" + Guid.NewGuid().ToString("N")[..8] + "@x.io";

        var write = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Users.CreateAsync(new() { Email = email, Role = Role.Admin }));
        Assert.Contains("MapLinqEnums<", write.Message, StringComparison.Ordinal);
        Assert.Contains("Role", write.Message, StringComparison.Ordinal);

        await PlainRows.ScalarAsync<int>(fixture.ConnectionString, $"INSERT INTO \"User\" (\"Email\", \"Role\") VALUES ('{email}', 'User') RETURNING 1");
        var read = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Users.Where(u => u.Email == email).ToListAsync());
        Assert.Contains("MapLinqEnums<", read.Message, StringComparison.Ordinal);

        // Columns of other types do not need the mappings.
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email == email));
    }

    [Fact]
    public void UseDataSourceFromServices_outside_DI_says_how_to_pass_the_data_source()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new TestDb(new LinqDatabaseOptions().UseDataSourceFromServices()));
        Assert.Contains("UseDataSource(dataSource)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_builds_its_data_source_gives_Npgsql_the_host_logger_factory()
    {
        var sink = new CategoryLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(sink).SetMinimumLevel(LogLevel.Trace))
            .AddLinqDatabase<TestDb>(o => o.UseNpgsql(fixture.ConnectionString + ";Application Name=npgsql-logs"));
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<TestDb>().Users.CountAsync();
        Assert.Contains(sink.Entries, e => e.Category.StartsWith("Npgsql", StringComparison.Ordinal));
    }

    [Fact]
    public async Task More_than_three_live_clients_of_one_connection_string_draw_a_warning_without_the_password()
    {
        var sink = new CategoryLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(sink));

        // A connection string of its own (the application name), so other tests' clients do not count.
        var application = "census-" + Guid.NewGuid().ToString("N")[..8];
        var connectionString = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { ApplicationName = application }.ConnectionString;
        var password = new NpgsqlConnectionStringBuilder(connectionString).Password;
        TestDb Client(string cs) => new(new LinqDatabaseOptions { LoggerFactory = loggerFactory }.UseNpgsql(cs));

        var clients = new List<TestDb> { Client(connectionString), Client(connectionString), Client(connectionString) };
        Assert.DoesNotContain(sink.Entries, e => e.EventId.Id == 300);

        // The same server with another password is the same pool target: the key ignores the password.
        clients.Add(Client(new NpgsqlConnectionStringBuilder(connectionString) { Password = "other-password" }.ConnectionString));
        var warning = Assert.Single(sink.Entries, e => e.EventId.Id == 300);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("ManyClientsForOneConnectionString", warning.EventId.Name);
        Assert.Contains("4 Linq clients", warning.Message, StringComparison.Ordinal);
        Assert.Contains(new NpgsqlConnectionStringBuilder(connectionString).Database!, warning.Message, StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(password))
        {
            Assert.DoesNotContain(password, warning.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("other-password", warning.Message, StringComparison.Ordinal);

        // Disposed clients leave the count (twice is harmless), and a transaction's client does not enter it.
        await clients[0].DisposeAsync();
        await clients[0].DisposeAsync();
        clients[1].Dispose();
        await clients[2].TransactionAsync(async tx => await tx.Users.CountAsync());
        clients.Add(Client(connectionString));
        Assert.Single(sink.Entries, e => e.EventId.Id == 300);
        Assert.Equal(3, ClientCensus.CountOf(ClientCensus.KeyOf(clients[2].DataSource.ConnectionString)));
        foreach (var client in clients.Skip(2))
        {
            await client.DisposeAsync();
        }
    }

    private sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message);

    private sealed class CategoryLoggerProvider : ILoggerProvider
    {
        private readonly List<LogEntry> _entries = [];

        public IReadOnlyList<LogEntry> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, List<LogEntry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (entries)
                {
                    entries.Add(new LogEntry(category, logLevel, eventId, formatter(state, exception)));
                }
            }
        }
    }
}

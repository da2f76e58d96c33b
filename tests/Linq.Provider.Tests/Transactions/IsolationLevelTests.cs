using System.Data;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Transactions;

/// <summary>The isolation level a transaction runs at, as the server reports it.</summary>
public sealed class IsolationLevelTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Theory]
    [InlineData(IsolationLevel.ReadCommitted, "read committed")]
    [InlineData(IsolationLevel.RepeatableRead, "repeatable read")]
    [InlineData(IsolationLevel.Serializable, "serializable")]
    public async Task The_isolation_level_is_the_one_asked_for(IsolationLevel level, string shown)
    {
        var seen = await fixture.Db.TransactionAsync(async tx => await tx.QueryRawAsync<string>($"SHOW transaction_isolation"), new TransactionOptions { IsolationLevel = level });
        Assert.Equal(shown, Assert.Single(seen));
    }

    [Fact]
    public async Task Defaults_come_from_the_client_options()
    {
        var options = new LinqDatabaseOptions { TransactionDefaults = new() { IsolationLevel = IsolationLevel.Serializable } }.UseNpgsql(fixture.ConnectionString);
        await using var db = new TestDb(options);
        var seen = await db.TransactionAsync(async tx => await tx.QueryRawAsync<string>($"SHOW transaction_isolation"));
        Assert.Equal("serializable", Assert.Single(seen));
    }
}

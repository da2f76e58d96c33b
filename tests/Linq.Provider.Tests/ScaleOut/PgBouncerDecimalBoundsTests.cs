using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.ScaleOut;

/// <summary>
/// The catalog lookup that decides the decimal guard works through PgBouncer in transaction pooling mode (it keeps no
/// session state): a fresh client's first writes, concurrent and inside interactive transactions, leave the guard out
/// on the pushed schema (which has the range checks) and an overflow still fails typed with nothing written. Values are
/// read with plain Npgsql from the primary.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class PgBouncerDecimalBoundsTests(ScaleOutServers servers)
{
    [Fact]
    public async Task The_first_writes_of_a_client_learn_the_bounds_through_the_pooler()
    {
        await using var db = new TestDb(new LinqDatabaseOptions().UseNpgsql(servers.BouncerUrl + ";Maximum Pool Size=40").BehindTransactionPooler());
        var tag = Guid.NewGuid().ToString("N")[..8];
        var emails = Enumerable.Range(0, 12).Select(i => $"{tag}-{i:D2}@bank.io").ToList();
        foreach (var email in emails)
        {
            await db.Accounts.CreateAsync(new() { Email = email, Balance = 100 });
        }

        using var sent = new RoundTripCounter(servers.PrimaryUrl);
        await Task.WhenAll(emails.Select((email, i) => i % 2 == 0
            ? db.Accounts.UpdateAsync(a => a.Email == email, new() { Balance = Op.Increment(i) })
            : db.TransactionAsync(tx => tx.Accounts.UpdateAsync(a => a.Email == email, new() { Balance = Op.Decrement(i) }))));
        var error = await Assert.ThrowsAsync<ValueOutOfRangeException>(() => db.TransactionAsync(tx => tx.Accounts.UpdateAsync(a => a.Email == emails[0], new() { Balance = Op.Increment(decimal.MaxValue) })));
        Assert.Equal(("P2020", "23514"), (error.Code, error.PostgresError!.SqlState));

        var stored = await PlainRows.ReadAsync(servers.PrimaryUrl, $"SELECT \"Email\" AS e, \"Balance\" AS b FROM \"Account\" WHERE \"Email\" LIKE '{tag}-%'",
            r => (Email: r.Get<string>("e"), Balance: r.Get<decimal>("b")));
        Assert.Equal(emails.Select((e, i) => (e, i % 2 == 0 ? 100m + i : 100m - i)).OrderBy(x => x.e), stored.OrderBy(x => x.Email));
        var updates = sent.Statements.Where(s => s.StartsWith("UPDATE", StringComparison.Ordinal)).ToList();
        Assert.Equal(13, updates.Count);
        Assert.All(updates, u => Assert.DoesNotContain("CASE", u, StringComparison.Ordinal));
    }
}

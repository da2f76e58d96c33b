using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// Creates and updates describe their statement in a shape their thread reuses for the next write. Writes of different
/// shapes (columns set or unset, NULL, number operations, a value set) interleaved on one thread and run at once on the
/// thread pool, inside and outside transactions, each store exactly their own values: read back with plain Npgsql.
/// </summary>
public sealed class WriteShapeReuseTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private Task<List<(string Email, string? Name, decimal Balance)>> AccountsAsync(string prefix) =>
        PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT a.\"Email\", u.\"Name\", a.\"Balance\" FROM \"Account\" AS a LEFT JOIN \"User\" AS u ON u.\"Email\" = a.\"Email\" WHERE a.\"Email\" LIKE '{prefix}%' ORDER BY a.\"Email\"",
            r => (r.Get<string>("Email"), r.Ref<string>("Name"), r.Get<decimal>("Balance")));

    // Account k: created with a balance of k (or the column default 0 when k is odd), then +k, -1, then set to the
    // result times one (a plain set after the operations). Its user: Name "n{k}" when k % 3 == 0, NULL when 1, unset when 2.
    private async Task WriteAsync(TestDb db, string prefix, int k)
    {
        var email = $"{prefix}{k:D3}@x.io";
        var user = new UserCreateInput { Email = email };
        if (k % 3 == 0)
        {
            user.Name = "n" + k;
        }
        else if (k % 3 == 1)
        {
            user.Name = null;
        }

        await db.Users.CreateAsync(user);
        await (k % 2 == 0 ? db.Accounts.CreateAsync(new() { Email = email, Balance = k }) : db.Accounts.CreateAsync(new() { Email = email }));
        await db.Accounts.UpdateAsync(a => a.Email == email, new() { Balance = Op.Increment(k) });
        var lowered = await db.Accounts.UpdateAsync(a => a.Email == email, new() { Balance = Op.Decrement(1) });
        await db.Accounts.UpdateAsync(a => a.Email == email, new() { Balance = lowered.Balance });
    }

    private static (string Email, string? Name, decimal Balance) Expected(string prefix, int k) =>
        ($"{prefix}{k:D3}@x.io", k % 3 == 0 ? "n" + k : null, (k % 2 == 0 ? k : 0) + k - 1);

    [Fact]
    public async Task Interleaved_writes_of_different_shapes_store_exactly_their_own_values()
    {
        var prefix = $"wsr-{Guid.NewGuid():N}"[..12] + "-";
        var keys = Enumerable.Range(0, 30).ToList();
        foreach (var k in keys.Take(6))
        {
            await WriteAsync(fixture.Db, prefix, k);
        }

        await Task.WhenAll(keys.Skip(6).Take(16).Select(k => Task.Run(() => WriteAsync(fixture.Db, prefix, k))));
        foreach (var k in keys.Skip(22))
        {
            await fixture.Db.TransactionAsync(tx => WriteAsync(tx, prefix, k));
        }

        Assert.Equal(keys.Select(k => Expected(prefix, k)).OrderBy(r => r.Item1, StringComparer.Ordinal), await AccountsAsync(prefix));
    }
}

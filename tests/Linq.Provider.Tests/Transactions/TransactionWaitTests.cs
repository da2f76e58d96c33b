using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Transactions;

/// <summary>
/// The pool wait of a transaction (its MaxWait timer is armed only when the pool cannot hand out a connection at
/// once) and the ambient transaction's scope (set in the runner's own async method, restored for the caller).
/// </summary>
public sealed class TransactionWaitTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static string NewEmail() => $"w-{Guid.NewGuid():N}@x.io";

    [Fact]
    public async Task MaxWait_ends_the_wait_although_the_connection_string_allows_a_longer_one()
    {
        // Npgsql's own pool wait is a minute here: only the transaction's MaxWait can end the wait within the test's 30 s.
        var builder = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { MaxPoolSize = 1, Timeout = 60 };
        await using var small = new TestDb(builder.ConnectionString);
        var options = new TransactionOptions { MaxWait = TimeSpan.FromMilliseconds(200) };
        var email = NewEmail();

        await using (var held = await small.DataSource.OpenConnectionAsync())
        {
            var uncancellable = await Assert.ThrowsAsync<PoolTimeoutException>(() =>
                small.TransactionAsync(async tx => await tx.Users.CreateAsync(new() { Email = email }), options).WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal("P2024", uncancellable.Code);

            // With a caller token that can be cancelled (but is not), the timer runs on the linked source: still P2024.
            using var caller = new CancellationTokenSource();
            var linked = await Assert.ThrowsAsync<PoolTimeoutException>(() =>
                small.TransactionAsync(async tx => await tx.Users.CreateAsync(new() { Email = email }), options, caller.Token).WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal("P2024", linked.Code);

            // The caller's own cancellation while waiting is a cancellation, not a pool timeout.
            using var cancelled = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            var patient = new TransactionOptions { MaxWait = TimeSpan.FromSeconds(50) };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                small.TransactionAsync(async tx => await tx.Users.CreateAsync(new() { Email = email }), patient, cancelled.Token).WaitAsync(TimeSpan.FromSeconds(30)));
        }

        // None of the waits wrote anything; with the connection back, the same transaction commits (read with plain Npgsql).
        Assert.Equal(0, await CountUsersAsync(email));
        var created = await small.TransactionAsync(async tx => await tx.Users.CreateAsync(new() { Email = email }), options);
        Assert.Equal(1, await CountUsersAsync(email));
        Assert.Equal(email, created.Email);
    }

    [Fact]
    public async Task The_ambient_transaction_ends_with_the_call_however_the_callback_completes()
    {
        var email = NewEmail();

        // A callback that completes synchronously, one that awaits, and one that throws: afterwards the outer client
        // runs on the same flow without being taken for use inside a transaction.
        Assert.Equal(7, await fixture.Db.TransactionAsync(static _ => Task.FromResult(7)));
        Assert.Equal(0, await fixture.Db.Users.CountAsync(u => u.Email == email));

        await fixture.Db.TransactionAsync(async tx => await tx.Users.CreateAsync(new() { Email = email }));
        Assert.Equal(1, await fixture.Db.Users.CountAsync(u => u.Email == email));

        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Db.TransactionAsync(async tx =>
        {
            await tx.Users.UpdateAsync(u => u.Email == email, new() { Name = "dropped" });
            throw new InvalidOperationException("business rule");
        }));
        var stored = await fixture.Db.Users.FindUniqueAsync(u => u.Email == email);
        Assert.Null(stored!.Name);

        // Inside a callback the ambient value is there: the outer client is refused, in a nested transaction too.
        await Assert.ThrowsAsync<OuterClientInTransactionException>(() => fixture.Db.TransactionAsync(async tx =>
            await tx.TransactionAsync(async inner => await fixture.Db.Users.CountAsync())));
        Assert.Equal(1, await CountUsersAsync(email));
    }

    private async Task<long> CountUsersAsync(string email)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM \"User\" WHERE \"Email\" = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

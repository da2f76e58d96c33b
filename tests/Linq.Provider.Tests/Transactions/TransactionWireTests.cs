using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Transactions;

/// <summary>
/// What an interactive transfer, a batch transaction, a nested create and writes by key really send, read off the wire
/// by a <see cref="WireTap"/>: no round trip and no statement that the hand-written Npgsql version of the same work
/// (run through the same tap) does not send. Results are checked with plain Npgsql.
/// </summary>
public sealed class TransactionWireTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    // The statements without the pool's reset (Npgsql prepends DISCARD ALL to a reused connection's first statement).
    private static List<string> Kinds(WireTap tap) =>
        [.. tap.Statements.Where(s => s != "DISCARD ALL").Select(s => s.Split(' ')[0])];

    private async Task<decimal> BalanceAsync(string email) =>
        await PlainRows.ScalarAsync<decimal>(fixture.ConnectionString, $"SELECT \"Balance\" FROM \"Account\" WHERE \"Email\" = '{email}'");

    [Fact]
    public async Task An_interactive_transfer_makes_the_round_trips_of_hand_written_Npgsql()
    {
        var tag = Tag();
        var (a, b) = ($"{tag}-a@bank.io", $"{tag}-b@bank.io");
        await fixture.Db.Accounts.CreateAsync(new() { Email = a, Balance = 100 });
        await fixture.Db.Accounts.CreateAsync(new() { Email = b, Balance = 100 });
        await using var tap = new WireTap(fixture.ConnectionString);
        await using var db = new TestDb(tap.ConnectionString);
        await using var plain = NpgsqlDataSource.Create(tap.ConnectionString);

        Task<decimal> LinqTransfer(decimal amount) => db.TransactionAsync(async tx =>
        {
            await tx.Accounts.UpdateAsync(x => x.Email == a, new() { Balance = Op.Decrement(amount) });
            await tx.Accounts.UpdateAsync(x => x.Email == b, new() { Balance = Op.Increment(amount) });
            return (await tx.Accounts.FindUniqueAsync(x => x.Email == a))!.Balance;
        });

        async Task<decimal> PlainTransfer(decimal amount)
        {
            await using var connection = await plain.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var (email, delta) in new[] { (a, -amount), (b, amount) })
            {
                await using var update = new NpgsqlCommand("""UPDATE "Account" SET "Balance" = "Balance" + $1 WHERE "Email" = $2""", connection, transaction);
                update.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = delta });
                update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
                await update.ExecuteNonQueryAsync();
            }

            await using var read = new NpgsqlCommand("""SELECT "Balance" FROM "Account" WHERE "Email" = $1""", connection, transaction);
            read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = a });
            var balance = (decimal)(await read.ExecuteScalarAsync())!;
            await transaction.CommitAsync();
            return balance;
        }

        // The first call of each opens a connection and loads the server's types: not counted.
        await LinqTransfer(0);
        await PlainTransfer(0);

        tap.Reset();
        var returned = await LinqTransfer(7);
        var (linqTrips, linqKinds) = (tap.RoundTrips, Kinds(tap));
        tap.Reset();
        var plainReturned = await PlainTransfer(3);
        var (plainTrips, plainKinds) = (tap.RoundTrips, Kinds(tap));

        Assert.Equal(4, plainTrips); // BEGIN rides with the first UPDATE
        Assert.Equal(plainTrips, linqTrips);
        Assert.Equal(["BEGIN", "UPDATE", "UPDATE", "SELECT", "COMMIT"], plainKinds);
        Assert.Equal(plainKinds, linqKinds);
        Assert.Equal(93, returned);
        Assert.Equal(90, plainReturned);
        Assert.Equal((90m, 110m), (await BalanceAsync(a), await BalanceAsync(b)));
    }

    [Fact]
    public async Task An_update_of_a_missing_row_is_P2025_without_another_statement_and_the_transaction_goes_on()
    {
        var tag = Tag();
        var email = $"{tag}@bank.io";
        await fixture.Db.Accounts.CreateAsync(new() { Email = email, Balance = 5 });
        await using var tap = new WireTap(fixture.ConnectionString);
        await using var db = new TestDb(tap.ConnectionString);
        await db.Accounts.CountAsync();

        // The client's first decimal number operation learns which columns the database bounds: one catalog read, once.
        tap.Reset();
        await db.Accounts.UpdateManyAsync(x => x.Email == $"{tag}-none", new() { Balance = Op.Increment(1m) });
        Assert.Equal(2, tap.RoundTrips);
        Assert.Equal(["SELECT", "UPDATE"], Kinds(tap));

        tap.Reset();
        var outside = await Assert.ThrowsAsync<RecordNotFoundException>(() => db.Accounts.UpdateAsync(x => x.Email == $"{tag}-missing", new() { Balance = Op.Increment(1m) }));
        Assert.Equal("P2025", outside.Code);
        Assert.Equal(1, tap.RoundTrips);
        Assert.Equal(["UPDATE"], Kinds(tap));

        tap.Reset();
        var updated = await db.TransactionAsync(async tx =>
        {
            var missing = await Assert.ThrowsAsync<RecordNotFoundException>(() => tx.Accounts.UpdateAsync(x => x.Email == $"{tag}-missing", new() { Balance = Op.Increment(1m) }));
            Assert.Equal("P2025", missing.Code);
            return await tx.Accounts.UpdateAsync(x => x.Email == email, new() { Balance = Op.Increment(2m) });
        });
        Assert.Equal(3, tap.RoundTrips);
        Assert.Equal(["BEGIN", "UPDATE", "UPDATE", "COMMIT"], Kinds(tap));

        // The updated row as returned is the row as stored.
        Assert.Equal(7m, updated.Balance);
        Assert.Equal(email, updated.Email);
        Assert.Equal(7m, await BalanceAsync(email));
        var deleted = await db.Accounts.DeleteAsync(x => x.Email == email);
        Assert.Equal(updated.Id, deleted.Id);
        Assert.Equal(0L, await PlainRows.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM \"Account\" WHERE \"Email\" = '{email}'"));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => db.Accounts.DeleteAsync(x => x.Email == email));
    }

    [Fact]
    public async Task A_batch_transaction_and_a_nested_create_are_one_round_trip_each()
    {
        var tag = Tag();
        await using var tap = new WireTap(fixture.ConnectionString);
        await using var db = new TestDb(tap.ConnectionString);
        var author = await db.Users.CreateAsync(new() { Email = $"{tag}-author@x.io", Posts = new() { Create = [.. Enumerable.Range(0, 7).Select(i => new PostCreateWithoutAuthorInput { Title = $"p{i}" })] } });

        tap.Reset();
        var created = await db.Users.CreateAsync(new() { Email = $"{tag}@x.io", Name = "Nested", Posts = new() { Create = [new() { Title = "a" }, new() { Title = "b", Content = "c" }] } });
        Assert.Equal(1, tap.RoundTrips);
        Assert.Equal(["WITH"], Kinds(tap));
        var stored = await PlainRows.ScalarAsync<string>(fixture.ConnectionString,
            $"SELECT string_agg(\"Title\" || ':' || coalesce(\"Content\", '-'), ',' ORDER BY \"Title\") FROM \"Post\" WHERE \"AuthorId\" = {created.Id}");
        Assert.Equal("a:-,b:c", stored);
        Assert.Equal(("Nested", $"{tag}@x.io"), (created.Name, created.Email));

        tap.Reset();
        var (page, count) = await db.TransactionAsync(
            Batch.ToList(db.Posts.Where(p => p.AuthorId == author.Id).OrderByDescending(p => p.Id).Take(5)),
            Batch.Count(db.Posts.Where(p => p.AuthorId == author.Id)));
        Assert.Equal(1, tap.RoundTrips);
        Assert.Equal(["BEGIN", "SELECT", "SELECT", "COMMIT"], Kinds(tap));
        var ids = await PlainRows.ScalarAsync<int[]>(fixture.ConnectionString, $"SELECT array_agg(\"Id\" ORDER BY \"Id\" DESC) FROM \"Post\" WHERE \"AuthorId\" = {author.Id}");
        Assert.Equal(ids.Take(5), page.Select(p => p.Id));
        Assert.Equal(ids.Length, count);
    }
}

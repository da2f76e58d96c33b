using System.Data;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Transactions;

/// <summary>db.TransactionAsync(Batch.…, Batch.…): several queries and writes, atomically, in one round trip.</summary>
public sealed class BatchTransactionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_list_and_a_count_come_back_typed_from_one_round_trip()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await fixture.Db.Users.CreateManyAsync(Enumerable.Range(0, 5).Select(i => new UserCreateInput { Email = $"{tag}-{i}@x.io", Name = i < 2 ? "few" : null }));

        using var counter = new RoundTripCounter(fixture.ConnectionString);
        var (users, count, first) = await fixture.Db.TransactionAsync(
            Batch.ToList(fixture.Db.Users.Where(u => u.Email.StartsWith(tag) && u.Name == "few").OrderBy(u => u.Email)),
            Batch.Count(fixture.Db.Users.Where(u => u.Email.StartsWith(tag))),
            Batch.FirstOrDefault(fixture.Db.Users.Where(u => u.Email == "nobody")));
        Assert.Equal(1, counter.Count);
        Assert.StartsWith("BEGIN", counter.Statements[0], StringComparison.Ordinal);
        Assert.EndsWith("COMMIT", counter.Statements[0], StringComparison.Ordinal);

        Assert.Equal([$"{tag}-0@x.io", $"{tag}-1@x.io"], users.Select(u => u.Email));
        Assert.Equal(5, count);
        Assert.Null(first);
    }

    [Fact]
    public async Task Writes_and_reads_see_each_other_in_order()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (created, renamed, count, deleted) = await fixture.Db.TransactionAsync(
            Batch.Create(fixture.Db.Users, new UserCreateInput { Email = tag + "@x.io" }),
            Batch.UpdateMany(fixture.Db.Users, u => u.Email == tag + "@x.io", new UserUpdateInput { Name = "batched" }),
            Batch.Count(fixture.Db.Users.Where(u => u.Email == tag + "@x.io" && u.Name == "batched")),
            Batch.DeleteMany(fixture.Db.Users, u => u.Email == "nobody-" + tag));
        Assert.Equal(tag + "@x.io", created.Email);
        Assert.Equal((1, 1, 0), (renamed, count, deleted));
    }

    [Fact]
    public async Task A_failing_item_rolls_back_every_item()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await fixture.Db.Users.CreateAsync(new() { Email = tag + "-taken@x.io" });
        var error = await Assert.ThrowsAsync<UniqueConstraintViolationException>(() => fixture.Db.TransactionAsync(
            Batch.Create(fixture.Db.Users, new UserCreateInput { Email = tag + "-new@x.io" }),
            Batch.UpdateMany(fixture.Db.Users, u => u.Email == tag + "-taken@x.io", new UserUpdateInput { Name = "changed" }),
            Batch.Create(fixture.Db.Users, new UserCreateInput { Email = tag + "-taken@x.io" })));
        Assert.Equal(["Email"], error.Fields);
        Assert.Null(await fixture.Db.Users.FindUniqueAsync(u => u.Email == tag + "-new@x.io"));
        Assert.Null((await fixture.Db.Users.FindUniqueAsync(u => u.Email == tag + "-taken@x.io"))!.Name);

        // The connection went back clean: the next batch works.
        var (count, _) = await fixture.Db.TransactionAsync(Batch.Count(fixture.Db.Users.Where(u => u.Email.StartsWith(tag))), Batch.Count(fixture.Db.Posts));
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Items_of_one_type_run_at_an_isolation_level_and_inside_an_interactive_transaction()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var counts = await fixture.Db.TransactionAsync(
            [Batch.Count(fixture.Db.Users.Where(u => u.Email.StartsWith(tag))), Batch.Count(fixture.Db.Posts.Where(p => p.Title == tag))],
            IsolationLevel.Serializable);
        Assert.Equal([0, 0], counts);

        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Db.TransactionAsync(async tx =>
        {
            var (created, _) = await tx.TransactionAsync(Batch.Create(tx.Users, new UserCreateInput { Email = tag + "@x.io" }), Batch.Count(tx.Users));
            Assert.Equal(tag + "@x.io", created.Email);
            Assert.Equal(1, await tx.Users.CountAsync(u => u.Email == tag + "@x.io"));
            throw new InvalidOperationException("roll back the batch with the transaction");
        }));
        Assert.Equal(0, await fixture.Db.Users.CountAsync(u => u.Email == tag + "@x.io"));

        // Items must come from the client that runs them.
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.TransactionAsync(async tx =>
            await tx.TransactionAsync(Batch.Count(fixture.Db.Users), Batch.Count(tx.Users))));
    }
}

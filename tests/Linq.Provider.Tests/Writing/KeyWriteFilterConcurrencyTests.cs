using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// A write by unique key on a soft-delete client (<c>j =&gt; j.SettledAt == null</c>) that waits for another
/// transaction's lock on its row re-checks the filter on the row's newest version (READ COMMITTED, PostgreSQL's
/// EvalPlanQual; for an upsert, the ON CONFLICT … WHERE on the row it locked): a row soft-deleted by the other
/// transaction meanwhile is "not found" (P2025), or for an upsert a taken key (P2002), and is left as that transaction
/// left it. The other transaction is a second connection of plain Npgsql that holds the row until the write is seen
/// waiting for it (pg_stat_activity), so the write has read its snapshot before the soft delete commits. A change that
/// keeps the row visible lets the waiting write through. The row is read back with plain Npgsql.
/// </summary>
public sealed class KeyWriteFilterConcurrencyTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTime Opens = new(2024, 1, 1, 9, 0, 0, DateTimeKind.Unspecified);

    private sealed record JournalRow(string? Label, decimal Amount, int Version, bool Settled);

    private TestDb SoftDeleting(TestDb db) => db.WithExtensions(x => x.Filter<Journal>(j => j.SettledAt == null));

    private async Task<(int Id, string Code)> NewJournalAsync()
    {
        var code = "c" + Guid.NewGuid().ToString("N")[..10];
        var id = await PlainRows.ScalarAsync<int>(fixture.ConnectionString,
            $"INSERT INTO \"Journal\" (\"Code\", \"Label\", \"OpensAt\", \"BookedAt\") VALUES ('{code}', 'seeded', '2024-01-01 09:00', now()) RETURNING \"Id\"");
        return (id, code);
    }

    private async Task<JournalRow?> ReadAsync(int id) => (await PlainRows.ReadAsync(fixture.ConnectionString,
        $"SELECT \"Label\", \"Amount\", \"Version\", \"SettledAt\" IS NOT NULL AS \"Settled\" FROM \"Journal\" WHERE \"Id\" = {id}",
        r => new JournalRow(r.Ref<string>("Label"), r.Get<decimal>("Amount"), r.Get<int>("Version"), r.Get<bool>("Settled")))).SingleOrDefault();

    /// <summary>
    /// Runs <paramref name="change"/> on the row in a transaction of its own connection, starts <paramref name="write"/>,
    /// waits until a backend of this database waits for a lock (the write, on the row), then commits the change and
    /// returns the write's outcome.
    /// </summary>
    private async Task<Exception?> RaceAsync(int id, string change, Func<Task> write)
    {
        await using var holder = new NpgsqlConnection(fixture.ConnectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand($"UPDATE \"Journal\" SET {change} WHERE \"Id\" = {id}", holder, transaction))
        {
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var running = Task.Run(write);
        await WaitForLockWaiterAsync(running);
        await transaction.CommitAsync();
        try
        {
            await running;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private async Task WaitForLockWaiterAsync(Task running)
    {
        await using var watcher = new NpgsqlConnection(fixture.ConnectionString);
        await watcher.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", watcher);
        for (var i = 0; i < 500; i++)
        {
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            Assert.False(running.IsCompleted, "the write finished without waiting for the row's lock");
            await Task.Delay(10);
        }

        Assert.Fail("the write never waited for the row's lock");
    }

    [Fact]
    public async Task An_update_by_key_waiting_for_a_soft_delete_is_not_found_and_writes_nothing()
    {
        await using var plain = new TestDb(fixture.ConnectionString);
        var db = SoftDeleting(plain);
        var (id, code) = await NewJournalAsync();

        var failure = await RaceAsync(id, "\"SettledAt\" = now()", () => db.Journals.UpdateAsync(j => j.Code == code, new() { Label = "lost", Amount = Op.Increment(1m) }));

        Assert.IsType<RecordNotFoundException>(failure);
        Assert.Equal(new JournalRow("seeded", 0m, 0, true), await ReadAsync(id));
    }

    [Fact]
    public async Task A_delete_by_key_waiting_for_a_soft_delete_is_not_found_and_the_row_stays()
    {
        await using var plain = new TestDb(fixture.ConnectionString);
        var db = SoftDeleting(plain);
        var (id, _) = await NewJournalAsync();

        var failure = await RaceAsync(id, "\"SettledAt\" = now()", () => db.Journals.DeleteAsync(j => j.Id == id));

        Assert.IsType<RecordNotFoundException>(failure);
        Assert.Equal(new JournalRow("seeded", 0m, 0, true), await ReadAsync(id));
    }

    [Fact]
    public async Task An_update_with_a_token_waiting_for_a_soft_delete_is_not_found_rather_than_a_conflict()
    {
        await using var plain = new TestDb(fixture.ConnectionString);
        var db = SoftDeleting(plain);
        var (id, code) = await NewJournalAsync();

        // The soft delete also bumps the version: the row is hidden now, so its token is not compared with the caller's.
        var failure = await RaceAsync(id, "\"SettledAt\" = now(), \"Version\" = \"Version\" + 1",
            () => db.Journals.UpdateAsync(j => j.Code == code && j.Version == 0, new() { Label = "lost" }));

        Assert.IsType<RecordNotFoundException>(failure);
        Assert.Equal(new JournalRow("seeded", 0m, 1, true), await ReadAsync(id));
    }

    [Fact]
    public async Task An_upsert_waiting_for_a_soft_delete_is_refused_as_a_taken_key_and_writes_nothing()
    {
        await using var plain = new TestDb(fixture.ConnectionString);
        var db = SoftDeleting(plain);
        var (id, code) = await NewJournalAsync();

        var failure = await RaceAsync(id, "\"SettledAt\" = now()", () => db.Journals.UpsertAsync(j => j.Code == code,
            new() { Code = code, Label = "created", OpensAt = Opens, BookedAt = DateTime.UtcNow }, new() { Label = "lost" }));

        Assert.IsType<UniqueConstraintViolationException>(failure);
        Assert.Equal(new JournalRow("seeded", 0m, 0, true), await ReadAsync(id));
    }

    [Fact]
    public async Task A_nested_update_waiting_for_a_soft_delete_of_its_root_is_not_found_and_its_children_are_rolled_back()
    {
        await using var plain = new TestDb(fixture.ConnectionString);
        var db = SoftDeleting(plain);
        var (id, code) = await NewJournalAsync();

        var failure = await RaceAsync(id, "\"SettledAt\" = now()", () => db.Journals.UpdateAsync(j => j.Code == code, new()
        {
            Label = "lost",
            Entries = new() { Create = [new() { At = Opens, Stamped = DateTime.UtcNow, Stamp = Guid.NewGuid() }] },
        }));

        Assert.IsType<RecordNotFoundException>(failure);
        Assert.Equal(new JournalRow("seeded", 0m, 0, true), await ReadAsync(id));
        Assert.Equal(0L, await PlainRows.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM \"JournalLine\" WHERE \"JournalId\" = {id}"));
    }

    [Fact]
    public async Task A_waiting_write_whose_row_stays_visible_goes_through_on_the_newest_version()
    {
        await using var plain = new TestDb(fixture.ConnectionString);
        var db = SoftDeleting(plain);
        var (id, code) = await NewJournalAsync();

        // The other transaction adds 5: the waiting increment applies to the committed amount, and both changes stay.
        var failure = await RaceAsync(id, "\"Amount\" = \"Amount\" + 5", () => db.Journals.UpdateAsync(j => j.Code == code, new() { Label = "won", Amount = Op.Increment(1m) }));
        Assert.Null(failure);
        Assert.Equal(new JournalRow("won", 6m, 1, false), await ReadAsync(id));

        failure = await RaceAsync(id, "\"Label\" = 'other'", () => db.Journals.DeleteAsync(j => j.Id == id));
        Assert.Null(failure);
        Assert.Null(await ReadAsync(id));
    }
}

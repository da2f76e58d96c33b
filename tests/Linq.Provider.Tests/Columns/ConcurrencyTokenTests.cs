using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Columns;

/// <summary>
/// Optimistic concurrency: an integer <c>[ConcurrencyToken]</c> the library bumps in every update, a Guid token the
/// program sets, and <c>[RowVersion]</c> (xmin). A unique-key update or delete that also compares a token changes the
/// row only while it holds it; otherwise <see cref="ConcurrencyConflictException"/>, distinct from a missing row.
/// </summary>
[Collection("Journal")]
public sealed class ConcurrencyTokenTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTime Opens = new(2024, 1, 1, 9, 0, 0, DateTimeKind.Unspecified);

    private Task<Journal> CreateAsync(string code) =>
        fixture.Db.Journals.CreateAsync(new() { Code = code, OpensAt = Opens, BookedAt = DateTime.UtcNow });

    [Fact]
    public async Task Every_update_bumps_the_version_in_the_same_statement()
    {
        var db = fixture.Db;
        var ledger = await CreateAsync("ver-bump");
        Assert.Equal(0, ledger.Version);
        var once = await db.Journals.UpdateAsync(l => l.Id == ledger.Id, new() { Label = "a" });
        Assert.Equal(1, once.Version);
        Assert.Equal(2, (await db.Journals.UpdateAsync(l => l.Code == "ver-bump", new() { Amount = Op.Increment(1m) })).Version);
        Assert.Equal(1, await db.Journals.UpdateManyAsync(l => l.Id == ledger.Id, new() { Label = "b" }));
        Assert.Equal(4, (await db.Journals.UpsertAsync(l => l.Code == "ver-bump", new() { Code = "ver-bump", OpensAt = Opens, BookedAt = DateTime.UtcNow }, new() { Label = "c" })).Version);

        // An update that sets the token itself keeps the value it sets.
        Assert.Equal(40, (await db.Journals.UpdateAsync(l => l.Id == ledger.Id, new() { Version = 40 })).Version);
        Assert.Equal(40, await ReadVersionAsync(ledger.Id));

        // The row version (xmin) moved with every write and matches the catalog's.
        var read = await db.Journals.FindUniqueAsync(l => l.Id == ledger.Id);
        Assert.Equal(await ReadXminAsync(ledger.Id), read!.RowVersion);
        Assert.NotEqual(ledger.RowVersion, read.RowVersion);
    }

    [Fact]
    public async Task A_matching_token_writes_a_stale_one_conflicts_and_a_missing_row_is_not_found()
    {
        var db = fixture.Db;
        var ledger = await CreateAsync("ver-check");
        var updated = await db.Journals.UpdateAsync(l => l.Id == ledger.Id && l.Version == 0, new() { Label = "first" });
        Assert.Equal(1, updated.Version);

        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.Journals.UpdateAsync(l => l.Id == ledger.Id && l.Version == 0, new() { Label = "lost" }));
        Assert.Equal("L2001", stale.Code);
        Assert.Equal("Journal", stale.Model);
        Assert.Equal(["Version"], stale.Fields);
        Assert.Equal("first", await ReadLabelAsync(ledger.Id));
        Assert.Equal(1, await ReadVersionAsync(ledger.Id));

        // By another unique key, with nothing to set, and for delete: the same rule.
        var version = updated.Version;
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.Journals.UpdateAsync(l => l.Code == "ver-check" && l.Version == version + 1, new()));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.Journals.DeleteAsync(l => l.Id == ledger.Id && l.Version == 0));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => db.Journals.UpdateAsync(l => l.Id == -5 && l.Version == 0, new() { Label = "x" }));
        Assert.Equal("first", (await db.Journals.UpdateAsync(l => l.Code == "ver-check" && l.Version == version, new())).Label);

        var deleted = await db.Journals.DeleteAsync(l => l.Id == ledger.Id && l.Version == version);
        Assert.Equal(ledger.Id, deleted.Id);
        await Assert.ThrowsAsync<RecordNotFoundException>(() => db.Journals.DeleteAsync(l => l.Id == ledger.Id && l.Version == version));
    }

    [Fact]
    public async Task The_row_version_and_a_program_set_guid_are_tokens_too()
    {
        var db = fixture.Db;
        var ledger = await CreateAsync("ver-xmin");
        var before = ledger.RowVersion;
        var changed = await db.Journals.UpdateAsync(l => l.Id == ledger.Id && l.RowVersion == before, new() { Label = "x" });
        Assert.NotEqual(before, changed.RowVersion);
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.Journals.UpdateAsync(l => l.Id == ledger.Id && l.RowVersion == before, new() { Label = "y" }));
        Assert.Equal(["RowVersion"], conflict.Fields);

        var stamp = Guid.NewGuid();
        var entry = await db.JournalLines.CreateAsync(new() { JournalId = ledger.Id, At = Opens, Stamped = DateTime.UtcNow, Stamp = stamp });
        var next = Guid.NewGuid();
        var moved = await db.JournalLines.UpdateAsync(e => e.Id == entry.Id && e.Stamp == stamp, new() { Stamp = next, At = Opens.AddDays(1) });
        Assert.Equal(next, moved.Stamp);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.JournalLines.UpdateAsync(e => e.Id == entry.Id && e.Stamp == stamp, new() { Stamp = Guid.NewGuid() }));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.JournalLines.DeleteAsync(e => e.Id == entry.Id && e.Stamp == stamp));

        // A nested update through the parent checks the parent's token; a conflict rolls the children back.
        var nestedConflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.Journals.UpdateAsync(l => l.Id == ledger.Id && l.Version == 0,
            new() { Label = "nested", Entries = new() { DeleteMany = [e => e.Id == entry.Id] } }));
        Assert.Equal("Journal", nestedConflict.Model);
        Assert.Single(await db.JournalLines.Where(e => e.Id == entry.Id).ToListAsync());
        var version = (await db.Journals.FindUniqueAsync(l => l.Id == ledger.Id))!.Version;
        var nested = await db.Journals.UpdateAsync(l => l.Id == ledger.Id && l.Version == version,
            new() { Label = "nested", Entries = new() { DeleteMany = [e => e.Id == entry.Id] } });
        Assert.Equal(version + 1, nested.Version);
        Assert.Empty(await db.JournalLines.Where(e => e.Id == entry.Id).ToListAsync());
    }

    [Fact]
    public async Task Two_clients_racing_on_one_version_one_wins_the_other_conflicts()
    {
        var ledger = await CreateAsync("ver-race");
        await using var first = new TestDb(fixture.ConnectionString);
        await using var second = new TestDb(fixture.ConnectionString);
        var version = ledger.Version;

        // The first client's update holds the row lock in an open transaction; the second's identical update blocks on it,
        // then re-checks its WHERE against the committed row (READ COMMITTED) and finds the version moved on.
        var firstUpdated = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var winner = first.TransactionAsync(async tx =>
        {
            await tx.Journals.UpdateAsync(l => l.Id == ledger.Id && l.Version == version, new() { Label = "first", Amount = Op.Increment(10m) });
            firstUpdated.SetResult();
            await release.Task;
        });
        await firstUpdated.Task;
        var loser = second.Journals.UpdateAsync(l => l.Id == ledger.Id && l.Version == version, new() { Label = "second", Amount = Op.Increment(1m) });
        await WaitUntilBlockedAsync();
        release.SetResult();
        await winner;
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => loser);
        Assert.Equal("Journal", conflict.Model);
        Assert.Equal("first", await ReadLabelAsync(ledger.Id));
        Assert.Equal(10m, await ReadAmountAsync(ledger.Id));
        Assert.Equal(version + 1, await ReadVersionAsync(ledger.Id));
    }

    [Fact]
    public async Task Read_modify_write_workers_with_retries_lose_no_update()
    {
        var ledger = await CreateAsync("ver-many");
        const int Workers = 4;
        const int Increments = 10;
        var conflicts = 0;
        var clients = Enumerable.Range(0, Workers).Select(_ => new TestDb(fixture.ConnectionString)).ToList();
        try
        {
            await Task.WhenAll(clients.Select(client => Task.Run(async () =>
            {
                for (var i = 0; i < Increments; i++)
                {
                    while (true)
                    {
                        // A plain read, a computed value, a write guarded by the version read: the pattern the token exists for.
                        var row = (await client.Journals.FindUniqueAsync(l => l.Id == ledger.Id))!;
                        try
                        {
                            await client.Journals.UpdateAsync(l => l.Id == ledger.Id && l.Version == row.Version, new() { Amount = row.Amount + 1m });
                            break;
                        }
                        catch (ConcurrencyConflictException)
                        {
                            Interlocked.Increment(ref conflicts);
                        }
                    }
                }
            })));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }

        Assert.Equal(Workers * Increments, await ReadAmountAsync(ledger.Id));
        Assert.Equal(Workers * Increments, await ReadVersionAsync(ledger.Id));
    }

    [Fact]
    public async Task Sql_shape_of_a_checked_update_and_a_conflict()
    {
        var ledger = await CreateAsync("ver-sql");
        using var counter = new StatementCounter("\"Journal\"");
        await fixture.Db.Journals.UpdateAsync(l => l.Id == ledger.Id && l.Version == 0, new() { Label = "x" });
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => fixture.Db.Journals.DeleteAsync(l => l.Id == ledger.Id && l.Version == 0));
        var returning = "RETURNING " + string.Join(", ", new[] { "Id", "Code", "Label", "Amount", "Rate", "OpensAt", "ClosesAt", "BookedAt", "SettledAt", "Version", "xmin" }
            .Select(c => "\"target\".\"" + c + "\""));
        Assert.Equal(
        [
            "UPDATE \"Journal\" AS \"target\" SET \"Label\" = $1, \"Version\" = \"target\".\"Version\" + 1 WHERE (\"target\".\"Id\" = $2) AND (\"target\".\"Version\" = $3) " + returning,
            "DELETE FROM \"Journal\" AS \"target\" WHERE (\"target\".\"Id\" = $1) AND (\"target\".\"Version\" = $2) " + returning,
            "SELECT 1 FROM \"Journal\" AS \"target\" WHERE \"target\".\"Id\" = $1",
        ], counter.Statements);
    }

    [Fact]
    public async Task Upsert_filters_take_no_token()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.Journals.UpsertAsync(l => l.Code == "ver-up" && l.Version == 0,
            new() { Code = "ver-up", OpensAt = Opens, BookedAt = DateTime.UtcNow }, new() { Label = "x" }));
        Assert.Contains("not a unique key", error.Message, StringComparison.Ordinal);
    }

    private async Task WaitUntilBlockedAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        for (var i = 0; i < 200; i++)
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE%'", connection);
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("The second update never waited for the first one's row lock.");
    }

    private async Task<T> ScalarAsync<T>(string sql, int id)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = id } } };
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private Task<int> ReadVersionAsync(int id) => ScalarAsync<int>("SELECT \"Version\" FROM \"Journal\" WHERE \"Id\" = $1", id);

    private Task<string> ReadLabelAsync(int id) => ScalarAsync<string>("SELECT \"Label\" FROM \"Journal\" WHERE \"Id\" = $1", id);

    private Task<decimal> ReadAmountAsync(int id) => ScalarAsync<decimal>("SELECT \"Amount\" FROM \"Journal\" WHERE \"Id\" = $1", id);

    private Task<uint> ReadXminAsync(int id) => ScalarAsync<uint>("SELECT xmin FROM \"Journal\" WHERE \"Id\" = $1", id);
}

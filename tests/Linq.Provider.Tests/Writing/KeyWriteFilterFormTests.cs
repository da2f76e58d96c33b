using System.Linq.Expressions;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Linq.Querying.Filters;
using Linq.Writing;
using Linq.Writing.Caching;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// Writes by unique key (UpdateAsync, DeleteAsync, UpsertAsync, a nested update's root, the conflict check of a
/// concurrency token) on a client whose global filter covers the model. A filter over the row's own columns is written
/// in the statement's own WHERE over the filter's row alias (<c>WHERE ("t0"."Code" = $1) AND ("t0"."SettledAt" IS NULL)</c>);
/// a filter through a to-one navigation keeps <c>key IN (SELECT …)</c>. Every write runs on visible and hidden rows and
/// the table is read back with plain Npgsql against what LINQ-to-Objects expects over the rows read before; a repeated
/// write sends the first one's text (cached with the filter's plan), and the filter's captured values (a tenant) are
/// parameters bound per call, so two tenants share one text and still see only their own rows.
/// </summary>
public sealed class KeyWriteFilterFormTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string KeySubquery = " IN (SELECT ";
    private static readonly DateTime Opens = new(2024, 1, 1, 9, 0, 0, DateTimeKind.Unspecified);

    private sealed record JournalRow(int Id, string Code, string? Label, decimal Amount, int Version, bool Settled);

    private sealed record BoothRow(int Id, string Name, string? Owner, string? Note, int Visits);

    private sealed record SeatRow(string Row, int Number, string? Holder, int Price, string? Tag, int? BoothId);

    // The soft-delete filter: a settled journal is hidden.
    private static readonly Expression<Func<Journal, bool>> Unsettled = j => j.SettledAt == null;

    private static Func<JournalRow, bool> UnsettledRow => r => !r.Settled;

    private static Linq.Contract.ModelMetadata<T> MetadataOf<T>() where T : class, Linq.Contract.IModel<T> => T.Metadata;

    private static string NewMarker() => "k" + Guid.NewGuid().ToString("N")[..6];

    private TestDb SoftDeleting(TestDb db) => db.WithExtensions(x => x.Filter(Unsettled));

    // A tenant filter capturing the tenant: each client has its own value, all share the filter's shape.
    private static TestDb Tenant(TestDb db, string tenant) => db.WithExtensions(x => x.Filter<Booth>(b => b.Owner == tenant));

    // Journals m-0 … m-(n-1); every second one settled (hidden by the soft-delete filter).
    private async Task<List<JournalRow>> SeedJournalsAsync(string m, int n)
    {
        var values = string.Join(", ", Enumerable.Range(0, n).Select(i =>
            $"('{m}-{i}', 'l{i}', {i}, '2024-01-01 09:00', now(), {(i % 2 == 1 ? "now()" : "NULL")})"));
        await PlainRows.ReadAsync(fixture.ConnectionString,
            $"INSERT INTO \"Journal\" (\"Code\", \"Label\", \"Amount\", \"OpensAt\", \"BookedAt\", \"SettledAt\") VALUES {values} RETURNING 1", _ => 1);
        return await JournalsAsync(m);
    }

    private Task<List<JournalRow>> JournalsAsync(string m) => PlainRows.ReadAsync(fixture.ConnectionString,
        $"SELECT \"Id\", \"Code\", \"Label\", \"Amount\", \"Version\", \"SettledAt\" IS NOT NULL AS \"Settled\" FROM \"Journal\" WHERE \"Code\" LIKE '{m}-%' ORDER BY \"Id\"",
        r => new JournalRow(r.Get<int>("Id"), r.Get<string>("Code"), r.Ref<string>("Label"), r.Get<decimal>("Amount"), r.Get<int>("Version"), r.Get<bool>("Settled")));

    private async Task<List<BoothRow>> SeedBoothsAsync(string m, params string?[] owners)
    {
        var values = string.Join(", ", owners.Select((o, i) => $"('{m}-{i}', {(o is null ? "NULL" : $"'{o}'")}, 'Happy', {i})"));
        await PlainRows.ReadAsync(fixture.ConnectionString,
            $"INSERT INTO \"Booth\" (\"Name\", \"Owner\", \"Kind\", \"Visits\") VALUES {values} RETURNING 1", _ => 1);
        return await BoothsAsync(m);
    }

    private Task<List<BoothRow>> BoothsAsync(string m) => PlainRows.ReadAsync(fixture.ConnectionString,
        $"SELECT \"Id\", \"Name\", \"Owner\", \"Note\", \"Visits\" FROM \"Booth\" WHERE \"Name\" LIKE '{m}-%' ORDER BY \"Id\"",
        r => new BoothRow(r.Get<int>("Id"), r.Get<string>("Name"), r.Ref<string>("Owner"), r.Ref<string>("Note"), r.Get<int>("Visits")));

    private Task<List<SeatRow>> SeatsAsync(string m) => PlainRows.ReadAsync(fixture.ConnectionString,
        $"SELECT \"Row\", \"Number\", \"Holder\", \"Price\", \"Tag\", \"BoothId\" FROM \"Seat\" WHERE \"Row\" LIKE '{m}%' ORDER BY \"Row\", \"Number\"",
        r => new SeatRow(r.Get<string>("Row"), r.Get<int>("Number"), r.Ref<string>("Holder"), r.Get<int>("Price"), r.Ref<string>("Tag"), r.Value<int>("BoothId")));

    private StatementSpans Capture() => StatementSpans.Of(fixture.ConnectionString);

    private static List<string> Starting(StatementSpans sent, string prefix) =>
        [.. sent.Texts.Where(s => s.StartsWith(prefix, StringComparison.Ordinal))];

    [Fact]
    public async Task Update_and_delete_by_key_on_a_soft_delete_client_write_visible_rows_and_miss_hidden_ones_with_the_filter_in_their_own_where()
    {
        await using var plain = new TestDb(fixture.ConnectionString);
        var db = SoftDeleting(plain);
        var m = NewMarker();
        var before = await SeedJournalsAsync(m, 6);
        using var sent = Capture();

        // Each journal updated by its code: a label and an increment of the amount; the hidden ones are not found.
        var expected = before.ToList();
        for (var i = 0; i < before.Count; i++)
        {
            var row = before[i];
            var code = row.Code;
            var label = "u" + i;
            if (UnsettledRow(row))
            {
                var updated = await db.Journals.UpdateAsync(j => j.Code == code, new() { Label = label, Amount = Op.Increment(10m) });
                expected[i] = row with { Label = label, Amount = row.Amount + 10m, Version = row.Version + 1 };
                Assert.Equal((expected[i].Id, label, expected[i].Amount, expected[i].Version), (updated.Id, updated.Label, updated.Amount, updated.Version));
            }
            else
            {
                await Assert.ThrowsAsync<RecordNotFoundException>(() => db.Journals.UpdateAsync(j => j.Code == code, new() { Label = label, Amount = Op.Increment(10m) }));
            }

            Assert.Equal(expected, await JournalsAsync(m));
        }

        // Deleted by id: only the visible ones go.
        foreach (var row in before)
        {
            var id = row.Id;
            var outcome = await db.Journals.DeleteAsync(j => j.Id == id).AsResult();
            Assert.Equal(UnsettledRow(row) ? WriteOutcome.Ok : WriteOutcome.NotFound, outcome.Outcome);
        }

        Assert.Equal(expected.Where(r => !UnsettledRow(r)), await JournalsAsync(m));

        var updates = Starting(sent, "UPDATE \"Journal\"");
        var deletes = Starting(sent, "DELETE FROM \"Journal\"");
        Assert.Equal(6, updates.Count);
        Assert.Equal(6, deletes.Count);
        Assert.Single(updates.Distinct());
        Assert.Single(deletes.Distinct());
        Assert.Contains("WHERE (\"t0\".\"Code\" = $3) AND (\"t0\".\"SettledAt\" IS NULL) RETURNING ", updates[0], StringComparison.Ordinal);
        Assert.Contains("WHERE (\"t0\".\"Id\" = $1) AND (\"t0\".\"SettledAt\" IS NULL) RETURNING ", deletes[0], StringComparison.Ordinal);
        Assert.DoesNotContain(KeySubquery, updates[0], StringComparison.Ordinal);
        Assert.DoesNotContain(KeySubquery, deletes[0], StringComparison.Ordinal);

        // The plain client writes hidden rows and sends its own texts, without the filter.
        var hidden = before.First(r => !UnsettledRow(r));
        Assert.Equal("plain", (await plain.Journals.UpdateAsync(j => j.Code == hidden.Code, new() { Label = "plain", Amount = Op.Increment(10m) })).Label);
        Assert.DoesNotContain("IS NULL", Starting(sent, "UPDATE \"Journal\"")[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_write_by_key_binds_values_to_the_text_cached_with_the_filters_plan()
    {
        await using var plain = new TestDb(fixture.ConnectionString);
        var db = SoftDeleting(plain);
        var m = NewMarker();
        var rows = await SeedJournalsAsync(m, 6);
        var (filter, values) = FilterPlanner.Compile(db.Journals, Unsettled, applyFilters: false);
        var statements = FilteredStatementCache.Of(filter)!;
        var known = statements.Count;
        using var sent = Capture();

        await db.Journals.DeleteAsync(j => j.Code == rows[0].Code);
        Assert.Equal(known + 1, statements.Count);
        await db.Journals.DeleteAsync(j => j.Code == rows[2].Code);
        await Assert.ThrowsAsync<RecordNotFoundException>(() => db.Journals.DeleteAsync(j => j.Code == rows[1].Code));
        Assert.Equal(known + 1, statements.Count);

        // The shape of a delete by code, recorded as the writer records it: bound from the cache, the text the calls sent.
        var shape = new WriteShape('D');
        var code = rows[4].Code;
        KeyPredicate.BuildChecked(MetadataOf<Journal>(), (Expression<Func<Journal, bool>>)(j => j.Code == code), FilterPlanner.Target, out _, out _, shape);
        Assert.True(statements.TryBind(shape, values, out var bound));
        var deletes = Starting(sent, "DELETE FROM \"Journal\"");
        Assert.Equal([bound.Sql, bound.Sql, bound.Sql], deletes);
        Assert.Equal([code], bound.Parameters.Select(p => p.Value));

        // An update and an upsert: one more shape each, whatever the values.
        await db.Journals.UpdateAsync(j => j.Code == code, new() { Label = "a" });
        await db.Journals.UpdateAsync(j => j.Code == code, new() { Label = "b" });
        await db.Journals.UpsertAsync(j => j.Code == code, new() { Code = code, OpensAt = Opens, BookedAt = DateTime.UtcNow }, new() { Label = "c" });
        await db.Journals.UpsertAsync(j => j.Code == code, new() { Code = code, OpensAt = Opens, BookedAt = DateTime.UtcNow }, new() { Label = "d" });
        Assert.Equal(known + 3, statements.Count);
        Assert.Single(Starting(sent, "UPDATE \"Journal\"").Distinct());
        Assert.Single(Starting(sent, "INSERT INTO \"Journal\"").Distinct());
        Assert.Equal(["d"], (await JournalsAsync(m)).Where(r => r.Code == code).Select(r => r.Label));
    }

    [Fact]
    public async Task Upsert_on_a_soft_delete_client_updates_a_visible_row_creates_a_missing_one_and_refuses_a_hidden_one()
    {
        await using var plain = new TestDb(fixture.ConnectionString);
        var db = SoftDeleting(plain);
        var m = NewMarker();
        var before = await SeedJournalsAsync(m, 2);
        var (visible, hidden) = (before[0], before[1]);
        var missing = m + "-9";
        using var sent = Capture();

        JournalCreateInput Create(string code) => new() { Code = code, Label = "created", OpensAt = Opens, BookedAt = DateTime.UtcNow };
        var updated = await db.Journals.UpsertAsync(j => j.Code == visible.Code, Create(visible.Code), new() { Amount = Op.Increment(5m) });
        var refused = await db.Journals.UpsertAsync(j => j.Code == hidden.Code, Create(hidden.Code), new() { Amount = Op.Increment(5m) }).AsResult();
        var created = await db.Journals.UpsertAsync(j => j.Code == missing, Create(missing), new() { Amount = Op.Increment(5m) });

        Assert.Equal((visible.Id, visible.Amount + 5m, visible.Label), (updated.Id, updated.Amount, updated.Label));
        Assert.Equal(WriteOutcome.UniqueViolation, refused.Outcome);
        Assert.Equal(["Code"], refused.Error!.Fields);
        Assert.Equal(("created", 0m), (created.Label, created.Amount));
        var after = await JournalsAsync(m);
        Assert.Equal(
            [visible with { Amount = visible.Amount + 5m, Version = visible.Version + 1 }, hidden, new JournalRow(created.Id, missing, "created", 0m, 0, false)],
            after);

        var upserts = Starting(sent, "INSERT INTO \"Journal\"");
        Assert.Equal(3, upserts.Count);
        Assert.Single(upserts.Distinct());
        Assert.StartsWith("INSERT INTO \"Journal\" AS \"t0\" (", upserts[0], StringComparison.Ordinal);
        Assert.Contains("ON CONFLICT (\"Code\") DO UPDATE SET ", upserts[0], StringComparison.Ordinal);
        Assert.Contains(" WHERE \"t0\".\"SettledAt\" IS NULL RETURNING ", upserts[0], StringComparison.Ordinal);
        Assert.DoesNotContain(KeySubquery, upserts[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrency_tokens_on_a_soft_delete_client_conflict_on_a_visible_row_and_a_hidden_one_is_not_found()
    {
        await using var plain = new TestDb(fixture.ConnectionString);
        var db = SoftDeleting(plain);
        var m = NewMarker();
        var before = await SeedJournalsAsync(m, 2);
        var (visible, hidden) = (before[0], before[1]);
        using var sent = Capture();

        // The hidden row holds the token the call names: still not found. The visible one with a stale token: a conflict.
        await Assert.ThrowsAsync<RecordNotFoundException>(() => db.Journals.UpdateAsync(j => j.Code == hidden.Code && j.Version == 0, new() { Label = "x" }));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => db.Journals.DeleteAsync(j => j.Id == hidden.Id && j.Version == 0));
        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.Journals.UpdateAsync(j => j.Code == visible.Code && j.Version == 7, new() { Label = "x" }));
        Assert.Equal(["Version"], stale.Fields);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.Journals.DeleteAsync(j => j.Id == visible.Id && j.Version == 7));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.Journals.UpdateAsync(j => j.Code == visible.Code && j.Version == 7, new()));
        Assert.Equal(before, await JournalsAsync(m));

        // The token it holds: written.
        Assert.Equal(1, (await db.Journals.UpdateAsync(j => j.Code == visible.Code && j.Version == 0, new() { Label = "ok" })).Version);
        Assert.Equal([visible with { Label = "ok", Version = 1 }, hidden], await JournalsAsync(m));
        Assert.Equal(visible.Id, (await db.Journals.DeleteAsync(j => j.Id == visible.Id && j.Version == 1)).Id);
        Assert.Equal([hidden], await JournalsAsync(m));

        // The conflict check reads the row by its key and the filter, in the write's form.
        var checks = Starting(sent, "SELECT 1 FROM \"Journal\"");
        Assert.Equal(5, checks.Count);
        Assert.Equal("SELECT 1 FROM \"Journal\" AS \"t0\" WHERE (\"t0\".\"Code\" = $1) AND (\"t0\".\"SettledAt\" IS NULL)", checks[0]);
        Assert.All(Starting(sent, "UPDATE \"Journal\""), s => Assert.Contains("(\"t0\".\"Version\" = $", s, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_tenants_share_one_text_and_each_writes_only_its_own_rows()
    {
        await using var plain = new TestDb(fixture.ConnectionString);
        var m = NewMarker();
        var tenants = new[] { m + "a", m + "b" };
        var before = await SeedBoothsAsync(m, tenants[0], tenants[1], tenants[0], tenants[1], null);
        using var sent = Capture();

        // Every booth written through each tenant's client: the owner's client writes it, the other's does not find it.
        var expected = before.ToList();
        foreach (var tenant in tenants)
        {
            var client = Tenant(plain, tenant);
            for (var i = 0; i < before.Count; i++)
            {
                var name = before[i].Name;
                var note = tenant + "-" + i;
                var result = await client.Booths.UpdateAsync(b => b.Name == name, new() { Note = note, Visits = Op.Increment(1) }).AsResult();
                var mine = before[i].Owner == tenant;
                Assert.Equal(mine ? WriteOutcome.Ok : WriteOutcome.NotFound, result.Outcome);
                if (mine)
                {
                    expected[i] = expected[i] with { Note = note, Visits = expected[i].Visits + 1 };
                    Assert.Equal(expected[i], new BoothRow(result.Value!.Id, result.Value.Name, result.Value.Owner, result.Value.Note, result.Value.Visits));
                }
            }
        }

        Assert.Equal(expected, await BoothsAsync(m));

        // Upsert and delete of tenant a's first booth through tenant b: refused and not found; through a: written.
        var (a, b) = (Tenant(plain, tenants[0]), Tenant(plain, tenants[1]));
        var first = expected[0];
        BoothCreateInput Create() => new() { Name = first.Name, Owner = tenants[1], Kind = Mood.Happy, Visits = 0 };
        Assert.Equal(WriteOutcome.UniqueViolation, (await b.Booths.UpsertAsync(x => x.Name == first.Name, Create(), new() { Note = "b" }).AsResult()).Outcome);
        Assert.Equal("a", (await a.Booths.UpsertAsync(x => x.Name == first.Name, Create(), new() { Note = "a" })).Note);
        Assert.Equal(WriteOutcome.NotFound, (await b.Booths.DeleteAsync(x => x.Id == first.Id).AsResult()).Outcome);
        Assert.Equal(first.Id, (await a.Booths.DeleteAsync(x => x.Id == first.Id)).Id);
        Assert.Equal(expected.Skip(1), await BoothsAsync(m));

        var updates = Starting(sent, "UPDATE \"Booth\"");
        Assert.Equal(10, updates.Count);
        Assert.Single(updates.Distinct());
        Assert.Contains("WHERE (\"t0\".\"Name\" = $3) AND (\"t0\".\"Owner\" = $4)", updates[0], StringComparison.Ordinal);
        Assert.Single(Starting(sent, "INSERT INTO \"Booth\"").Distinct());
        Assert.Single(Starting(sent, "DELETE FROM \"Booth\"").Distinct());

        // A tenant whose captured value is NULL: another shape of the filter (IS NULL), its own rows.
        var nobody = Tenant(plain, null!);
        var orphan = expected[4];
        Assert.Equal("none", (await nobody.Booths.UpdateAsync(x => x.Name == orphan.Name, new() { Note = "none" })).Note);
        await Assert.ThrowsAsync<RecordNotFoundException>(() => nobody.Booths.UpdateAsync(x => x.Name == expected[1].Name, new() { Note = "none" }));
        Assert.Contains("AND (\"t0\".\"Owner\" IS NULL)", Starting(sent, "UPDATE \"Booth\"")[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filter_through_a_navigation_keeps_the_key_sub_select_for_every_write_by_key()
    {
        await using var plain = new TestDb(fixture.ConnectionString);
        var m = NewMarker();
        var owner = m + "o";
        var booths = await SeedBoothsAsync(m, owner, "other");
        await PlainRows.ReadAsync(fixture.ConnectionString,
            $"INSERT INTO \"Seat\" (\"Row\", \"Number\", \"Holder\", \"Price\", \"BoothId\") VALUES ('{m}', 0, 'h', 10, {booths[0].Id}), ('{m}', 1, 'h', 11, {booths[1].Id}), ('{m}', 2, NULL, 12, NULL), ('{m}', 3, 'h', 13, {booths[0].Id}) RETURNING 1",
            _ => 1);
        var db = plain.WithExtensions(x => x.Filter<Seat>(s => s.Booth != null && s.Booth.Owner == owner));
        var before = await SeatsAsync(m);
        var visibleBooths = booths.Where(b => b.Owner == owner).Select(b => b.Id).ToHashSet();
        bool Visible(SeatRow s) => s.BoothId is { } id && visibleBooths.Contains(id);
        using var sent = Capture();

        var expected = before.ToList();
        for (var i = 0; i < before.Count; i++)
        {
            var number = before[i].Number;
            var result = await db.Seats.UpdateAsync(s => s.Row == m && s.Number == number, new() { Tag = "t", Price = Op.Increment(1) }).AsResult();
            Assert.Equal(Visible(before[i]) ? WriteOutcome.Ok : WriteOutcome.NotFound, result.Outcome);
            if (Visible(before[i]))
            {
                expected[i] = expected[i] with { Tag = "t", Price = expected[i].Price + 1 };
            }
        }

        Assert.Equal(expected, await SeatsAsync(m));

        var upsert = await db.Seats.UpsertAsync(s => s.Row == m && s.Number == 0, new() { Row = m, Number = 0, Price = 0 }, new() { Holder = "u" });
        Assert.Equal("u", upsert.Holder);
        expected[0] = expected[0] with { Holder = "u" };
        Assert.Equal(WriteOutcome.UniqueViolation,
            (await db.Seats.UpsertAsync(s => s.Row == m && s.Number == 1, new() { Row = m, Number = 1, Price = 0 }, new() { Holder = "u" }).AsResult()).Outcome);
        foreach (var seat in before)
        {
            var number = seat.Number;
            Assert.Equal(Visible(seat) ? WriteOutcome.Ok : WriteOutcome.NotFound, (await db.Seats.DeleteAsync(s => s.Row == m && s.Number == number).AsResult()).Outcome);
        }

        Assert.Equal(expected.Where(s => !Visible(s)), await SeatsAsync(m));

        var updates = Starting(sent, "UPDATE \"Seat\"");
        var deletes = Starting(sent, "DELETE FROM \"Seat\"");
        var upserts = Starting(sent, "INSERT INTO \"Seat\"");
        Assert.Equal((4, 4, 2), (updates.Count, deletes.Count, upserts.Count));
        foreach (var texts in new[] { updates, deletes, upserts })
        {
            Assert.Single(texts.Distinct());
            Assert.Contains("ROW(\"target\".\"Row\", \"target\".\"Number\") IN (SELECT \"t0\".\"Row\", \"t0\".\"Number\" FROM \"Seat\" AS \"t0\" LEFT JOIN \"Booth\" AS \"t1\"", texts[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_nested_update_on_a_filtered_client_checks_its_root_in_the_statements_own_where_in_one_batch()
    {
        await using var plain = new TestDb(fixture.ConnectionString);
        var m = NewMarker();
        var tenant = m + "t";
        var booths = await SeedBoothsAsync(m, tenant, "other");
        var db = Tenant(plain, tenant);
        using var sent = Capture();

        // The other tenant's booth: not found, and its nested seat is not created (the batch rolled back).
        var theirs = booths[1];
        await Assert.ThrowsAsync<RecordNotFoundException>(() => db.Booths.UpdateAsync(b => b.Name == theirs.Name,
            new() { Note = "n", Seats = new() { Create = [new() { Row = m, Number = 1, Price = 1 }] } }));
        Assert.Empty(await SeatsAsync(m));
        Assert.Equal(booths, await BoothsAsync(m));

        // Its own booth: the seat created and the root updated in the same batch; then with nothing set on the root.
        var mine = booths[0];
        var updated = await db.Booths.UpdateAsync(b => b.Name == mine.Name,
            new() { Note = "n", Seats = new() { Create = [new() { Row = m, Number = 0, Price = 5 }] } });
        Assert.Equal("n", updated.Note);
        var read = await db.Booths.UpdateAsync(b => b.Name == mine.Name, new() { Seats = new() { UpdateMany = [new() { Where = s => s.Number == 0, Data = new() { Tag = "x" } }] } });
        Assert.Equal("n", read.Note);
        await Assert.ThrowsAsync<RecordNotFoundException>(() => db.Booths.UpdateAsync(b => b.Name == theirs.Name,
            new() { Seats = new() { UpdateMany = [new() { Where = s => s.Number == 0, Data = new() { Tag = "y" } }] } }));
        Assert.Equal([new SeatRow(m, 0, null, 5, "x", mine.Id)], await SeatsAsync(m));
        Assert.Equal([mine with { Note = "n" }, theirs], await BoothsAsync(m));

        var batches = sent.Statements.Where(s => s.Sql.Contains("\"Booth\" AS \"t0\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, batches.Count);
        // One span per call: the children's statement and the root's, sent together.
        Assert.All(batches, b => Assert.Equal(2, b.Sql.Split(";\n").Length));
        Assert.Equal(batches[0].Sql, batches[1].Sql);
        Assert.Contains(";\nUPDATE \"Booth\" AS \"t0\" SET \"Note\" = $1 WHERE (\"t0\".\"Name\" = $2) AND (\"t0\".\"Owner\" = $3) RETURNING ", batches[0].Sql, StringComparison.Ordinal);
        Assert.EndsWith(";\nSELECT \"t0\".\"Id\", \"t0\".\"Name\", \"t0\".\"Owner\", \"t0\".\"Kind\", \"t0\".\"Note\", \"t0\".\"Visits\" FROM \"Booth\" AS \"t0\" WHERE (\"t0\".\"Name\" = $1) AND (\"t0\".\"Owner\" = $2)", batches[2].Sql, StringComparison.Ordinal);
        Assert.DoesNotContain(KeySubquery, batches[0].Sql, StringComparison.Ordinal);
    }
}

using System.Linq.Expressions;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// UpdateMany and DeleteMany over many filters, in both forms of the statement: the predicate in the statement's own
/// WHERE (no join needed: columns, string operations, enums, NULL, relations through Any/All/Count) and the key
/// sub-SELECT (a to-one navigation, here over a composite primary key). Each case runs twice with other values (the
/// second call is served from the cached text) and the rows it touched must be exactly those LINQ-to-Objects picks over
/// the rows read with plain Npgsql before the call; the table is read back with plain Npgsql after it.
/// </summary>
public sealed class ManyWriteFormTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string KeySubquery = " IN (SELECT ";

    private sealed record BoothRow(int Id, string Name, string? Owner, Mood Kind, string? Note, int Visits);

    private sealed record SeatRow(string Row, int Number, string? Holder, int Price, Mood? Feeling, string? Tag, int? BoothId);

    private sealed record State(List<BoothRow> Booths, List<SeatRow> Seats)
    {
        // The rows as model objects with their relations, for LINQ-to-Objects; seatFilter hides seats from a booth's list
        // (an extended client's filter on the navigation's model).
        public (List<Booth> Booths, List<Seat> Seats) Graph(Func<SeatRow, bool>? seatFilter = null)
        {
            var booths = Booths.Select(b => new Booth { Id = b.Id, Name = b.Name, Owner = b.Owner, Kind = b.Kind, Note = b.Note, Visits = b.Visits }).ToList();
            var seats = Seats.Select(s => new Seat
            {
                Row = s.Row, Number = s.Number, Holder = s.Holder, Price = s.Price, Feeling = s.Feeling, Tag = s.Tag, BoothId = s.BoothId,
                Booth = booths.SingleOrDefault(b => b.Id == s.BoothId),
            }).ToList();
            foreach (var booth in booths)
            {
                booth.Seats = [.. seats.Where((s, i) => s.BoothId == booth.Id && (seatFilter is null || seatFilter(Seats[i])))];
            }

            return (booths, seats);
        }
    }

    // name -> (filter of the call k over the rows of marker m, whether it needs the key sub-SELECT, an in-memory
    // equivalent when the filter itself cannot run in memory).
    private static readonly Dictionary<string, (Func<string, int, Expression<Func<Booth, bool>>> Filter, bool Joins)> BoothCases = new()
    {
        ["string prefix"] = ((m, k) =>
        {
            var prefix = m + (k == 0 ? "-a" : "-b");
            return b => b.Name.StartsWith(prefix);
        }, false),
        ["nullable column equals a value"] = ((m, k) =>
        {
            var owner = k == 0 ? "o1" : "o2";
            return b => b.Name.StartsWith(m) && b.Owner == owner;
        }, false),
        ["nullable column differs from null, then from a value"] = ((m, k) =>
        {
            var owner = k == 0 ? null : "o1";
            return b => b.Name.StartsWith(m) && b.Owner != owner;
        }, false),
        ["enum"] = ((m, k) =>
        {
            var kind = k == 0 ? Mood.Happy : Mood.Sad;
            return b => b.Name.StartsWith(m) && b.Kind == kind;
        }, false),
        ["ends with or contains a nullable"] = ((m, k) =>
        {
            var (end, part) = k == 0 ? ("1", "2") : ("5", "1");
            return b => b.Name.StartsWith(m) && (b.Name.EndsWith(end) || (b.Owner != null && b.Owner.Contains(part)));
        }, false),
        ["relation some"] = ((m, k) =>
        {
            var price = 20 + 10 * k;
            return b => b.Name.StartsWith(m) && b.Seats.Any(s => s.Price > price && s.Holder != null);
        }, false),
        ["relation every"] = ((m, k) =>
        {
            var holder = k == 0 ? "h1" : "h0";
            return b => b.Name.StartsWith(m) && b.Seats.All(s => s.Holder != holder);
        }, false),
        ["relation count"] = ((m, k) =>
        {
            var least = 1 + k;
            return b => b.Name.StartsWith(m) && b.Seats.Count() >= least;
        }, false),
        ["relation count of a nullable enum: null, then a value"] = ((m, k) =>
        {
            Mood? feeling = k == 0 ? null : Mood.Meh;
            return b => b.Name.StartsWith(m) && b.Seats.Count(s => s.Feeling == feeling) > 0;
        }, false),
    };

    private static readonly Dictionary<string, (Func<string, int, Expression<Func<Seat, bool>>> Filter, bool Joins)> SeatCases = new()
    {
        ["nullable column: null, then a value"] = ((m, k) =>
        {
            var holder = k == 0 ? null : "h1";
            return s => s.Row.StartsWith(m) && s.Holder == holder;
        }, false),
        ["number range and nullable enum"] = ((m, k) =>
        {
            var low = 15 + 10 * k;
            Mood? feeling = k == 0 ? Mood.Happy : Mood.Meh;
            return s => s.Row.StartsWith(m) && s.Price >= low && s.Feeling != feeling;
        }, false),
        ["composite key columns"] = ((m, k) =>
        {
            var row = m + "-r" + (k + 2);
            var most = k;
            return s => s.Row == row && s.Number <= most;
        }, false),
        ["to-one navigation"] = ((m, k) =>
        {
            var end = k == 0 ? "1" : "3";
            return s => s.Row.StartsWith(m) && s.Booth != null && s.Booth.Name.EndsWith(end);
        }, true),
        ["to-one navigation to a nullable column: null, then a value"] = ((m, k) =>
        {
            var owner = k == 0 ? null : "o2";
            return s => s.Row.StartsWith(m) && s.Booth != null && s.Booth.Owner == owner;
        }, true),
        ["to-one navigation or a column"] = ((m, k) =>
        {
            var kind = k == 0 ? Mood.Sad : Mood.Happy;
            var below = 25 + k * 10;
            return s => s.Row.StartsWith(m) && ((s.Booth != null && s.Booth.Kind == kind) || s.Price < below);
        }, true),
    };

    public static TheoryData<string> BoothCaseNames => [.. BoothCases.Keys];

    public static TheoryData<string> SeatCaseNames => [.. SeatCases.Keys];

    private static Func<T, bool> InMemory<T>(Expression<Func<T, bool>> filter) => filter.Compile();

    private static string NewMarker() => "mf" + Guid.NewGuid().ToString("N")[..8];

    // Six booths (two without seats, one owner NULL in each three, two of each kind) and their seats, plus seats of
    // no booth, all named by the marker <paramref name="m"/>.
    private async Task<string> SeedAsync(string? m = null)
    {
        m ??= NewMarker();
        var booths = string.Join(", ", Enumerable.Range(0, 6).Select(i =>
            $"('{m}-{(char)('a' + (i % 3))}{i}', {(i % 3 == 0 ? "NULL" : $"'o{i % 3}'")}, '{(Mood)(i / 2 % 3)}', {i * 3})"));
        var ids = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"INSERT INTO \"Booth\" (\"Name\", \"Owner\", \"Kind\", \"Visits\") VALUES {booths} RETURNING \"Id\"", r => r.Get<int>("Id"));
        var seats = new List<string>();
        for (var i = 0; i <= 6; i++)
        {
            var booth = i < 6 ? ids[i].ToString(System.Globalization.CultureInfo.InvariantCulture) : "NULL";
            for (var j = 0; j < (i < 6 ? i % 4 : 3); j++)
            {
                var holder = (i + j) % 3 == 0 ? "NULL" : $"'h{(i + j) % 2}'";
                var feeling = (i + j) % 4 == 3 ? "NULL" : $"'{(Mood)((i + j) % 3)}'";
                seats.Add($"('{m}-r{i}', {j}, {holder}, {(10 * (j + 1)) + i}, {feeling}, {booth})");
            }
        }

        await PlainRows.ReadAsync(fixture.ConnectionString,
            $"INSERT INTO \"Seat\" (\"Row\", \"Number\", \"Holder\", \"Price\", \"Feeling\", \"BoothId\") VALUES {string.Join(", ", seats)} RETURNING 1", _ => 1);
        return m;
    }

    private async Task<State> ReadAsync(string m)
    {
        var booths = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT \"Id\", \"Name\", \"Owner\", \"Kind\"::text AS \"Kind\", \"Note\", \"Visits\" FROM \"Booth\" WHERE \"Name\" LIKE '{m}%' ORDER BY \"Id\"",
            r => new BoothRow(r.Get<int>("Id"), r.Get<string>("Name"), r.Ref<string>("Owner"), r.Enum<Mood>("Kind"), r.Ref<string>("Note"), r.Get<int>("Visits")));
        var seats = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT \"Row\", \"Number\", \"Holder\", \"Price\", \"Feeling\"::text AS \"Feeling\", \"Tag\", \"BoothId\" FROM \"Seat\" WHERE \"Row\" LIKE '{m}%' ORDER BY \"Row\", \"Number\"",
            r => new SeatRow(r.Get<string>("Row"), r.Get<int>("Number"), r.Ref<string>("Holder"), r.Get<int>("Price"), r.EnumN<Mood>("Feeling"), r.Ref<string>("Tag"), r.Value<int>("BoothId")));
        return new State(booths, seats);
    }

    // The statements sent to this class's database while the capture lives (reads are plain Npgsql, so not seen).
    private StatementSpans Capture() => StatementSpans.Of(fixture.ConnectionString);

    // The UPDATE and DELETE statements of this class's tables.
    private static List<string> Writes(StatementSpans sent) =>
        [.. sent.Texts.Where(s => s.StartsWith("UPDATE \"Booth\"", StringComparison.Ordinal) || s.StartsWith("UPDATE \"Seat\"", StringComparison.Ordinal)
            || s.StartsWith("DELETE FROM \"Booth\"", StringComparison.Ordinal) || s.StartsWith("DELETE FROM \"Seat\"", StringComparison.Ordinal))];

    // Two calls of each case, an update and a delete each; the second call of a shape sends the first one's text (its
    // values are other parameters), except in the cases whose two calls differ in shape ("then").
    private static void AssertFormAndReuse(List<string> writes, bool joins, string name)
    {
        AssertForm(writes, joins, 4);
        if (!name.Contains("then", StringComparison.Ordinal))
        {
            Assert.Equal(writes[0], writes[2]);
            Assert.Equal(writes[1], writes[3]);
        }
    }

    private static void AssertForm(IEnumerable<string> writes, bool joins, int expected)
    {
        var list = writes.ToList();
        Assert.Equal(expected, list.Count);
        Assert.All(list, sql => Assert.Equal(joins, sql.Contains(KeySubquery, StringComparison.Ordinal)));
    }

    // Each call of a case updates some rows and leaves some: a filter matching all or nothing would prove little.
    private static void AssertNotVacuous(List<(int Matched, int Rows)> calls) =>
        Assert.All(calls, c => Assert.InRange(c.Matched, 1, c.Rows - 1));

    // Booths: an update of columns no filter reads (a value and an increment), then a delete (their seats are detached: SET NULL).
    // Returns how many rows the update matched and how many there were, so a case can show it is not vacuous.
    private async Task<(int Matched, int Rows)> BoothWritesAsync(TestDb db, string m, Expression<Func<Booth, bool>> filter, int k, Func<State, Func<BoothRow, bool>> visible,
        Func<SeatRow, bool>? seatFilter = null)
    {
        var before = await ReadAsync(m);
        var (booths, _) = before.Graph(seatFilter);
        var test = InMemory(filter);
        var isVisible = visible(before);
        var matched = booths.Where((b, i) => isVisible(before.Booths[i]) && test(b)).Select(b => b.Id).ToHashSet();
        var note = "set" + k;

        Assert.Equal(matched.Count, await db.Booths.UpdateManyAsync(filter, new() { Note = note, Visits = Op.Increment(k + 1) }));
        var updated = await ReadAsync(m);
        Assert.Equal(before.Booths.Select(b => matched.Contains(b.Id) ? b with { Note = note, Visits = b.Visits + k + 1 } : b), updated.Booths);
        Assert.Equal(before.Seats, updated.Seats);

        // The delete decides over the rows as they are now.
        (booths, _) = updated.Graph(seatFilter);
        isVisible = visible(updated);
        matched = [.. booths.Where((b, i) => isVisible(updated.Booths[i]) && test(b)).Select(b => b.Id)];
        Assert.Equal(matched.Count, await db.Booths.DeleteManyAsync(filter));
        var deleted = await ReadAsync(m);
        Assert.Equal(updated.Booths.Where(b => !matched.Contains(b.Id)), deleted.Booths);
        Assert.Equal(updated.Seats.Select(s => s.BoothId is { } id && matched.Contains(id) ? s with { BoothId = null } : s), deleted.Seats);
        return (updated.Booths.Count(b => b.Note == note), before.Booths.Count);
    }

    // Seats: an increment of the price and a tag, then a delete.
    private async Task<(int Matched, int Rows)> SeatWritesAsync(TestDb db, string m, Expression<Func<Seat, bool>> filter, int k, Func<SeatRow, bool>? visible = null,
        Func<Seat, bool>? expected = null)
    {
        var before = await ReadAsync(m);
        var (_, seats) = before.Graph();
        var test = expected ?? InMemory(filter);
        var matched = seats.Where((s, i) => (visible is null || visible(before.Seats[i])) && test(s)).Select(s => (s.Row, s.Number)).ToHashSet();
        var tag = "set" + k;

        Assert.Equal(matched.Count, await db.Seats.UpdateManyAsync(filter, new() { Price = Op.Increment(k + 1), Tag = tag }));
        var updated = await ReadAsync(m);
        Assert.Equal(before.Seats.Select(s => matched.Contains((s.Row, s.Number)) ? s with { Price = s.Price + k + 1, Tag = tag } : s), updated.Seats);
        Assert.Equal(before.Booths, updated.Booths);

        (_, seats) = updated.Graph();
        matched = [.. seats.Where((s, i) => (visible is null || visible(updated.Seats[i])) && test(s)).Select(s => (s.Row, s.Number))];
        Assert.Equal(matched.Count, await db.Seats.DeleteManyAsync(filter));
        var deleted = await ReadAsync(m);
        Assert.Equal(updated.Seats.Where(s => !matched.Contains((s.Row, s.Number))), deleted.Seats);
        Assert.Equal(updated.Booths, deleted.Booths);
        return (updated.Seats.Count(s => s.Tag == tag), before.Seats.Count);
    }

    [Theory]
    [MemberData(nameof(BoothCaseNames))]
    public async Task Booth_update_and_delete_many_touch_the_rows_linq_to_objects_picks(string name)
    {
        await using var db = new TestDb(fixture.ConnectionString);
        var (filter, joins) = BoothCases[name];
        // One group of rows per call: the first call's delete leaves the second call's rows as seeded.
        string[] groups = [await SeedAsync(), await SeedAsync()];
        using var sent = Capture();
        var touched = new List<(int Matched, int Rows)>();
        for (var k = 0; k < 2; k++)
        {
            touched.Add(await BoothWritesAsync(db, groups[k], filter(groups[k], k), k, _ => _ => true));
        }

        AssertNotVacuous(touched);

        AssertFormAndReuse(Writes(sent), joins, name);
    }

    [Theory]
    [MemberData(nameof(SeatCaseNames))]
    public async Task Seat_update_and_delete_many_touch_the_rows_linq_to_objects_picks(string name)
    {
        await using var db = new TestDb(fixture.ConnectionString);
        var (filter, joins) = SeatCases[name];
        string[] groups = [await SeedAsync(), await SeedAsync()];
        using var sent = Capture();
        var touched = new List<(int Matched, int Rows)>();
        for (var k = 0; k < 2; k++)
        {
            touched.Add(await SeatWritesAsync(db, groups[k], filter(groups[k], k), k));
        }

        AssertNotVacuous(touched);

        AssertFormAndReuse(Writes(sent), joins, name);
    }

    [Fact]
    public async Task A_condition_through_a_join_and_through_a_sub_query_touch_the_same_rows()
    {
        await using var db = new TestDb(fixture.ConnectionString);
        var m = await SeedAsync();
        using var sent = Capture();
        for (var k = 0; k < 2; k++)
        {
            var owner = k == 0 ? "o1" : "o2";
            var kind = k == 0 ? Mood.Sad : Mood.Happy;
            // Through a sub-query over the booths: the direct form; the same condition in memory over the navigation.
            await SeatWritesAsync(db, m, s => s.Row.StartsWith(m) && db.Booths.Any(b => b.Id == s.BoothId && (b.Owner == owner || b.Kind == kind)), k,
                expected: s => s.Row.StartsWith(m, StringComparison.Ordinal) && s.Booth != null && (s.Booth.Owner == owner || s.Booth.Kind == kind));
        }

        AssertForm(Writes(sent), joins: false, 4);
        var m2 = await SeedAsync();
        for (var k = 0; k < 2; k++)
        {
            var owner = k == 0 ? "o1" : "o2";
            var kind = k == 0 ? Mood.Sad : Mood.Happy;
            await SeatWritesAsync(db, m2, s => s.Row.StartsWith(m2) && s.Booth != null && (s.Booth.Owner == owner || s.Booth.Kind == kind), k);
        }

        AssertForm(Writes(sent).Skip(4), joins: true, 4);
    }

    [Fact]
    public async Task An_extended_clients_global_filters_limit_both_forms_and_do_not_share_their_texts_with_the_plain_client()
    {
        await using var plain = new TestDb(fixture.ConnectionString);
        var db = plain.WithExtensions(x => x.Filter<Seat>(s => s.Holder != null).Filter<Booth>(b => b.Kind != Mood.Meh));
        static bool SeatVisible(SeatRow s) => s.Holder != null;
        using var sent = Capture();
        for (var round = 0; round < 2; round++)
        {
            // The extended client, then the plain one with the very same filters: the plain one touches hidden rows too.
            var m = await SeedAsync();
            for (var k = 0; k < 2; k++)
            {
                var (boothFilter, _) = BoothCases["relation count"];
                var (seatFilter, _) = SeatCases["to-one navigation"];
                if (round == 0)
                {
                    await BoothWritesAsync(db, m, boothFilter(m, k), k, _ => b => b.Kind != Mood.Meh, SeatVisible);
                    await SeatWritesAsync(db, m, seatFilter(m, k), k, SeatVisible);
                }
                else
                {
                    await BoothWritesAsync(plain, m, boothFilter(m, k), k, _ => _ => true);
                    await SeatWritesAsync(plain, m, seatFilter(m, k), k);
                }
            }
        }

        var writes = Writes(sent);
        Assert.Equal(16, writes.Count);
        // The extended client's texts carry its filters; the plain client's do not.
        Assert.Contains("\"Kind\" <> ", writes[0], StringComparison.Ordinal);
        Assert.DoesNotContain("\"Kind\" <> ", writes[8], StringComparison.Ordinal);
        Assert.DoesNotContain(KeySubquery, writes[0], StringComparison.Ordinal);
        Assert.Contains(KeySubquery, writes[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_forms_inside_an_interactive_transaction_commit_together_or_roll_back_together()
    {
        await using var db = new TestDb(fixture.ConnectionString);
        var m = await SeedAsync();
        var before = await ReadAsync(m);

        // Rolled back: nothing of either write stays.
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.TransactionAsync(async tx =>
        {
            Assert.True(await tx.Seats.UpdateManyAsync(s => s.Row.StartsWith(m) && s.Booth != null && s.Booth.Owner != null, new() { Price = Op.Multiply(2) }) > 0);
            Assert.True(await tx.Booths.DeleteManyAsync(b => b.Name.StartsWith(m) && b.Seats.Any()) > 0);
            throw new InvalidOperationException("roll back");
        }));
        Assert.Equal(before, await ReadAsync(m), new StateComparer());

        // Committed: the later write sees the earlier one's rows.
        var (graphBooths, graphSeats) = before.Graph();
        var doubled = graphSeats.Where(s => s.Booth != null && s.Booth.Owner != null).Select(s => (s.Row, s.Number)).ToHashSet();
        var (updated, deleted) = await db.TransactionAsync(async tx =>
        {
            var u = await tx.Seats.UpdateManyAsync(s => s.Row.StartsWith(m) && s.Booth != null && s.Booth.Owner != null, new() { Price = Op.Multiply(2) });
            var d = await tx.Booths.DeleteManyAsync(b => b.Name.StartsWith(m) && b.Seats.Any(s => s.Price >= 40));
            return (u, d);
        });
        Assert.Equal(doubled.Count, updated);
        var seatsAfterUpdate = before.Seats.Select(s => doubled.Contains((s.Row, s.Number)) ? s with { Price = s.Price * 2 } : s).ToList();
        var gone = graphBooths.Where(b => seatsAfterUpdate.Any(s => s.BoothId == b.Id && s.Price >= 40)).Select(b => b.Id).ToHashSet();
        Assert.Equal(gone.Count, deleted);
        var after = await ReadAsync(m);
        Assert.Equal(before.Booths.Where(b => !gone.Contains(b.Id)), after.Booths);
        Assert.Equal(seatsAfterUpdate.Select(s => s.BoothId is { } id && gone.Contains(id) ? s with { BoothId = null } : s), after.Seats);
    }

    [Fact]
    public async Task Batch_update_and_delete_many_use_the_same_forms()
    {
        await using var db = new TestDb(fixture.ConnectionString);
        var m = await SeedAsync();
        var before = await ReadAsync(m);
        var (graphBooths, graphSeats) = before.Graph();
        var renamed = graphBooths.Where(b => b.Seats.Count >= 2).Select(b => b.Id).ToHashSet();
        var removed = graphSeats.Where(s => s.Booth != null && s.Booth.Kind == Mood.Sad).Select(s => (s.Row, s.Number)).ToHashSet();
        using var sent = Capture();

        var (updated, deleted) = await db.TransactionAsync(
            Batch.UpdateMany(db.Booths, b => b.Name.StartsWith(m) && b.Seats.Count() >= 2, new BoothUpdateInput { Owner = "batch" }),
            Batch.DeleteMany(db.Seats, s => s.Row.StartsWith(m) && s.Booth != null && s.Booth.Kind == Mood.Sad));

        Assert.Equal((renamed.Count, removed.Count), (updated, deleted));
        var after = await ReadAsync(m);
        Assert.Equal(before.Booths.Select(b => renamed.Contains(b.Id) ? b with { Owner = "batch" } : b), after.Booths);
        Assert.Equal(before.Seats.Where(s => !removed.Contains((s.Row, s.Number))), after.Seats);
        var batch = string.Join("\n", sent.Texts);
        Assert.Contains("UPDATE \"Booth\" AS \"t0\" SET", batch, StringComparison.Ordinal);
        Assert.Contains("DELETE FROM \"Seat\" AS \"target\" WHERE ROW(\"target\".\"Row\", \"target\".\"Number\") IN (SELECT ", batch, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nested_update_many_and_delete_many_under_one_row_use_the_same_forms()
    {
        await using var db = new TestDb(fixture.ConnectionString);
        var m = await SeedAsync();
        var before = await ReadAsync(m);
        var (graphBooths, _) = before.Graph();
        // The booth with three seats (holders NULL, h0, h1); other booths have seats held by h1 too, which must stay.
        var booth = graphBooths.Single(b => b.Name == m + "-a3");
        var holder = "h1";
        var kind = booth.Kind;
        var below = 30;
        Func<Seat, bool> deletes = s => s.Holder == holder;
        Func<Seat, bool> updates = s => s.Booth != null && s.Booth.Kind == kind && s.Price < below;
        var deleted = booth.Seats.Where(deletes).Select(s => (s.Row, s.Number)).ToHashSet();
        var updated = booth.Seats.Where(s => !deletes(s) && updates(s)).Select(s => (s.Row, s.Number)).ToHashSet();
        Assert.NotEmpty(deleted);
        Assert.NotEmpty(updated);
        Assert.Contains(before.Seats, s => s.Holder == holder && s.BoothId != booth.Id);
        using var sent = Capture();

        await db.Booths.UpdateAsync(b => b.Id == booth.Id, new()
        {
            Seats = new()
            {
                DeleteMany = [s => s.Holder == holder],
                UpdateMany = [new() { Where = s => s.Booth != null && s.Booth.Kind == kind && s.Price < below, Data = new() { Tag = "nested", Price = Op.Increment(1) } }],
            },
        });

        var after = await ReadAsync(m);
        Assert.Equal(before.Booths, after.Booths);
        Assert.Equal(
            before.Seats.Where(s => !deleted.Contains((s.Row, s.Number))).Select(s => updated.Contains((s.Row, s.Number)) ? s with { Tag = "nested", Price = s.Price + 1 } : s),
            after.Seats);
        var batch = string.Join("\n", sent.Texts);
        Assert.Contains("DELETE FROM \"Seat\" AS \"t0\" WHERE (\"t0\".\"Holder\" = $", batch, StringComparison.Ordinal);
        Assert.Contains("UPDATE \"Seat\" AS \"target\" SET", batch, StringComparison.Ordinal);
        Assert.Contains("AND (\"t0\".\"BoothId\" = (SELECT ", batch, StringComparison.Ordinal);
    }

    private sealed record ArticleRow(int Id, string Title, int? Rank);

    [Fact]
    public async Task Many_to_many_relation_filters_are_direct_and_a_view_navigation_uses_the_key_form()
    {
        await using var db = new TestDb(fixture.ConnectionString);
        var m = NewMarker();
        // Five articles, three labels of weights 1, 2 and NULL: the first article has the light one, the second the heavy
        // one and the NULL one, the third only the NULL one, the fourth none, the fifth the light and the heavy ones.
        var articles = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"INSERT INTO \"Article\" (\"Title\", \"Rank\") SELECT '{m}-' || i, CASE WHEN i % 2 = 0 THEN NULL ELSE i END FROM generate_series(0, 4) i RETURNING \"Id\"",
            r => r.Get<int>("Id"));
        var labels = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"INSERT INTO \"Label\" (\"Name\", \"Weight\") VALUES ('{m}-l0', 1), ('{m}-l1', 2), ('{m}-l2', NULL) RETURNING \"Id\"", r => r.Get<int>("Id"));
        (int Article, int Label)[] pairs = [(0, 0), (1, 1), (1, 2), (2, 2), (4, 0), (4, 1)];
        var links = pairs.Select(p => (A: articles[p.Article], B: labels[p.Label])).ToList();
        await PlainRows.ReadAsync(fixture.ConnectionString,
            $"INSERT INTO \"_ArticleToLabel\" (\"A\", \"B\") VALUES {string.Join(", ", links.Select(l => $"({l.A}, {l.B})"))} RETURNING 1", _ => 1);
        int?[] weights = [1, 2, null];
        Task<List<ArticleRow>> ReadArticlesAsync() => PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT \"Id\", \"Title\", \"Rank\" FROM \"Article\" WHERE \"Title\" LIKE '{m}-%' ORDER BY \"Id\"",
            r => new ArticleRow(r.Get<int>("Id"), r.Get<string>("Title"), r.Value<int>("Rank")));
        List<Article> Graph(List<ArticleRow> rows) => [.. rows.Select(a => new Article
        {
            Id = a.Id, Title = a.Title, Rank = a.Rank,
            Labels = [.. links.Where(l => l.A == a.Id).Select(l => new Label { Id = l.B, Name = "", Weight = weights[labels.IndexOf(l.B)] })],
        })];
        using var sent = Capture();

        for (var k = 0; k < 2; k++)
        {
            var heavier = k;
            var before = await ReadArticlesAsync();
            var picked = Graph(before).Where(a => a.Labels.Any(l => l.Weight > heavier)).Select(a => a.Id).ToHashSet();
            Assert.InRange(picked.Count, 1, before.Count - 1);
            Assert.Equal(picked.Count, await db.Articles.UpdateManyAsync(a => a.Title.StartsWith(m) && a.Labels.Any(l => l.Weight > heavier), new() { Rank = 100 + k }));
            Assert.Equal(before.Select(a => picked.Contains(a.Id) ? a with { Rank = 100 + k } : a), await ReadArticlesAsync());
        }

        // Through the read-only view's to-one navigation (a join): the key form. The view counts the links.
        var least = 2;
        var rows = await ReadArticlesAsync();
        var counted = rows.Where(a => links.Count(l => l.A == a.Id) >= least).Select(a => a.Id).ToHashSet();
        Assert.InRange(counted.Count, 1, rows.Count - 1);
        Assert.Equal(counted.Count, await db.Articles.UpdateManyAsync(a => a.Title.StartsWith(m) && a.Stat != null && a.Stat.LabelCount >= least, new() { Rank = -1 }));
        Assert.Equal(rows.Select(a => counted.Contains(a.Id) ? a with { Rank = -1 } : a), await ReadArticlesAsync());

        // A delete by "no label of weight NULL … and every label light": the join rows go with the article (cascade).
        rows = await ReadArticlesAsync();
        var doomed = Graph(rows).Where(a => a.Labels.All(l => l.Weight != null && l.Weight < 2)).Select(a => a.Id).ToHashSet();
        Assert.InRange(doomed.Count, 1, rows.Count - 1);
        Assert.Equal(doomed.Count, await db.Articles.DeleteManyAsync(a => a.Title.StartsWith(m) && a.Labels.All(l => l.Weight != null && l.Weight < 2)));
        Assert.Equal(rows.Where(a => !doomed.Contains(a.Id)), await ReadArticlesAsync());

        var writes = sent.Texts.Where(s => s.StartsWith("UPDATE \"Article\"", StringComparison.Ordinal) || s.StartsWith("DELETE FROM \"Article\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, writes.Count);
        Assert.Equal(writes[0], writes[1]);
        Assert.DoesNotContain(KeySubquery, writes[0], StringComparison.Ordinal);
        Assert.Contains("\"article_stats\"", writes[2], StringComparison.Ordinal);
        Assert.Contains(KeySubquery, writes[2], StringComparison.Ordinal);
        Assert.DoesNotContain(KeySubquery, writes[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_to_set_sends_nothing_and_a_filter_that_cannot_be_translated_is_refused_first()
    {
        await using var db = new TestDb(fixture.ConnectionString);
        var m = await SeedAsync();
        using var sent = Capture();
        Assert.Equal(0, await db.Booths.UpdateManyAsync(b => b.Name.StartsWith(m), new()));
        Assert.Empty(Writes(sent));
        await Assert.ThrowsAsync<QueryTranslationException>(() => db.Booths.UpdateManyAsync(b => b.Name.StartsWith(m) && b.GetHashCode() == 1, new()));
        await Assert.ThrowsAsync<QueryTranslationException>(() => db.Booths.DeleteManyAsync(b => b.Name.StartsWith(m) && b.GetHashCode() == 1));
        Assert.Empty(Writes(sent));
    }

    private sealed class StateComparer : IEqualityComparer<State>
    {
        public bool Equals(State? x, State? y) => x!.Booths.SequenceEqual(y!.Booths) && x.Seats.SequenceEqual(y.Seats);

        public int GetHashCode(State obj) => 0;
    }
}

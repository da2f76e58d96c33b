using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Linq.Writing.Nested;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// The statements of an update with nested writes are cached per input shape: the root's UPDATE (or SELECT), the
/// children's writes by key (update, delete, disconnect, to-one update and delete) and their updateMany/deleteMany (with
/// the filter's plan). Each shape runs several times with other values: the rows written are read back with plain
/// Npgsql and compared with what LINQ-to-Objects expects over the rows read before; from the second call on every
/// cacheable statement is bound to its cached text (counted on the calling thread, where the batch is planned) and the
/// batch's text is the first call's; different shapes never share a text; errors found before SQL stay typed and write nothing.
/// </summary>
public sealed class NestedUpdateStatementCacheTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private sealed record BoothRow(int Id, string Name, string? Owner, string? Note, int Visits);

    private sealed record SeatRow(string Row, int Number, string? Holder, int Price, string? Tag, int? BoothId);

    private sealed record JournalRow(int Id, string Code, string? Label, decimal Amount, int Version);

    private sealed record LineRow(int Id, int JournalId, DateTime? AtN);

    private static string NewMarker() => "n" + Guid.NewGuid().ToString("N")[..6];

    // Booth m-0 with seats m/1 … m/n (price 10·i, holder h{i}); a second booth m-1 with seat m/99.
    private async Task<(BoothRow Booth, BoothRow Other)> SeedAsync(string m, int seats, string? owner = null)
    {
        var values = string.Join(", ", Enumerable.Range(1, seats).Select(i => $"('{m}', {i}, 'h{i}', {10 * i}, (SELECT \"Id\" FROM b WHERE \"Name\" = '{m}-0'))"));
        await PlainRows.ReadAsync(fixture.ConnectionString, $"""
            WITH b AS (INSERT INTO "Booth" ("Name", "Owner", "Kind", "Visits") VALUES ('{m}-0', {Quoted(owner)}, 'Happy', 0), ('{m}-1', {Quoted(owner)}, 'Happy', 0) RETURNING "Id", "Name"),
                 s AS (INSERT INTO "Seat" ("Row", "Number", "Holder", "Price", "BoothId") VALUES {values}, ('{m}', 99, 'other', 5, (SELECT "Id" FROM b WHERE "Name" = '{m}-1')))
            SELECT 1
            """, _ => 1);
        var booths = await BoothsAsync(m);
        return (booths[0], booths[1]);
    }

    private static string Quoted(string? value) => value is null ? "NULL" : $"'{value}'";

    private Task<List<BoothRow>> BoothsAsync(string m) => PlainRows.ReadAsync(fixture.ConnectionString,
        $"SELECT \"Id\", \"Name\", \"Owner\", \"Note\", \"Visits\" FROM \"Booth\" WHERE \"Name\" LIKE '{m}-%' ORDER BY \"Name\"",
        r => new BoothRow(r.Get<int>("Id"), r.Get<string>("Name"), r.Ref<string>("Owner"), r.Ref<string>("Note"), r.Get<int>("Visits")));

    private Task<List<SeatRow>> SeatsAsync(string m) => PlainRows.ReadAsync(fixture.ConnectionString,
        $"SELECT \"Row\", \"Number\", \"Holder\", \"Price\", \"Tag\", \"BoothId\" FROM \"Seat\" WHERE \"Row\" = '{m}' ORDER BY \"Number\"",
        r => new SeatRow(r.Get<string>("Row"), r.Get<int>("Number"), r.Ref<string>("Holder"), r.Get<int>("Price"), r.Ref<string>("Tag"), r.Value<int>("BoothId")));

    /// <summary>
    /// Runs one nested update: how many of its statements were bound to a cached text (planning and binding run on this
    /// thread before the call's first await), the batch's text, and the result.
    /// </summary>
    private async Task<(T Result, int Served, string Text)> RunAsync<T>(Func<Task<T>> call)
    {
        using var sent = StatementSpans.Of(fixture.ConnectionString);
        var before = NestedStepCache.ServedOnThisThread;
        var task = call();
        var served = NestedStepCache.ServedOnThisThread - before;
        var result = await task;
        var batch = Assert.Single(sent.Texts, t => t is not ("COMMIT" or "BEGIN") && !t.StartsWith("RELEASE", StringComparison.Ordinal) && !t.StartsWith("SAVEPOINT", StringComparison.Ordinal));
        return (result, served, batch);
    }

    [Fact]
    public async Task Child_writes_by_key_bind_each_calls_values_to_the_first_calls_texts()
    {
        var m = NewMarker();
        var (booth, other) = await SeedAsync(m, 9);
        var name = booth.Name;
        var expectedBooth = booth;
        var expectedSeats = await SeatsAsync(m);
        var texts = new List<string>();
        for (var round = 0; round < 3; round++)
        {
            // Each round: seat 3r+1 repriced and held, seat 3r+2 disconnected, seat 3r+3 deleted, the booth's visits incremented.
            var (updated, disconnected, deleted) = (3 * round + 1, 3 * round + 2, 3 * round + 3);
            var holder = "r" + round;
            var (result, served, text) = await RunAsync(() => fixture.Db.Booths.UpdateAsync(b => b.Name == name, new()
            {
                Visits = Op.Increment(round + 1),
                Note = "round " + round,
                Seats = new()
                {
                    Update = [new() { Where = s => s.Row == m && s.Number == updated, Data = new() { Price = Op.Increment(100 + round), Holder = holder } }],
                    Disconnect = [s => s.Row == m && s.Number == disconnected],
                    Delete = [s => s.Row == m && s.Number == deleted],
                },
            }));

            expectedBooth = expectedBooth with { Visits = expectedBooth.Visits + round + 1, Note = "round " + round };
            expectedSeats = [.. expectedSeats
                .Where(s => s.Number != deleted)
                .Select(s => s.Number == updated ? s with { Price = s.Price + 100 + round, Holder = holder } : s.Number == disconnected ? s with { BoothId = null } : s)];
            Assert.Equal((expectedBooth.Id, expectedBooth.Visits, expectedBooth.Note), (result.Id, result.Visits, result.Note));
            Assert.Equal(expectedBooth, (await BoothsAsync(m))[0]);
            Assert.Equal(expectedSeats, await SeatsAsync(m));
            Assert.Equal(other.Id, expectedSeats.Single(s => s.Number == 99).BoothId);

            // Root, update, disconnect and delete: all four from the cache once the shape is known.
            Assert.InRange(served, round == 0 ? 0 : 4, 4);
            texts.Add(text);
        }

        Assert.Single(texts.Distinct());
        Assert.StartsWith("UPDATE \"Seat\" AS \"target\" SET ", texts[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateMany_and_DeleteMany_of_children_bind_their_filter_values_per_call()
    {
        var m = NewMarker();
        var (booth, _) = await SeedAsync(m, 12);
        var id = booth.Id;
        var expected = await SeatsAsync(m);
        var texts = new List<string>();
        for (var round = 0; round < 3; round++)
        {
            // Seats priced at least 40·(r+1) tagged; the seat held by h{r+1} deleted; the other booth's seat 99 untouched.
            var floor = 40 * (round + 1);
            var tag = "t" + round;
            var holder = "h" + (round + 1);
            var (_, served, text) = await RunAsync(() => fixture.Db.Booths.UpdateAsync(b => b.Id == id, new()
            {
                Seats = new()
                {
                    UpdateMany = [new() { Where = s => s.Price >= floor, Data = new() { Tag = tag } }],
                    DeleteMany = [s => s.Holder == holder],
                },
            }));

            expected = [.. expected.Where(s => s.Holder != holder || s.BoothId != id).Select(s => s.BoothId == id && s.Price >= floor ? s with { Tag = tag } : s)];
            Assert.Equal(expected, await SeatsAsync(m));
            Assert.InRange(served, round == 0 ? 0 : 3, 3); // root SELECT, deleteMany, updateMany
            texts.Add(text);
        }

        Assert.Single(texts.Distinct());
        Assert.StartsWith("DELETE FROM \"Seat\"", texts[0], StringComparison.Ordinal);
        Assert.Contains("SELECT \"target\".\"Id\"", texts[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shapes_differing_in_how_a_field_is_set_in_item_counts_or_in_the_client_never_share_a_text()
    {
        var m = NewMarker();
        const string tenant = "tenant";
        var (booth, _) = await SeedAsync(m, 6, tenant);
        var name = booth.Name;
        var filtered = fixture.Db.WithExtensions(x => x.Filter<Booth>(b => b.Owner == tenant));
        var shapes = new (string Name, Func<TestDb, BoothUpdateInput> Input, Func<SeatRow, SeatRow> Seat1, Func<SeatRow, SeatRow> Seat2)[]
        {
            ("set", _ => One(m, new() { Price = 7 }), s => s with { Price = 7 }, s => s),
            ("increment", _ => One(m, new() { Price = Op.Increment(7) }), s => s with { Price = s.Price + 7 }, s => s),
            ("multiply", _ => One(m, new() { Price = Op.Multiply(2) }), s => s with { Price = s.Price * 2 }, s => s),
            ("tag set", _ => One(m, new() { Tag = "x" }), s => s with { Tag = "x" }, s => s),
            ("tag null", _ => One(m, new() { Tag = null }), s => s with { Tag = null }, s => s),
            ("two items", _ => new() { Seats = new() { Update = [Item(m, 1, new() { Holder = "a" }), Item(m, 2, new() { Holder = "b" })] } },
                s => s with { Holder = "a" }, s => s with { Holder = "b" }),
            ("root set", _ => new() { Note = "note", Seats = new() { Update = [Item(m, 1, new() { Price = 7 })] } }, s => s with { Price = 7 }, s => s),
        };

        var texts = new Dictionary<string, string>();
        var seats = await SeatsAsync(m);
        foreach (var client in new[] { fixture.Db, filtered })
        {
            foreach (var (shape, input, seat1, seat2) in shapes)
            {
                var key = (client == fixture.Db ? "plain " : "filtered ") + shape;
                for (var call = 0; call < 2; call++)
                {
                    var (_, served, text) = await RunAsync(() => client.Booths.UpdateAsync(b => b.Name == name, input(client)));
                    seats = [.. seats.Select(s => s.Number == 1 ? seat1(s) : s.Number == 2 ? seat2(s) : s)];
                    Assert.Equal(seats, await SeatsAsync(m));
                    if (call == 0)
                    {
                        texts.Add(key, text);
                    }
                    else
                    {
                        Assert.Equal(texts[key], text);
                        Assert.Equal(shape == "two items" ? 3 : 2, served);
                    }
                }
            }
        }

        // Setting a column to NULL sends NULL as a parameter: the same text as setting a value, from shapes of their own
        // (each binds its own parameters), as the stored rows after each call show. Every other pair of shapes differs.
        Assert.Equal(texts["plain tag set"], texts["plain tag null"]);
        Assert.Equal(texts["filtered tag set"], texts["filtered tag null"]);
        Assert.Equal(texts.Count - 2, texts.Values.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("\"t0\".\"Owner\" = $", texts["filtered set"], StringComparison.Ordinal);
        Assert.DoesNotContain("\"Owner\" = $", texts["plain set"], StringComparison.Ordinal);
    }

    private static BoothUpdateInput One(string m, SeatUpdateInput data) => new() { Seats = new() { Update = [Item(m, 1, data)] } };

    private static NestedUpdate<Seat, SeatUpdateInput> Item(string m, int number, SeatUpdateInput data) =>
        new() { Where = s => s.Row == m && s.Number == number, Data = data };

    [Fact]
    public async Task On_a_tenant_client_two_tenants_share_the_text_and_a_hidden_booth_is_not_found_with_nothing_written()
    {
        var m = NewMarker();
        var (mine, _) = await SeedAsync(m, 3, "alpha");
        var n = NewMarker();
        var (theirs, _) = await SeedAsync(n, 3, "beta");
        var alpha = fixture.Db.WithExtensions(x => x.Filter<Booth>(b => b.Owner == "alpha"));
        var beta = fixture.Db.WithExtensions(x => x.Filter<Booth>(b => b.Owner == "beta"));
        BoothUpdateInput Input(string row, int price) => new() { Visits = Op.Increment(1), Seats = new() { Update = [new() { Where = s => s.Row == row && s.Number == 1, Data = new() { Price = price } }] } };

        var first = await RunAsync(() => alpha.Booths.UpdateAsync(b => b.Id == mine.Id, Input(m, 11)));
        var second = await RunAsync(() => beta.Booths.UpdateAsync(b => b.Id == theirs.Id, Input(n, 12)));
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(2, second.Served);
        Assert.Equal((1, 11), (first.Result.Visits, (await SeatsAsync(m))[0].Price));
        Assert.Equal((1, 12), (second.Result.Visits, (await SeatsAsync(n))[0].Price));

        // alpha cannot see beta's booth: the batch rolls back, beta's seat keeps its price.
        var error = await Assert.ThrowsAsync<RecordNotFoundException>(() => alpha.Booths.UpdateAsync(b => b.Id == theirs.Id, Input(n, 13)));
        Assert.Equal(("Booth", "P2025"), (error.Model, error.Code));
        Assert.Equal(12, (await SeatsAsync(n))[0].Price);
        Assert.Equal(1, (await BoothsAsync(n))[0].Visits);
    }

    [Fact]
    public async Task A_root_comparing_its_token_has_its_own_text_and_a_stale_token_is_a_conflict_with_nothing_written()
    {
        var code = NewMarker();
        var journal = await fixture.Db.Journals.CreateAsync(new()
        {
            Code = code, Amount = 1m, OpensAt = new DateTime(2024, 1, 1), BookedAt = DateTime.UtcNow,
            Entries = new() { Create = [new() { At = new DateTime(2024, 1, 1), Stamped = DateTime.UtcNow, Stamp = Guid.NewGuid() }] },
        });
        var line = (await LinesAsync(journal.Id))[0];
        var texts = new List<string>();
        for (var round = 0; round < 3; round++)
        {
            var version = journal.Version;
            var at = new DateTime(2024, 2, 1 + round);
            var (updated, served, text) = await RunAsync(() => fixture.Db.Journals.UpdateAsync(j => j.Code == code && j.Version == version, new()
            {
                Amount = Op.Increment(1.25m),
                Entries = new() { Update = [new() { Where = l => l.Id == line.Id, Data = new() { AtN = at } }] },
            }));
            Assert.Equal((version + 1, 1m + (1.25m * (round + 1))), (updated.Version, updated.Amount));
            Assert.Equal([new JournalRow(journal.Id, code, null, updated.Amount, version + 1)], await JournalsAsync(code));
            Assert.Equal([line with { AtN = at }], await LinesAsync(journal.Id));
            Assert.InRange(served, round == 0 ? 0 : 2, 2);
            texts.Add(text);
            journal = updated;
        }

        // The same input by key alone: another text (no token comparison in the root's WHERE).
        var byKey = await RunAsync(() => fixture.Db.Journals.UpdateAsync(j => j.Code == code, new()
        {
            Amount = Op.Increment(1.25m),
            Entries = new() { Update = [new() { Where = l => l.Id == line.Id, Data = new() { AtN = new DateTime(2024, 3, 1) } }] },
        }));
        Assert.Single(texts.Distinct());
        Assert.NotEqual(texts[0], byKey.Text);

        // A stale version: a conflict, the line's write rolled back with the root's.
        var stale = journal.Version;
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => fixture.Db.Journals.UpdateAsync(j => j.Code == code && j.Version == stale, new()
        {
            Amount = Op.Increment(1.25m),
            Entries = new() { Update = [new() { Where = l => l.Id == line.Id, Data = new() { AtN = new DateTime(2030, 1, 1) } }] },
        }));
        Assert.Equal(new DateTime(2024, 3, 1), (await LinesAsync(journal.Id))[0].AtN);
        Assert.Equal(byKey.Result.Amount, (await JournalsAsync(code))[0].Amount);
    }

    private Task<List<JournalRow>> JournalsAsync(string code) => PlainRows.ReadAsync(fixture.ConnectionString,
        $"SELECT \"Id\", \"Code\", \"Label\", \"Amount\", \"Version\" FROM \"Journal\" WHERE \"Code\" = '{code}'",
        r => new JournalRow(r.Get<int>("Id"), r.Get<string>("Code"), r.Ref<string>("Label"), r.Get<decimal>("Amount"), r.Get<int>("Version")));

    private Task<List<LineRow>> LinesAsync(int journalId) => PlainRows.ReadAsync(fixture.ConnectionString,
        $"SELECT \"Id\", \"JournalId\", \"AtN\" FROM \"JournalLine\" WHERE \"JournalId\" = {journalId} ORDER BY \"Id\"",
        r => new LineRow(r.Get<int>("Id"), r.Get<int>("JournalId"), r.Value<DateTime>("AtN")));

    [Fact]
    public async Task Errors_before_sql_stay_typed_on_a_cached_shape_and_write_nothing()
    {
        var m = NewMarker();
        var (booth, other) = await SeedAsync(m, 3);
        var id = booth.Id;
        BoothUpdateInput Input(int number, int price) => new() { Note = "changed", Seats = new() { Update = [Item(m, number, new() { Price = price })] } };

        // The shape cached first.
        await fixture.Db.Booths.UpdateAsync(b => b.Id == id, Input(1, 1));
        await fixture.Db.Booths.UpdateAsync(b => b.Id == id, Input(1, 2));
        var booths = await BoothsAsync(m);
        var seats = await SeatsAsync(m);

        // Not a unique key: refused before SQL.
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.Booths.UpdateAsync(b => b.Id == id, new()
        {
            Note = "never", Seats = new() { Update = [new() { Where = s => s.Price == 20, Data = new() { Price = 5 } }] },
        }));

        // A division by zero: refused before SQL.
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.Booths.UpdateAsync(b => b.Id == id, new()
        {
            Note = "never", Seats = new() { Update = [Item(m, 1, new() { Price = Op.Divide(0) })] },
        }));

        // Another booth's seat (same cached shape): not found as the seat, P2025, the root's note not written.
        var missing = await Assert.ThrowsAsync<RecordNotFoundException>(() => fixture.Db.Booths.UpdateAsync(b => b.Id == id, Input(99, 3)));
        Assert.Equal(("Seat", "P2025"), (missing.Model, missing.Code));

        // A missing booth: reported as the booth.
        var gone = await Assert.ThrowsAsync<RecordNotFoundException>(() => fixture.Db.Booths.UpdateAsync(b => b.Id == -1, Input(1, 3)));
        Assert.Equal("Booth", gone.Model);

        Assert.Equal(booths, await BoothsAsync(m));
        Assert.Equal(seats, await SeatsAsync(m));
        Assert.Equal(other.Id, seats.Single(s => s.Number == 99).BoothId);
    }

    [Fact]
    public async Task Inside_an_interactive_transaction_cached_shapes_commit_and_roll_back_with_it()
    {
        var m = NewMarker();
        var (booth, _) = await SeedAsync(m, 4);
        var id = booth.Id;
        BoothUpdateInput Input(int number, int price) => new() { Visits = Op.Increment(1), Seats = new() { Update = [Item(m, number, new() { Price = price })], Delete = [s => s.Row == m && s.Number == number + 1] } };

        await fixture.Db.TransactionAsync(async tx =>
        {
            var first = await RunAsync(() => tx.Booths.UpdateAsync(b => b.Id == id, Input(1, 101)));
            var second = await RunAsync(() => tx.Booths.UpdateAsync(b => b.Id == id, Input(3, 103)));
            Assert.Equal(3, second.Served);
            Assert.Equal(first.Text, second.Text);
        });
        Assert.Equal(2, (await BoothsAsync(m))[0].Visits);
        Assert.Equal([(1, 101), (3, 103), (99, 5)], (await SeatsAsync(m)).Select(s => (s.Number, s.Price)));

        // A failure after a cached nested update rolls it back with the transaction.
        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Db.TransactionAsync(async tx =>
        {
            await tx.Booths.UpdateAsync(b => b.Id == id, new() { Visits = Op.Increment(1), Seats = new() { Update = [Item(m, 1, new() { Price = 1 })] } });
            throw new InvalidOperationException("abandon");
        }));
        Assert.Equal(2, (await BoothsAsync(m))[0].Visits);
        Assert.Equal(101, (await SeatsAsync(m))[0].Price);

        // A nested update that fails inside the transaction (a seat of nobody) leaves the transaction usable.
        await fixture.Db.TransactionAsync(async tx =>
        {
            await Assert.ThrowsAsync<RecordNotFoundException>(() => tx.Booths.UpdateAsync(b => b.Id == id, Input(50, 1)));
            await tx.Booths.UpdateAsync(b => b.Id == id, new() { Visits = Op.Increment(1), Seats = new() { Update = [Item(m, 1, new() { Price = 111 })] } });
        });
        Assert.Equal(3, (await BoothsAsync(m))[0].Visits);
        Assert.Equal(111, (await SeatsAsync(m))[0].Price);
    }

    [Fact]
    public async Task Creates_of_children_next_to_updates_are_cached_per_child_count_and_columns()
    {
        var m = NewMarker();
        var (booth, _) = await SeedAsync(m, 2);
        var id = booth.Id;
        var texts = new Dictionary<(int Children, bool Holder), string>();
        var expected = (await SeatsAsync(m)).ToList();
        var number = 10;
        foreach (var (children, holder) in new[] { (1, false), (1, false), (1, true), (2, false), (1, true), (2, false), (1, false), (3, true), (3, true) })
        {
            var price = 200 + number;
            var created = Enumerable.Range(0, children).Select(i => new SeatCreateInput { Row = m, Number = number + i, Price = number + i, Holder = holder ? "c" + i : null }).ToList();
            var (_, served, text) = await RunAsync(() => fixture.Db.Booths.UpdateAsync(b => b.Id == id, new()
            {
                Note = "n" + number,
                Seats = new() { Update = [Item(m, 1, new() { Price = price })], Create = [.. created.Select(c => new SeatCreateWithoutBoothInput { Row = c.Row, Number = c.Number, Price = c.Price, Holder = c.Holder })] },
            }));

            expected = [.. expected.Select(s => s.Number == 1 ? s with { Price = price } : s),
                .. created.Select(c => new SeatRow(m, c.Number, c.Holder, c.Price, null, id))];
            Assert.Equal(expected.OrderBy(s => s.Number), await SeatsAsync(m));
            Assert.Equal("n" + number, (await BoothsAsync(m))[0].Note);
            if (texts.TryGetValue((children, holder), out var known))
            {
                Assert.Equal(known, text);
                Assert.Equal(3, served); // the create, the update and the root
            }
            else
            {
                texts.Add((children, holder), text);
            }

            number += 10;
        }

        Assert.Equal(texts.Count, texts.Values.Distinct(StringComparer.Ordinal).Count());
        Assert.StartsWith("UPDATE \"Seat\"", texts[(1, false)], StringComparison.Ordinal);
        Assert.Contains("INSERT INTO \"Seat\"", texts[(1, false)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task To_one_update_delete_and_create_are_cached()
    {
        var email = NewMarker() + "@x.io";
        var user = await fixture.Db.Users.CreateAsync(new() { Email = email, Profile = new() { Create = new() { Bio = "b0" } } });
        var id = user.Id;
        for (var round = 1; round <= 3; round++)
        {
            var bio = "b" + round;
            var (_, served, _) = await RunAsync(() => fixture.Db.Users.UpdateAsync(u => u.Id == id, new() { Name = bio, Profile = new() { Update = new() { Bio = bio } } }));
            Assert.InRange(served, round == 1 ? 0 : 2, 2);
            Assert.Equal([(bio, bio)], await PlainRows.ReadAsync(fixture.ConnectionString,
                $"SELECT u.\"Name\", p.\"Bio\" FROM \"User\" u JOIN \"Profile\" p ON p.\"UserId\" = u.\"Id\" WHERE u.\"Id\" = {id}", r => (r.Get<string>("Name"), r.Get<string>("Bio"))));
        }

        await fixture.Db.Users.UpdateAsync(u => u.Id == id, new() { Profile = new() { Delete = true } });
        Assert.Equal(0, await PlainRows.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM \"Profile\" WHERE \"UserId\" = {id}"));
        var error = await Assert.ThrowsAsync<RecordNotFoundException>(() => fixture.Db.Users.UpdateAsync(u => u.Id == id, new() { Name = "never", Profile = new() { Delete = true } }));
        Assert.Equal("Profile", error.Model);
        Assert.Equal("b3", await PlainRows.ScalarAsync<string>(fixture.ConnectionString, $"SELECT \"Name\" FROM \"User\" WHERE \"Id\" = {id}"));

        // Created again and deleted again, twice: the to-one create and delete bound to their cached texts the second time.
        for (var round = 0; round < 2; round++)
        {
            var bio = "again " + round;
            var created = await RunAsync(() => fixture.Db.Users.UpdateAsync(u => u.Id == id, new() { Name = bio, Profile = new() { Create = new() { Bio = bio } } }));
            Assert.InRange(created.Served, round == 0 ? 0 : 2, 2);
            Assert.Equal([bio], await PlainRows.ReadAsync(fixture.ConnectionString, $"SELECT \"Bio\" FROM \"Profile\" WHERE \"UserId\" = {id}", r => r.Get<string>("Bio")));
            var deleted = await RunAsync(() => fixture.Db.Users.UpdateAsync(u => u.Id == id, new() { Name = bio, Profile = new() { Delete = true } }));
            Assert.InRange(deleted.Served, round == 0 ? 0 : 2, 2);
            Assert.Equal(0, await PlainRows.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM \"Profile\" WHERE \"UserId\" = {id}"));
        }
    }

    [Fact]
    public async Task Sql_snapshot_of_a_batch_of_every_cached_kind()
    {
        var m = NewMarker();
        var (booth, _) = await SeedAsync(m, 6);
        var id = booth.Id;
        string? text = null;
        var served = 0;
        for (var call = 0; call < 2; call++)
        {
            var first = 3 * call;
            var floor = 1000 + call;
            (_, served, text) = await RunAsync(() => fixture.Db.Booths.UpdateAsync(b => b.Id == id, new()
            {
                Visits = Op.Increment(1),
                Seats = new()
                {
                    Disconnect = [s => s.Row == m && s.Number == first + 1],
                    Delete = [s => s.Row == m && s.Number == first + 2],
                    DeleteMany = [s => s.Price > floor],
                    Update = [Item(m, first + 3, new() { Tag = null, Price = Op.Multiply(3) })],
                    UpdateMany = [new() { Where = s => s.Price > floor, Data = new() { Holder = "many" } }],
                    Create = [new() { Row = m, Number = 50 + call, Price = 1 }],
                },
            }));
        }

        Assert.Equal(7, served); // every statement of the second call bound to a cached text

        // The texts are the ones the uncached planner rendered (compared with main's when this cache was added).
        Assert.Equal(
            "UPDATE \"Seat\" AS \"target\" SET \"BoothId\" = NULL WHERE ((\"target\".\"Row\" = $1) AND (\"target\".\"Number\" = $2)) AND (\"target\".\"BoothId\" = (SELECT \"parent\".\"Id\" AS \"k\" FROM \"Booth\" AS \"parent\" WHERE \"parent\".\"Id\" = $3)) RETURNING 1;\n" +
            "DELETE FROM \"Seat\" AS \"target\" WHERE ((\"target\".\"Row\" = $1) AND (\"target\".\"Number\" = $2)) AND (\"target\".\"BoothId\" = (SELECT \"parent\".\"Id\" AS \"k\" FROM \"Booth\" AS \"parent\" WHERE \"parent\".\"Id\" = $3)) RETURNING 1;\n" +
            "DELETE FROM \"Seat\" AS \"t0\" WHERE (\"t0\".\"Price\" > $1) AND (\"t0\".\"BoothId\" = (SELECT \"parent\".\"Id\" AS \"k\" FROM \"Booth\" AS \"parent\" WHERE \"parent\".\"Id\" = $2)) RETURNING 1;\n" +
            "UPDATE \"Seat\" AS \"target\" SET \"Price\" = \"target\".\"Price\" * $1, \"Tag\" = $2 WHERE ((\"target\".\"Row\" = $3) AND (\"target\".\"Number\" = $4)) AND (\"target\".\"BoothId\" = (SELECT \"parent\".\"Id\" AS \"k\" FROM \"Booth\" AS \"parent\" WHERE \"parent\".\"Id\" = $5)) RETURNING 1;\n" +
            "UPDATE \"Seat\" AS \"t0\" SET \"Holder\" = $1 WHERE (\"t0\".\"Price\" > $2) AND (\"t0\".\"BoothId\" = (SELECT \"parent\".\"Id\" AS \"k\" FROM \"Booth\" AS \"parent\" WHERE \"parent\".\"Id\" = $3)) RETURNING 1;\n" +
            "WITH \"ins0\" AS (INSERT INTO \"Seat\" (\"Row\", \"Number\", \"Holder\", \"Price\", \"Feeling\", \"Tag\", \"BoothId\") SELECT \"u\".\"c0\", \"u\".\"c1\", NULL::text, \"u\".\"c2\", NULL::\"mood\", NULL::text, \"p\".\"k\" FROM (VALUES ($1::text, $2::integer, $3::integer)) AS \"u\"(\"c0\", \"c1\", \"c2\") INNER JOIN (SELECT \"parent\".\"Id\" AS \"k\" FROM \"Booth\" AS \"parent\" WHERE \"parent\".\"Id\" = $4) AS \"p\" ON TRUE) SELECT 1;\n" +
            "UPDATE \"Booth\" AS \"target\" SET \"Visits\" = \"target\".\"Visits\" + $1 WHERE \"target\".\"Id\" = $2 RETURNING \"target\".\"Id\", \"target\".\"Name\", \"target\".\"Owner\", \"target\".\"Kind\", \"target\".\"Note\", \"target\".\"Visits\"",
            text);
    }
}

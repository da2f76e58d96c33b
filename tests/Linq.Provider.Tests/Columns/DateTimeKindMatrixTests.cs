using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Columns;

/// <summary>
/// One rule on every read path: a <c>timestamptz</c> <c>DateTime</c> reads back with <see cref="DateTimeKind.Utc"/>, a
/// <c>timestamp without time zone</c> one (<c>[WithoutTimeZone]</c>) with <see cref="DateTimeKind.Unspecified"/>, and
/// both with the stored value. Expected values are read with plain Npgsql.
/// </summary>
[Collection("Journal")]
public sealed class DateTimeKindMatrixTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Prefix = "kind-";

    private sealed record Stored(int JournalId, DateTime OpensAt, DateTime? ClosesAt, DateTime BookedAt, DateTime? SettledAt, List<(DateTime At, DateTime? AtN, DateTime Stamped)> Entries);

    private List<Stored> _expected = [];

    public async Task InitializeAsync()
    {
        var db = fixture.Db;
        if (await db.Journals.AnyAsync(l => l.Code == Prefix + "0"))
        {
            _expected = await ReadWithNpgsqlAsync();
            return;
        }

        for (var i = 0; i < 3; i++)
        {
            var ledger = await db.Journals.CreateAsync(new()
            {
                Code = Prefix + i,
                OpensAt = new DateTime(2024, 3, 10, 2, 30, 0, DateTimeKind.Unspecified).AddDays(i).AddTicks(10 * (i + 1)),
                ClosesAt = i == 1 ? null : new DateTime(2024, 12, 31, 23, 59, 59, DateTimeKind.Local),
                BookedAt = new DateTime(2024, 3, 10, 2, 30, 0, DateTimeKind.Utc).AddHours(i),
                SettledAt = i == 2 ? null : new DateTime(1999, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            });
            for (var j = 0; j < 2; j++)
            {
                await db.JournalLines.CreateAsync(new()
                {
                    JournalId = ledger.Id,
                    At = new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Unspecified).AddMinutes(10 * i + j),
                    AtN = j == 0 ? null : new DateTime(2025, 1, 1, 8, 0, 0, DateTimeKind.Unspecified),
                    Stamped = new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc).AddSeconds(i + j),
                    Stamp = Guid.NewGuid(),
                });
            }
        }

        _expected = await ReadWithNpgsqlAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_read_path_gives_utc_for_timestamptz_and_unspecified_for_timestamp()
    {
        // A session time zone with an odd offset: any conversion between the two types on the way would shift values.
        await using var db = new TestDb(fixture.ConnectionString + ";Timezone=Asia/Kathmandu");
        Assert.Equal(["Asia/Kathmandu"], await db.QueryRawAsync<string>($"SELECT current_setting('TimeZone')"));
        var checks = 0;

        void Local(DateTime? expected, DateTime? actual, string path)
        {
            Assert.True(expected == actual, $"{path}: expected {expected:O}, got {actual:O}");
            if (actual is { } value)
            {
                Assert.True(value.Kind == DateTimeKind.Unspecified, $"{path}: timestamp read as {value.Kind}");
            }

            checks++;
        }

        void Utc(DateTime? expected, DateTime? actual, string path)
        {
            Assert.True(expected == actual, $"{path}: expected {expected:O}, got {actual:O}");
            if (actual is { } value)
            {
                Assert.True(value.Kind == DateTimeKind.Utc, $"{path}: timestamptz read as {value.Kind}");
            }

            checks++;
        }

        void Journals(IEnumerable<Journal> ledgers, string path, bool withEntries)
        {
            var list = ledgers.OrderBy(l => l.Id).ToList();
            Assert.Equal(_expected.Select(e => e.JournalId), list.Select(l => l.Id));
            foreach (var (ledger, expected) in list.Zip(_expected))
            {
                Local(expected.OpensAt, ledger.OpensAt, path + " OpensAt");
                Local(expected.ClosesAt, ledger.ClosesAt, path + " ClosesAt");
                Utc(expected.BookedAt, ledger.BookedAt, path + " BookedAt");
                Utc(expected.SettledAt, ledger.SettledAt, path + " SettledAt");
                if (withEntries)
                {
                    Entries(ledger.Entries.OrderBy(e => e.Id).Select(e => (e.At, e.AtN, e.Stamped)), expected, path + " entries");
                }
            }
        }

        void Entries(IEnumerable<(DateTime At, DateTime? AtN, DateTime Stamped)> entries, Stored expected, string path)
        {
            var list = entries.ToList();
            Assert.Equal(expected.Entries.Count, list.Count);
            foreach (var (actual, wanted) in list.Zip(expected.Entries))
            {
                Local(wanted.At, actual.At, path + " At");
                Local(wanted.AtN, actual.AtN, path + " AtN");
                Utc(wanted.Stamped, actual.Stamped, path + " Stamped");
            }
        }

        var mine = db.Journals.Where(l => l.Code.StartsWith(Prefix));

        // Top-level rows (generated materializer) and a top-level projection (typed scalar reads).
        Journals(await mine.ToListAsync(), "rows", withEntries: false);
        var projected = await mine.OrderBy(l => l.Id).Select(l => new { l.OpensAt, l.ClosesAt, l.BookedAt, l.SettledAt }).ToListAsync();
        foreach (var (p, e) in projected.Zip(_expected))
        {
            Local(e.OpensAt, p.OpensAt, "projection OpensAt");
            Local(e.ClosesAt, p.ClosesAt, "projection ClosesAt");
            Utc(e.BookedAt, p.BookedAt, "projection BookedAt");
            Utc(e.SettledAt, p.SettledAt, "projection SettledAt");
        }

        // Include through related-row JSON (Join) and through the follow-up statement (Query), to-many and to-one.
        Journals(await mine.Include(l => l.Entries).ToListAsync(), "include join", withEntries: true);
        Journals(await mine.Include(l => l.Entries, LoadStrategy.Query).ToListAsync(), "include query", withEntries: true);
        foreach (var strategy in new[] { LoadStrategy.Join, LoadStrategy.Query })
        {
            var entries = await db.JournalLines.Where(e => e.Journal!.Code.StartsWith(Prefix)).Include(e => e.Journal, strategy).ToListAsync();
            Assert.Equal(_expected.Sum(e => e.Entries.Count), entries.Count);
            Journals(entries.Select(e => e.Journal!).DistinctBy(l => l.Id), "to-one include " + strategy, withEntries: false);
        }

        // Nested select (JSON) of a projection, and scalar lists.
        var nested = await mine.OrderBy(l => l.Id).Select(l => new
        {
            l.Id,
            Entries = l.Entries.OrderBy(e => e.Id).Select(e => new { e.At, e.AtN, e.Stamped }).ToList(),
            Ats = l.Entries.OrderBy(e => e.Id).Select(e => e.At).ToList(),
            Stampeds = l.Entries.OrderBy(e => e.Id).Select(e => e.Stamped).ToList(),
        }).ToListAsync();
        foreach (var (n, e) in nested.Zip(_expected))
        {
            Entries(n.Entries.Select(x => (x.At, x.AtN, x.Stamped)), e, "nested select");
            Assert.Equal(e.Entries.Count, n.Ats.Count);
            foreach (var (at, wanted) in n.Ats.Zip(e.Entries))
            {
                Local(wanted.At, at, "scalar list At");
            }

            foreach (var (stamped, wanted) in n.Stampeds.Zip(e.Entries))
            {
                Utc(wanted.Stamped, stamped, "scalar list Stamped");
            }
        }

        // A to-one navigation's columns in a projection (joined), and its entity in a nested select (JSON).
        var joined = await db.JournalLines.Where(e => e.Journal!.Code.StartsWith(Prefix)).OrderBy(e => e.Id)
            .Select(e => new { e.JournalId, e.At, Opens = e.Journal!.OpensAt, Booked = e.Journal.BookedAt, Owner = e.Journal }).ToListAsync();
        Assert.Equal(_expected.Sum(e => e.Entries.Count), joined.Count);
        foreach (var j in joined)
        {
            var e = _expected.Single(x => x.JournalId == j.JournalId);
            Local(e.OpensAt, j.Opens, "joined to-one OpensAt");
            Utc(e.BookedAt, j.Booked, "joined to-one BookedAt");
            Local(e.OpensAt, j.Owner!.OpensAt, "projected to-one entity OpensAt");
            Utc(e.BookedAt, j.Owner.BookedAt, "projected to-one entity BookedAt");
        }

        // Aggregates.
        Local(_expected.Max(e => e.OpensAt), await mine.MaxAsync(l => l.OpensAt), "Max timestamp");
        Local(_expected.Min(e => e.ClosesAt), await mine.MinAsync(l => l.ClosesAt), "Min timestamp?");
        Utc(_expected.Max(e => e.BookedAt), await mine.MaxAsync(l => l.BookedAt), "Max timestamptz");
        Utc(_expected.Min(e => e.SettledAt), await mine.MinAsync(l => l.SettledAt), "Min timestamptz?");

        // Raw SQL: into the model (xmin named, it is a system column) and into scalars.
        var raw = await db.QueryRawAsync<Journal>($"SELECT *, xmin FROM \"Journal\" WHERE \"Code\" LIKE {Prefix + "%"}");
        Journals(raw, "raw model", withEntries: false);
        var rawLocal = await db.QueryRawAsync<DateTime>($"SELECT \"OpensAt\" FROM \"Journal\" WHERE \"Code\" LIKE {Prefix + "%"} ORDER BY \"Id\"");
        foreach (var (value, e) in rawLocal.Zip(_expected))
        {
            Local(e.OpensAt, value, "raw scalar timestamp");
        }

        var rawUtc = await db.QueryRawAsync<DateTime>($"SELECT \"BookedAt\" FROM \"Journal\" WHERE \"Code\" LIKE {Prefix + "%"} ORDER BY \"Id\"");
        foreach (var (value, e) in rawUtc.Zip(_expected))
        {
            Utc(e.BookedAt, value, "raw scalar timestamptz");
        }

        // Keyset pages ordered by each kind: the page token carries the key with its kind, so page two continues exactly.
        var byLocal = await ReadPagesAsync(mine.OrderBy(l => l.OpensAt).ThenBy(l => l.Id));
        Assert.Equal(_expected.OrderBy(e => e.OpensAt).ThenBy(e => e.JournalId).Select(e => e.JournalId), byLocal.Select(l => l.Id));
        Journals(byLocal, "pages by timestamp", withEntries: false);
        var byUtc = await ReadPagesAsync(mine.OrderByDescending(l => l.BookedAt).ThenBy(l => l.Id).Include(l => l.Entries));
        Assert.Equal(_expected.OrderByDescending(e => e.BookedAt).ThenBy(e => e.JournalId).Select(e => e.JournalId), byUtc.Select(l => l.Id));
        Journals(byUtc, "pages by timestamptz", withEntries: true);

        // Write paths return the stored row: update and delete RETURNING.
        var first = _expected[0];
        var updated = await db.Journals.UpdateAsync(l => l.Id == first.JournalId, new() { Label = "touched" });
        Local(first.OpensAt, updated.OpensAt, "update returning");
        Utc(first.BookedAt, updated.BookedAt, "update returning");

        Assert.True(checks > 150, $"only {checks} checks ran");
    }

    [Fact]
    public async Task Date_parts_of_both_kinds_ignore_the_session_time_zone()
    {
        await using var db = new TestDb(fixture.ConnectionString + ";Timezone=Asia/Kathmandu");
        var parts = await db.Journals.Where(l => l.Code.StartsWith(Prefix)).OrderBy(l => l.Id)
            .Select(l => new { l.OpensAt.Hour, l.OpensAt.Minute, l.OpensAt.Day, l.OpensAt.Date, BookedHour = l.BookedAt.Hour, BookedDate = l.BookedAt.Date })
            .ToListAsync();
        var expected = _expected.Select(e => new { e.OpensAt.Hour, e.OpensAt.Minute, e.OpensAt.Day, e.OpensAt.Date, BookedHour = e.BookedAt.Hour, BookedDate = e.BookedAt.Date }).ToList();
        Assert.Equal(expected, parts);
        Assert.All(parts, p => Assert.Equal(DateTimeKind.Unspecified, p.Date.Kind));
        Assert.All(parts, p => Assert.Equal(DateTimeKind.Utc, p.BookedDate.Kind));

        var hour = _expected[0].OpensAt.Hour;
        var filtered = await db.Journals.Where(l => l.Code.StartsWith(Prefix) && l.OpensAt.Hour == hour).OrderBy(l => l.Id).Select(l => l.Id).ToListAsync();
        Assert.Equal(_expected.Where(e => e.OpensAt.Hour == hour).Select(e => e.JournalId), filtered);
    }

    [Fact]
    public async Task Sql_shape_related_row_json_converts_only_timestamptz()
    {
        using var counter = new StatementCounter("\"JournalLine\"");
        await fixture.Db.Journals.Where(l => l.Code == Prefix + "0").Select(l => new { l.Entries, Ats = l.Entries.Select(e => e.At).ToList() }).ToListAsync();
        var sql = Assert.Single(counter.Statements);
        Assert.Matches("""json_build_array\([^)]*timezone\('UTC', "\w+"\."Stamped"\)""", sql);
        Assert.Matches("""json_build_array\("\w+"\."Id", "\w+"\."JournalId", "\w+"\."At", "\w+"\."AtN", timezone""", sql);
        Assert.DoesNotMatch("""timezone\('UTC', "\w+"\."At"\)""", sql);
    }

    [Fact]
    public async Task A_utc_value_for_a_timestamp_column_is_refused_before_any_sql()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.Journals.CreateAsync(new()
        {
            Code = "tz-utc",
            OpensAt = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            BookedAt = DateTime.UtcNow,
        }));
        Assert.Contains("Journal.OpensAt", error.Message, StringComparison.Ordinal);
        Assert.Contains("SpecifyKind", error.Message, StringComparison.Ordinal);
        Assert.Empty(await fixture.Db.Journals.Where(l => l.Code == "tz-utc").ToListAsync());

        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.Journals.UpdateAsync(l => l.Code == Prefix + "0",
            new() { ClosesAt = DateTime.UtcNow }));
    }

    [Fact]
    public async Task A_local_value_is_stored_as_its_wall_clock_time()
    {
        var local = new DateTime(2024, 7, 4, 9, 15, 0, DateTimeKind.Local);
        var created = await fixture.Db.Journals.CreateAsync(new() { Code = "tz-local", OpensAt = local, BookedAt = DateTime.UtcNow });
        Assert.Equal(DateTimeKind.Unspecified, created.OpensAt.Kind);
        Assert.Equal(local.Ticks, created.OpensAt.Ticks);
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"OpensAt\"::text FROM \"Journal\" WHERE \"Id\" = $1", connection) { Parameters = { new() { Value = created.Id } } };
        Assert.Equal("2024-07-04 09:15:00", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Filters_on_a_timestamp_column_compare_wall_clock_times()
    {
        var db = fixture.Db;
        var cut = _expected[1].OpensAt;
        var later = await db.Journals.Where(l => l.Code.StartsWith(Prefix) && l.OpensAt >= cut).OrderBy(l => l.Id).Select(l => l.Id).ToListAsync();
        Assert.Equal(_expected.Where(e => e.OpensAt >= cut).Select(e => e.JournalId), later);
        var none = await db.Journals.Where(l => l.Code.StartsWith(Prefix) && l.ClosesAt == null).Select(l => l.Id).ToListAsync();
        Assert.Equal(_expected.Where(e => e.ClosesAt is null).Select(e => e.JournalId), none);
    }

    private static async Task<List<Journal>> ReadPagesAsync(IQueryable<Journal> query)
    {
        var all = new List<Journal>();
        string? after = null;
        do
        {
            var page = await query.ToPageAsync(2, after);
            all.AddRange(page.Items);
            after = page.NextCursor;
        }
        while (after is not null);
        return all;
    }

    private async Task<List<Stored>> ReadWithNpgsqlAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        var ledgers = new List<Stored>();
        await using (var command = new NpgsqlCommand(
            "SELECT \"Id\", \"OpensAt\", \"ClosesAt\", \"BookedAt\", \"SettledAt\" FROM \"Journal\" WHERE \"Code\" LIKE 'kind-%' ORDER BY \"Id\"", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ledgers.Add(new Stored(reader.GetInt32(0), reader.GetDateTime(1), reader.IsDBNull(2) ? null : reader.GetDateTime(2),
                    reader.GetDateTime(3), reader.IsDBNull(4) ? null : reader.GetDateTime(4), []));
            }
        }

        foreach (var ledger in ledgers)
        {
            await using var command = new NpgsqlCommand("SELECT \"At\", \"AtN\", \"Stamped\" FROM \"JournalLine\" WHERE \"JournalId\" = $1 ORDER BY \"Id\"", connection)
            {
                Parameters = { new() { Value = ledger.JournalId } },
            };
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ledger.Entries.Add((reader.GetDateTime(0), reader.IsDBNull(1) ? null : reader.GetDateTime(1), reader.GetDateTime(2)));
            }
        }

        // Plain Npgsql's own rule, which the library must match on every path.
        Assert.All(ledgers, l => Assert.Equal(DateTimeKind.Unspecified, l.OpensAt.Kind));
        Assert.All(ledgers, l => Assert.Equal(DateTimeKind.Utc, l.BookedAt.Kind));
        return ledgers;
    }
}

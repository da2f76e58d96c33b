using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Batching;

/// <summary>
/// <see cref="LinqDatabaseOptions.BatchFinds"/>: many concurrent <c>FindUniqueAsync</c> calls of one shape go to the
/// server as a few statements, and every caller gets exactly the row its own find returns alone: found, not found,
/// the same key several times in one batch, every key type (short, long, Guid, date, numeric at another scale,
/// timestamptz at another offset, a UTC DateTime, timestamp, time, varchar, citext, a composite enum + int key), with and without prepared statements.
/// Expected rows are read with plain Npgsql; the same calls without the option give the same results.
/// </summary>
public sealed class BatchedFindTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const int Rows = 30;
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private List<Ring> _rows = [];
    private string _database = "";

    internal sealed record Ring(int Id, short Small, long Big, Guid Token, DateOnly Day, decimal Amount, DateTimeOffset At, string Code, string Name, Mood Kind, int Slot,
        string? Note, int? Count, Mood? Feeling, DateTime Stamp, DateTime Local, TimeOnly Time)
    {
        public static Ring? Of(KeyRing? k) => k is null ? null : new(k.Id, k.Small, k.Big, k.Token, k.Day, k.Amount, k.At.ToUniversalTime(), k.Code, k.Name, k.Kind, k.Slot, k.Note, k.Count, k.Feeling,
            k.Stamp, k.Local, k.Time);
    }

    public async Task InitializeAsync()
    {
        _database = new NpgsqlConnectionStringBuilder(fixture.ConnectionString).Database!;
        await using (var source = NpgsqlDataSource.Create(fixture.ConnectionString))
        {
            // A case-insensitive column: the batch must compare as the single find does (its parameter is text).
            await source.CreateCommand("CREATE EXTENSION IF NOT EXISTS citext; ALTER TABLE \"KeyRing\" ALTER COLUMN \"Name\" TYPE citext").ExecuteNonQueryAsync();
        }

        // The class's tests share its database: seeded by the first.
        for (var i = await PlainRows.ScalarAsync<long>(fixture.ConnectionString, "SELECT count(*) FROM \"KeyRing\"") == 0 ? 0 : Rows; i < Rows; i++)
        {
            await fixture.Db.KeyRings.CreateAsync(new()
            {
                Small = (short)(i * 3), Big = 10_000_000_000L + i, Token = TokenOf(i), Day = new DateOnly(2020, 1, 1).AddDays(i), Amount = 1.5m + i,
                At = Epoch.AddMinutes(i), Code = "C" + i, Name = "Name" + i, Kind = (Mood)(i % 3), Slot = i / 3,
                Note = i % 2 == 0 ? null : "n" + i, Count = i % 3 == 0 ? null : i, Feeling = i % 4 == 0 ? null : (Mood)(i % 3),
                Stamp = Epoch.UtcDateTime.AddSeconds(i), Local = new DateTime(2024, 6, 1, 12, 0, 0, DateTimeKind.Unspecified).AddHours(i), Time = new TimeOnly(8, 0).AddMinutes(i),
            });
        }

        _rows = await PlainRows.ReadAsync(fixture.ConnectionString,
            "SELECT \"Id\", \"Small\", \"Big\", \"Token\", \"Day\", \"Amount\", \"At\", \"Code\", \"Name\"::text AS \"Name\", \"Kind\"::text AS \"Kind\", \"Slot\", \"Note\", \"Count\", \"Feeling\"::text AS \"Feeling\", \"Stamp\", \"Local\", \"Time\" FROM \"KeyRing\"",
            r => new Ring(r.Get<int>("Id"), r.Get<short>("Small"), r.Get<long>("Big"), r.Get<Guid>("Token"), r.Get<DateOnly>("Day"), r.Get<decimal>("Amount"),
                r.Get<DateTime>("At") is var at ? new DateTimeOffset(at, TimeSpan.Zero) : default, r.Get<string>("Code"), r.Get<string>("Name"), r.Enum<Mood>("Kind"),
                r.Get<int>("Slot"), r.Ref<string>("Note"), r.Value<int>("Count"), r.EnumN<Mood>("Feeling"), r.Get<DateTime>("Stamp"), r.Get<DateTime>("Local"),
                r.Get<TimeOnly>("Time")));
        Assert.Equal(Rows, _rows.Count);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static Guid TokenOf(int i) => new($"00000000-0000-0000-0000-{i:D12}");

    private TestDb Client(bool batched, bool prepared = false, string extra = "")
    {
        var options = new LinqDatabaseOptions().UseNpgsql(fixture.ConnectionString + extra);
        options.BatchFinds = batched;
        options.PrepareStatements = prepared;
        return new TestDb(options);
    }

    // One call per key type and value, with its expected row by LINQ to Objects over the rows plain Npgsql read.
    // Values past the rows are not found; each value is asked for twice (the same key twice in a batch).
    private List<(string Key, Func<TestDb, Task<KeyRing?>> Find, Ring? Expected)> Calls(Func<string, Ring?> byOtherCaseName)
    {
        var calls = new List<(string, Func<TestDb, Task<KeyRing?>>, Ring?)>();
        for (var repeat = 0; repeat < 2; repeat++)
        {
            for (var i = 0; i < Rows + 6; i++)
            {
                var small = (short)(i * 3);
                var big = 10_000_000_000L + i;
                var token = TokenOf(i);
                var day = new DateOnly(2020, 1, 1).AddDays(i);
                var amount = decimal.Parse((1.5m + i).ToString("F4", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture); // another scale, same number
                var at = Epoch.AddMinutes(i).ToOffset(TimeSpan.FromHours(2)); // another offset, same instant
                var code = "C" + i;
                var name = "Name" + i;
                var otherCase = "NAME" + i;
                var kind = (Mood)(i % 3);
                var slot = i / 3;
                var id = i < Rows ? _rows[i].Id : -i;
                var stamp = Epoch.UtcDateTime.AddSeconds(i);
                var local = new DateTime(2024, 6, 1, 12, 0, 0, DateTimeKind.Unspecified).AddHours(i);
                var time = new TimeOnly(8, 0).AddMinutes(i);
                calls.Add(("id", db => db.KeyRings.FindUniqueAsync(k => k.Id == id), _rows.SingleOrDefault(r => r.Id == id)));
                calls.Add(("small", db => db.KeyRings.FindUniqueAsync(k => k.Small == small), _rows.SingleOrDefault(r => r.Small == small)));
                calls.Add(("big", db => db.KeyRings.FindUniqueAsync(k => k.Big == big), _rows.SingleOrDefault(r => r.Big == big)));
                calls.Add(("token", db => db.KeyRings.FindUniqueAsync(k => k.Token == token), _rows.SingleOrDefault(r => r.Token == token)));
                calls.Add(("day", db => db.KeyRings.FindUniqueAsync(k => k.Day == day), _rows.SingleOrDefault(r => r.Day == day)));
                calls.Add(("amount", db => db.KeyRings.FindUniqueAsync(k => k.Amount == amount), _rows.SingleOrDefault(r => r.Amount == amount)));
                calls.Add(("at", db => db.KeyRings.FindUniqueAsync(k => k.At == at), _rows.SingleOrDefault(r => r.At == at)));
                calls.Add(("code", db => db.KeyRings.FindUniqueAsync(k => k.Code == code), _rows.SingleOrDefault(r => r.Code == code)));
                calls.Add(("name", db => db.KeyRings.FindUniqueAsync(k => k.Name == name), _rows.SingleOrDefault(r => r.Name == name)));
                calls.Add(("name-case", db => db.KeyRings.FindUniqueAsync(k => k.Name == otherCase), byOtherCaseName(otherCase)));
                calls.Add(("stamp", db => db.KeyRings.FindUniqueAsync(k => k.Stamp == stamp), _rows.SingleOrDefault(r => r.Stamp == stamp)));
                calls.Add(("local", db => db.KeyRings.FindUniqueAsync(k => k.Local == local), _rows.SingleOrDefault(r => r.Local == local)));
                calls.Add(("time", db => db.KeyRings.FindUniqueAsync(k => k.Time == time), _rows.SingleOrDefault(r => r.Time == time)));
                calls.Add(("kind+slot", db => db.KeyRings.FindUniqueAsync(k => k.Kind == kind && k.Slot == slot), _rows.SingleOrDefault(r => r.Kind == kind && r.Slot == slot)));
            }
        }

        return calls;
    }

    // What the server's comparison of the citext column with a text parameter returns, read with plain Npgsql.
    private async Task<Func<string, Ring?>> OtherCaseNamesAsync()
    {
        var found = new Dictionary<string, int>();
        await using var source = NpgsqlDataSource.Create(fixture.ConnectionString);
        for (var i = 0; i < Rows + 6; i++)
        {
            await using var command = source.CreateCommand("SELECT \"Id\" FROM \"KeyRing\" WHERE \"Name\" = $1");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "NAME" + i, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            if (await command.ExecuteScalarAsync() is int id)
            {
                found["NAME" + i] = id;
            }
        }

        return name => found.TryGetValue(name, out var id) ? _rows.Single(r => r.Id == id) : null;
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task Concurrent_finds_return_what_each_find_returns_alone(bool batched, bool prepared)
    {
        var calls = Calls(await OtherCaseNamesAsync());
        using var spans = new StatementSpans(_database);
        await using var db = Client(batched, prepared);
        // Started in one loop without awaiting: the first finds of each shape are in flight while the others queue.
        var tasks = calls.Select(c => c.Find(db)).ToList();
        var results = await Task.WhenAll(tasks);
        for (var i = 0; i < calls.Count; i++)
        {
            Assert.True(calls[i].Expected == Ring.Of(results[i]), $"{calls[i].Key} #{i}: expected {calls[i].Expected}, got {Ring.Of(results[i])}");
        }

        Assert.Contains(calls, c => c.Expected is null);
        Assert.Contains(calls, c => c.Key == "name-case");
        var finds = spans.Statements.Where(s => s.Sql.Contains("\"KeyRing\"", StringComparison.Ordinal)).ToList();
        if (batched)
        {
            // Fewer statements than calls: the queued callers went together (each statement says for how many).
            Assert.Contains(finds, s => s.BatchSize > 1 && s.Sql.Contains("WITH ORDINALITY", StringComparison.Ordinal));
            Assert.True(finds.Count < calls.Count, $"{finds.Count} statements for {calls.Count} finds");
            Assert.Equal(calls.Count, finds.Sum(s => Math.Max(1, s.BatchSize)));
        }
        else
        {
            Assert.Equal(calls.Count, finds.Count);
            Assert.DoesNotContain(finds, s => s.BatchSize > 0 || s.Sql.Contains("ORDINALITY", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_batched_statement_keeps_the_find_as_a_lateral_sub_select_and_numbers_the_callers()
    {
        using var spans = new StatementSpans(_database);
        await using var db = Client(batched: true);
        var tasks = Enumerable.Range(0, 12).Select(i => db.KeyRings.FindUniqueAsync(k => k.Kind == (Mood)(i % 3) && k.Slot == i)).ToList();
        await Task.WhenAll(tasks);
        var batched = spans.Statements.First(s => s.BatchSize > 1).Sql;
        Assert.Equal(
            "SELECT \"batch_row\".\"c0\", \"batch_row\".\"c1\", \"batch_row\".\"c2\", \"batch_row\".\"c3\", \"batch_row\".\"c4\", \"batch_row\".\"c5\", \"batch_row\".\"c6\", "
            + "\"batch_row\".\"c7\", \"batch_row\".\"c8\", \"batch_row\".\"c9\", \"batch_row\".\"c10\", \"batch_row\".\"c11\", \"batch_row\".\"c12\", \"batch_row\".\"c13\", \"batch_row\".\"c14\", \"batch_row\".\"c15\", \"batch_row\".\"c16\", "
            + "\"batch_keys\".\"ordinal\" FROM unnest($1, $2) WITH ORDINALITY AS \"batch_keys\"(\"key1\", \"key2\", \"ordinal\") CROSS JOIN LATERAL (SELECT "
            + "\"t0\".\"Id\" AS \"c0\", \"t0\".\"Small\" AS \"c1\", \"t0\".\"Big\" AS \"c2\", \"t0\".\"Token\" AS \"c3\", \"t0\".\"Day\" AS \"c4\", \"t0\".\"Amount\" AS \"c5\", "
            + "\"t0\".\"At\" AS \"c6\", \"t0\".\"Code\" AS \"c7\", \"t0\".\"Name\" AS \"c8\", \"t0\".\"Kind\" AS \"c9\", \"t0\".\"Slot\" AS \"c10\", \"t0\".\"Note\" AS \"c11\", "
            + "\"t0\".\"Count\" AS \"c12\", \"t0\".\"Feeling\" AS \"c13\", \"t0\".\"Stamp\" AS \"c14\", \"t0\".\"Local\" AS \"c15\", \"t0\".\"Time\" AS \"c16\" FROM \"KeyRing\" AS \"t0\" WHERE (\"t0\".\"Kind\" = \"batch_keys\".\"key1\") AND (\"t0\".\"Slot\" = \"batch_keys\".\"key2\") LIMIT 1) AS \"batch_row\"",
            batched);
    }
}

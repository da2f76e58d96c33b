using System.Text.Json;
using Linq.Contract;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Linq.Writing;
using Linq.Writing.Caching;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// createMany's cached unnest statements (<see cref="UnnestInsertCache"/>): a repeated call of one shape (the columns
/// a group of rows sets, skipDuplicates, returning) is served from the cache with the very text the first call
/// rendered, whatever its row count; shapes that differ never share a text; and a served call stores exactly what
/// its inputs say. Every row is read back with plain Npgsql and compared with the inputs (LINQ to Objects).
/// </summary>
public sealed class CreateManyStatementCacheTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static ModelMetadata<T> MetadataOf<T>() where T : class, IModel<T> => T.Metadata;

    // The shape of the group an input falls into, as createMany computes it.
    private static RowCollector.RowShape ShapeOf<T>(ICreateInput<T> input) where T : class, IModel<T>
    {
        var row = new RowCollector(MetadataOf<T>().Columns.Count);
        input.WriteTo(row);
        return row.Mask;
    }

    private sealed record StoredUser(int Id, string Email, string? Name, string Role);

    private async Task<List<StoredUser>> UsersAsync(string tag) =>
        await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT \"Id\", \"Email\", \"Name\", \"Role\"::text AS \"Role\" FROM \"User\" WHERE \"Email\" LIKE '{tag}-%' ORDER BY \"Email\"",
            r => new StoredUser(r.Get<int>("Id"), r.Get<string>("Email"), r.Ref<string>("Name"), r.Get<string>("Role")));

    private sealed record StoredRing(short Small, long Big, Guid Token, DateOnly Day, decimal Amount, DateTime At, string Code, string Name, string Kind, int Slot,
        string? Note, int? Count, string? Feeling, DateTime Stamp, DateTime Local, TimeOnly Time);

    private async Task<List<StoredRing>> RingsAsync(string tag) =>
        await PlainRows.ReadAsync(fixture.ConnectionString,
            "SELECT \"Small\", \"Big\", \"Token\", \"Day\", \"Amount\", \"At\", \"Code\", \"Name\"::text AS \"Name\", \"Kind\"::text AS \"Kind\", \"Slot\", \"Note\", \"Count\", " +
            $"\"Feeling\"::text AS \"Feeling\", \"Stamp\", \"Local\", \"Time\" FROM \"KeyRing\" WHERE \"Name\"::text LIKE '{tag}-%' ORDER BY \"Slot\"",
            r => new StoredRing(r.Get<short>("Small"), r.Get<long>("Big"), r.Get<Guid>("Token"), r.Get<DateOnly>("Day"), r.Get<decimal>("Amount"), r.Get<DateTime>("At"),
                r.Get<string>("Code"), r.Get<string>("Name"), r.Get<string>("Kind"), r.Get<int>("Slot"), r.Ref<string>("Note"), r.Value<int>("Count"), r.Ref<string>("Feeling"),
                r.Get<DateTime>("Stamp"), r.Get<DateTime>("Local"), r.Get<TimeOnly>("Time")));

    // Every column unique (as KeyRing's are) by n; a decimal with a fraction, timestamps with and without time zone,
    // an enum, a nullable enum, a nullable int and a nullable text (NULL in some rows).
    private static KeyRingCreateInput Ring(string tag, int n) => new()
    {
        Small = (short)n, Big = 10_000_000_000L + n, Token = Guid.NewGuid(), Day = new DateOnly(2000, 1, 1).AddDays(n), Amount = 1234.5678m * n - 0.01m,
        At = DateTimeOffset.UnixEpoch.AddHours(n).AddTicks(10 * n), Code = $"c{n}", Name = $"{tag}-{n}", Kind = n % 2 == 0 ? Mood.Happy : Mood.Sad, Slot = n,
        Note = n % 4 == 0 ? null : $"note {n}", Count = n % 3 == 0 ? null : n * 7, Feeling = n % 5 == 0 ? null : Mood.Sad,
        Stamp = DateTime.UnixEpoch.AddMinutes(n).AddTicks(10), Local = new DateTime(2001, 2, 3, 4, 5, 6).AddMinutes(n), Time = TimeOnly.MinValue.Add(TimeSpan.FromSeconds(n)),
    };

    private static StoredRing Expected(KeyRingCreateInput r) => new(r.Small, r.Big, r.Token, r.Day, r.Amount, r.At.UtcDateTime, r.Code, r.Name, r.Kind.ToString(), r.Slot,
        r.Note, r.Count, r.Feeling?.ToString(), r.Stamp, r.Local, r.Time);

    private static StoredRing Normal(StoredRing r) => r with { At = r.At.ToUniversalTime(), Stamp = r.Stamp.ToUniversalTime() };

    // Rings get numbers no other test of the class uses: every column of KeyRing is unique.
    private static int _nextRing;

    private static int NextRings(int count) => Interlocked.Add(ref _nextRing, count) - count;

    [Fact]
    public async Task A_repeated_create_many_of_one_shape_reuses_its_text_whatever_the_row_count()
    {
        var tag = $"cmk{Guid.NewGuid():N}"[..12];
        var cache = UnnestInsertCache.Of<KeyRing>();
        var inputs = new List<KeyRingCreateInput>();
        var texts = new List<string>();
        foreach (var count in new[] { 3, 7, 1 })
        {
            var first = NextRings(count);
            var batch = Enumerable.Range(first, count).Select(n => Ring(tag, n)).ToList();
            inputs.AddRange(batch);
            using var sent = new RoundTripCounter(fixture.ConnectionString);
            Assert.Equal(count, await fixture.Db.KeyRings.CreateManyAsync(batch));
            texts.Add(Assert.Single(sent.Statements));
            Assert.True(cache.Serves(ShapeOf(batch[0]), skipDuplicates: false, returning: false), texts[^1]);
            Assert.Equal(inputs.Select(Expected).Select(Normal).OrderBy(r => r.Slot), (await RingsAsync(tag)).Select(Normal));
        }

        Assert.Contains("unnest(", texts[0], StringComparison.Ordinal);
        Assert.Equal(texts[0], texts[1]);
        Assert.Equal(texts[0], texts[2]);
    }

    [Fact]
    public async Task Returned_rows_of_a_served_call_are_the_stored_rows_and_returning_is_its_own_text()
    {
        var tag = $"cmr{Guid.NewGuid():N}"[..12];
        var texts = new List<string>();
        var all = new List<KeyRingCreateInput>();
        for (var pass = 0; pass < 2; pass++)
        {
            var batch = Enumerable.Range(NextRings(4), 4).Select(n => Ring(tag, n)).ToList();
            all.AddRange(batch);
            using var sent = new RoundTripCounter(fixture.ConnectionString);
            var returned = await fixture.Db.KeyRings.CreateManyAndReturnAsync(batch);
            texts.Add(Assert.Single(sent.Statements));
            Assert.True(UnnestInsertCache.Of<KeyRing>().Serves(ShapeOf(batch[0]), skipDuplicates: false, returning: true));
            Assert.All(returned, r => Assert.True(r.Id > 0));
            Assert.Equal(batch.Select(Expected).Select(Normal).OrderBy(r => r.Slot),
                returned.Select(r => new StoredRing(r.Small, r.Big, r.Token, r.Day, r.Amount, r.At.UtcDateTime, r.Code, r.Name, r.Kind.ToString(), r.Slot, r.Note, r.Count,
                    r.Feeling?.ToString(), r.Stamp, r.Local, r.Time)).Select(Normal).OrderBy(r => r.Slot));
            Assert.Equal(all.Select(Expected).Select(Normal).OrderBy(r => r.Slot), (await RingsAsync(tag)).Select(Normal));
        }

        Assert.Equal(texts[0], texts[1]);
        Assert.Contains("RETURNING", texts[0], StringComparison.Ordinal);

        // The same shape without RETURNING is another statement.
        using var plain = new RoundTripCounter(fixture.ConnectionString);
        Assert.Equal(1, await fixture.Db.KeyRings.CreateManyAsync([Ring(tag, NextRings(1))]));
        Assert.DoesNotContain("RETURNING", Assert.Single(plain.Statements), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skipped_duplicates_of_any_unique_column_are_left_out_on_the_served_call()
    {
        var tag = $"cmd{Guid.NewGuid():N}"[..12];
        var written = new List<KeyRingCreateInput>();
        for (var pass = 0; pass < 2; pass++)
        {
            var batch = Enumerable.Range(NextRings(5), 5).Select(n => Ring(tag, n)).ToList();
            var stored = await fixture.Db.KeyRings.CreateManyAsync(batch, skipDuplicates: true);
            Assert.Equal(5, stored);

            // Each of these repeats one unique value of a stored row (a timestamp, a decimal, an enum pair): none is written.
            var again = Enumerable.Range(NextRings(3), 3).Select(n => Ring(tag, n)).ToList();
            again[0].Stamp = batch[1].Stamp;
            again[1].Amount = batch[2].Amount;
            again[2].Kind = batch[3].Kind;
            again[2].Slot = batch[3].Slot;
            var fresh = Ring(tag, NextRings(1));
            Assert.Equal(1, await fixture.Db.KeyRings.CreateManyAsync([.. again, fresh], skipDuplicates: true));
            Assert.True(UnnestInsertCache.Of<KeyRing>().Serves(ShapeOf(fresh), skipDuplicates: true, returning: false));
            written.AddRange([.. batch, fresh]);
            Assert.Equal(written.Select(Expected).Select(Normal).OrderBy(r => r.Slot), (await RingsAsync(tag)).Select(Normal));
        }
    }

    [Fact]
    public async Task Mixed_shapes_and_skipped_duplicates_store_what_the_inputs_say_on_the_rendering_and_the_served_call()
    {
        for (var pass = 0; pass < 2; pass++)
        {
            var tag = $"cmc-{Guid.NewGuid():N}";
            await fixture.Db.Users.CreateAsync(new() { Email = $"{tag}-03@x.io", Name = "existing", Role = Role.Admin });

            // Two shapes: Role set, or left to its default (Name, with no default, is always written: NULL when unset).
            // Row 03 exists before the call and row 07 comes twice (the same values): both skipped, not an error.
            var inputs = Enumerable.Range(0, 12).Select(i => (i % 4) switch
            {
                0 => new UserCreateInput { Email = $"{tag}-{i:00}@x.io", Name = $"n{i}", Role = Role.Admin },
                1 => new UserCreateInput { Email = $"{tag}-{i:00}@x.io", Name = null, Role = Role.User },
                2 => new UserCreateInput { Email = $"{tag}-{i:00}@x.io", Name = $"n{i}" },
                _ => new UserCreateInput { Email = $"{tag}-{i:00}@x.io" },
            }).ToList();
            inputs.Add(new UserCreateInput { Email = $"{tag}-07@x.io" });

            using var sent = new RoundTripCounter(fixture.ConnectionString);
            Assert.Equal(11, await fixture.Db.Users.CreateManyAsync(inputs, skipDuplicates: true));
            // One statement per shape, in one transaction.
            var text = string.Join("\n", sent.Statements);
            Assert.Equal(2, text.Split("INSERT INTO").Length - 1);
            Assert.Equal(2, text.Split("ON CONFLICT DO NOTHING").Length - 1);
            Assert.All(inputs, i => Assert.True(UnnestInsertCache.Of<User>().Serves(ShapeOf(i), skipDuplicates: true, returning: false)));

            var expected = inputs.Where(i => i.Email != $"{tag}-03@x.io").DistinctBy(i => i.Email)
                .Select(i => (i.Email, i.Name, (i.Role ?? Role.User).ToString()))
                .Append(($"{tag}-03@x.io", "existing", "Admin"))
                .OrderBy(e => e.Item1, StringComparer.Ordinal);
            Assert.Equal(expected, (await UsersAsync(tag)).Select(u => (u.Email, u.Name, u.Role)));
        }
    }

    [Fact]
    public async Task Skipped_duplicates_with_returning_give_back_only_the_inserted_rows()
    {
        for (var pass = 0; pass < 2; pass++)
        {
            var tag = $"cmr-{Guid.NewGuid():N}";
            await fixture.Db.Users.CreateAsync(new() { Email = $"{tag}-1@x.io", Name = "kept" });
            var inputs = new[] { 0, 1, 2 }.Select(i => new UserCreateInput { Email = $"{tag}-{i}@x.io", Name = $"new {i}", Role = Role.Admin }).ToList();

            var returned = await fixture.Db.Users.CreateManyAndReturnAsync(inputs, skipDuplicates: true);
            Assert.True(UnnestInsertCache.Of<User>().Serves(ShapeOf(inputs[0]), skipDuplicates: true, returning: true));

            var stored = await UsersAsync(tag);
            Assert.Equal([$"{tag}-0@x.io", $"{tag}-2@x.io"], returned.Select(u => u.Email).Order(StringComparer.Ordinal));
            Assert.Equal(stored.Where(s => s.Email != $"{tag}-1@x.io").Select(s => (s.Id, s.Email, s.Name, s.Role)),
                returned.OrderBy(u => u.Email, StringComparer.Ordinal).Select(u => (u.Id, u.Email, u.Name, u.Role.ToString())));
            Assert.Equal("kept", stored.Single(s => s.Email == $"{tag}-1@x.io").Name);
        }
    }

    [Fact]
    public async Task A_failing_served_call_stores_nothing_of_any_group()
    {
        var tag = $"cmf-{Guid.NewGuid():N}";
        List<UserCreateInput> Batch(string part) =>
            [new() { Email = $"{tag}-{part}-a@x.io", Name = "a" }, new() { Email = $"{tag}-{part}-b@x.io" }, new() { Email = $"{tag}-{part}-c@x.io", Name = "c" }];

        Assert.Equal(3, await fixture.Db.Users.CreateManyAsync(Batch("first")));

        // The second group (Email only) repeats a stored e-mail: the first group's rows are rolled back with it.
        var failing = Batch("second");
        failing.Add(new() { Email = $"{tag}-first-b@x.io" });
        await Assert.ThrowsAsync<UniqueConstraintViolationException>(() => fixture.Db.Users.CreateManyAsync(failing));
        Assert.Equal([$"{tag}-first-a@x.io", $"{tag}-first-b@x.io", $"{tag}-first-c@x.io"], (await UsersAsync(tag)).Select(u => u.Email));
    }

    [Fact]
    public async Task The_values_form_is_not_cached()
    {
        // TypeSample has required array columns: its rows always take the multi-row VALUES form, rendered every time.
        var samples = Enumerable.Range(0, 2).Select(i => new TypeSampleCreateInput
        {
            Text = "cm-values", Tags = ["x"], Numbers = [i], Bytes = [(byte)i], Json = JsonDocument.Parse("{}"), Element = JsonDocument.Parse("1").RootElement,
            Int = i, Long = i, Short = 1, Bool = true, Decimal = i, Double = i, Float = i, Guid = Guid.NewGuid(), Timestamp = DateTime.UnixEpoch,
            Offset = DateTimeOffset.UnixEpoch, Date = new DateOnly(2000, 1, 1), Time = TimeOnly.MinValue, Mood = Mood.Sad,
        }).ToList();
        using var sent = new RoundTripCounter(fixture.ConnectionString);
        Assert.Equal(2, await fixture.Db.TypeSamples.CreateManyAsync(samples));
        Assert.Contains("VALUES", Assert.Single(sent.Statements), StringComparison.Ordinal);
        Assert.Equal(0, UnnestInsertCache.Of<TypeSample>().Count);
    }
}

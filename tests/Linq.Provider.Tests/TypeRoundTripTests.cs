using System.Text.Json;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests;

/// <summary>Every mapped type, plain and nullable, goes through PostgreSQL and comes back unchanged.</summary>
public sealed class TypeRoundTripTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTime Micros = new(2024, 2, 29, 23, 59, 58, DateTimeKind.Utc);

    public static TheoryData<string> Cases => ["typical", "minimum", "maximum"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Values_round_trip(string name)
    {
        var input = Input(name);
        var created = await fixture.Db.TypeSamples.CreateAsync(input);
        var read = await fixture.Db.TypeSamples.Where(x => x.Id == created.Id).SingleAsync();

        AssertMatches(input, created);
        AssertMatches(input, read);
    }

    // Each column read on its own by a projection: the typed reads of the closed value table (Contract/ScalarType), not the
    // generated materializer.
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Values_round_trip_through_a_projection(string name)
    {
        var input = Input(name);
        var created = await fixture.Db.TypeSamples.CreateAsync(input);
        var read = await fixture.Db.TypeSamples.Where(x => x.Id == created.Id).Select(x => new TypeSample
        {
            Id = x.Id, Int = x.Int, IntN = x.IntN, Long = x.Long, LongN = x.LongN, Short = x.Short, ShortN = x.ShortN, Bool = x.Bool, BoolN = x.BoolN,
            Text = x.Text, TextN = x.TextN, Decimal = x.Decimal, DecimalN = x.DecimalN, Double = x.Double, DoubleN = x.DoubleN, Float = x.Float,
            FloatN = x.FloatN, Guid = x.Guid, GuidN = x.GuidN, Timestamp = x.Timestamp, TimestampN = x.TimestampN, Offset = x.Offset, OffsetN = x.OffsetN,
            Date = x.Date, DateN = x.DateN, Time = x.Time, TimeN = x.TimeN, Bytes = x.Bytes, BytesN = x.BytesN, Mood = x.Mood, MoodN = x.MoodN,
            Tags = x.Tags, TagsN = x.TagsN, Numbers = x.Numbers, NumbersN = x.NumbersN, Json = x.Json, JsonN = x.JsonN, Element = x.Element,
            ElementN = x.ElementN,
        }).SingleAsync();

        AssertMatches(input, read);
    }

    [Fact]
    public async Task Nulls_round_trip()
    {
        var input = Input("typical");
        Assert.Null(input.IntN is null ? null : "set"); // the typical input leaves every nullable column unset
        var created = await fixture.Db.TypeSamples.CreateAsync(input);
        var read = await fixture.Db.TypeSamples.Where(x => x.Id == created.Id).SingleAsync();
        Assert.Null(read.IntN);
        Assert.Null(read.LongN);
        Assert.Null(read.ShortN);
        Assert.Null(read.BoolN);
        Assert.Null(read.TextN);
        Assert.Null(read.DecimalN);
        Assert.Null(read.DoubleN);
        Assert.Null(read.FloatN);
        Assert.Null(read.GuidN);
        Assert.Null(read.TimestampN);
        Assert.Null(read.OffsetN);
        Assert.Null(read.DateN);
        Assert.Null(read.TimeN);
        Assert.Null(read.BytesN);
        Assert.Null(read.MoodN);
        Assert.Null(read.TagsN);
        Assert.Null(read.NumbersN);
        Assert.Null(read.JsonN);
        Assert.Null(read.ElementN);
    }

    [Fact]
    public async Task Values_are_usable_as_query_parameters()
    {
        var input = Input("maximum");
        var created = await fixture.Db.TypeSamples.CreateAsync(input);
        var table = fixture.Db.TypeSamples;

        Assert.Equal(created.Id, (await table.Where(x => x.Guid == input.Guid && x.Id == created.Id).SingleAsync()).Id);
        Assert.Equal(created.Id, (await table.Where(x => x.Timestamp == input.Timestamp && x.Id == created.Id).SingleAsync()).Id);
        Assert.Equal(created.Id, (await table.Where(x => x.Offset == input.Offset && x.Id == created.Id).SingleAsync()).Id);
        Assert.Equal(created.Id, (await table.Where(x => x.Decimal == input.Decimal && x.Id == created.Id).SingleAsync()).Id);
        Assert.Equal(created.Id, (await table.Where(x => x.Date == input.Date && x.Time == input.Time && x.Id == created.Id).SingleAsync()).Id);
        Assert.Equal(created.Id, (await table.Where(x => x.MoodN == Mood.Meh && x.Id == created.Id).SingleAsync()).Id);
        Assert.Equal(created.Id, (await table.Where(x => x.Long == long.MaxValue && x.Short == short.MaxValue && x.Id == created.Id).SingleAsync()).Id);
    }

    [Fact]
    public async Task A_non_utc_DateTime_is_refused_not_shifted()
    {
        var input = Input("typical");
        input.Timestamp = new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Local);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => fixture.Db.TypeSamples.CreateAsync(input));
        Assert.Contains("UTC", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DateTimeOffset_keeps_the_instant()
    {
        var input = Input("typical");
        input.Offset = new DateTimeOffset(2024, 6, 1, 10, 30, 0, TimeSpan.FromHours(5.5)).AddTicks(1230);
        var created = await fixture.Db.TypeSamples.CreateAsync(input);
        Assert.Equal(input.Offset, created.Offset);
        Assert.Equal(input.Offset.UtcDateTime, created.Offset.UtcDateTime);
    }

    [Fact]
    public async Task Every_type_round_trips_through_binary_copy()
    {
        // 1,001 rows reach the COPY path; one of them carries the large values.
        var inputs = Enumerable.Range(0, 1001).Select(i => Input(i == 500 ? "maximum" : i % 2 == 0 ? "typical" : "minimum")).ToList();
        var marker = Guid.NewGuid().ToString("N");
        foreach (var input in inputs)
        {
            input.TextN = marker;
        }

        var before = await fixture.Db.TypeSamples.CountAsync();
        Assert.Equal(1001, await fixture.Db.TypeSamples.CreateManyAsync(inputs));
        Assert.Equal(before + 1001, await fixture.Db.TypeSamples.CountAsync());
        var stored = await fixture.Db.TypeSamples.Where(t => t.TextN == marker).OrderBy(t => t.Id).ToListAsync();
        Assert.Equal(1001, stored.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            AssertMatches(inputs[i], stored[i]);
        }
    }

    private static TypeSampleCreateInput Input(string name) => name switch
    {
        "typical" => new()
        {
            Int = 42, Long = 1L << 40, Short = 7, Bool = true, Text = "héllo 'wörld' \\ \" 🎉",
            Decimal = 1234567890.123456789012345678m, Double = Math.PI, Float = 2.5f, Guid = Guid.NewGuid(),
            Timestamp = Micros.AddTicks(1230), Offset = new DateTimeOffset(Micros.AddTicks(40), TimeSpan.Zero),
            Date = new DateOnly(2024, 2, 29), Time = new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(9990)),
            Bytes = [0, 1, 2, 255], Mood = Mood.Sad, Tags = ["a", "", "c,d", "\"q\""], Numbers = [1, -2, 3],
            Json = JsonDocument.Parse("""{"a": 1, "b": [true, null, "x"]}"""),
            Element = JsonDocument.Parse("[1, 2.5, \"three\"]").RootElement,
        },
        "minimum" => new()
        {
            Int = int.MinValue, IntN = int.MinValue, Long = long.MinValue, LongN = long.MinValue, Short = short.MinValue, ShortN = short.MinValue,
            Bool = false, BoolN = false, Text = "", TextN = "",
            Decimal = -79228162514264337593543950335m, DecimalN = 0.0000000000000000000000000001m,
            Double = double.MinValue, DoubleN = double.Epsilon, Float = float.MinValue, FloatN = float.Epsilon,
            Guid = Guid.Empty, GuidN = Guid.Empty,
            Timestamp = new DateTime(1, 1, 2, 0, 0, 0, DateTimeKind.Utc), TimestampN = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            Offset = new DateTimeOffset(1, 1, 2, 0, 0, 0, TimeSpan.Zero), OffsetN = DateTimeOffset.UnixEpoch,
            Date = new DateOnly(1, 1, 2), DateN = new DateOnly(1, 1, 2), Time = TimeOnly.MinValue, TimeN = TimeOnly.MinValue,
            Bytes = [], BytesN = [], Mood = Mood.Happy, MoodN = Mood.Happy, Tags = [], TagsN = [], Numbers = [], NumbersN = [int.MinValue],
            Json = JsonDocument.Parse("{}"), JsonN = JsonDocument.Parse("null"),
            Element = JsonDocument.Parse("0").RootElement, ElementN = JsonDocument.Parse("\"\"").RootElement,
        },
        "maximum" => new()
        {
            Int = int.MaxValue, IntN = int.MaxValue, Long = long.MaxValue, LongN = long.MaxValue, Short = short.MaxValue, ShortN = short.MaxValue,
            Bool = true, BoolN = true, Text = new string('x', 100_000), TextN = "\u00e9\U0001F600",
            Decimal = 79228162514264337593543950335m, DecimalN = 9999999999999999999999999999m,
            Double = double.MaxValue, DoubleN = -0.1, Float = float.MaxValue, FloatN = 0.1f,
            Guid = Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"), GuidN = Guid.NewGuid(),
            Timestamp = new DateTime(9999, 12, 30, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_990),
            TimestampN = Micros.AddTicks(10),
            Offset = new DateTimeOffset(9999, 12, 30, 23, 59, 59, TimeSpan.Zero), OffsetN = new DateTimeOffset(Micros.AddTicks(999_990), TimeSpan.Zero),
            // 9999-12-31 is DateOnly.MaxValue, which would be stored as infinity: refused (InfiniteTimestampTests).
            Date = new DateOnly(9999, 12, 30), DateN = new DateOnly(2000, 1, 1), Time = new TimeOnly(23, 59, 59, 999, 999), TimeN = new TimeOnly(12, 0),
            Bytes = Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray(), BytesN = [42],
            Mood = Mood.Meh, MoodN = Mood.Meh, Tags = ["x", "NULL", "🎉"], TagsN = ["only"], Numbers = [int.MaxValue, 0], NumbersN = [],
            Json = JsonDocument.Parse("""{"big": 12345678901234567890, "nested": {"k": [1, {"z": "ü"}]}}"""), JsonN = JsonDocument.Parse("[]"),
            Element = JsonDocument.Parse("""{"x": 1}""").RootElement, ElementN = JsonDocument.Parse("true").RootElement,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static void AssertMatches(TypeSampleCreateInput expected, TypeSample actual)
    {
        Assert.True(actual.Id > 0);
        Assert.Equal(expected.Int, actual.Int);
        Assert.Equal(expected.IntN, actual.IntN);
        Assert.Equal(expected.Long, actual.Long);
        Assert.Equal(expected.LongN, actual.LongN);
        Assert.Equal(expected.Short, actual.Short);
        Assert.Equal(expected.ShortN, actual.ShortN);
        Assert.Equal(expected.Bool, actual.Bool);
        Assert.Equal(expected.BoolN, actual.BoolN);
        Assert.Equal(expected.Text, actual.Text);
        Assert.Equal(expected.TextN, actual.TextN);
        Assert.Equal(expected.Decimal, actual.Decimal);
        Assert.Equal(expected.DecimalN, actual.DecimalN);
        Assert.Equal(expected.Double, actual.Double);
        Assert.Equal(expected.DoubleN, actual.DoubleN);
        Assert.Equal(expected.Float, actual.Float);
        Assert.Equal(expected.FloatN, actual.FloatN);
        Assert.Equal(expected.Guid, actual.Guid);
        Assert.Equal(expected.GuidN, actual.GuidN);
        Assert.Equal(expected.Timestamp, actual.Timestamp);
        Assert.Equal(DateTimeKind.Utc, actual.Timestamp.Kind);
        Assert.Equal(expected.TimestampN, actual.TimestampN);
        Assert.Equal(expected.Offset, actual.Offset);
        Assert.Equal(expected.OffsetN, actual.OffsetN);
        Assert.Equal(expected.Date, actual.Date);
        Assert.Equal(expected.DateN, actual.DateN);
        Assert.Equal(expected.Time, actual.Time);
        Assert.Equal(expected.TimeN, actual.TimeN);
        Assert.Equal(expected.Bytes, actual.Bytes);
        Assert.Equal(expected.BytesN, actual.BytesN);
        Assert.Equal(expected.Mood, actual.Mood);
        Assert.Equal(expected.MoodN, actual.MoodN);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.TagsN, actual.TagsN);
        Assert.Equal(expected.Numbers, actual.Numbers);
        Assert.Equal(expected.NumbersN, actual.NumbersN);
        Assert.True(JsonElement.DeepEquals(expected.Json.RootElement, actual.Json.RootElement), actual.Json.RootElement.GetRawText());
        Assert.Equal(expected.JsonN is null, actual.JsonN is null);
        if (expected.JsonN is not null)
        {
            Assert.True(JsonElement.DeepEquals(expected.JsonN.RootElement, actual.JsonN!.RootElement));
        }

        Assert.True(JsonElement.DeepEquals(expected.Element, actual.Element));
        Assert.Equal(expected.ElementN.HasValue, actual.ElementN.HasValue);
        if (expected.ElementN is { } element)
        {
            Assert.True(JsonElement.DeepEquals(element, actual.ElementN!.Value));
        }
    }
}

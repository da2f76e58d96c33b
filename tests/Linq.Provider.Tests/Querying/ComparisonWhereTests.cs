using Linq.Provider.Tests.Models;

// Comparisons with a null constant are the point of several cases below (C# gives false, SQL must not give NULL-as-true).
#pragma warning disable CS0464, CS0472

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// Every comparison operator (==, !=, &lt;, &lt;=, &gt;, &gt;=) over every scalar type of <see cref="TypeSample"/>, plain
/// and nullable: against constants, captured values (also captured nulls), null constants, and column against
/// column where both sides may be NULL. C#'s lifted semantics are the reference: <c>a &lt; b</c> is false when either
/// side is null, <c>a == b</c> is true when both are, and the negated forms (run by <c>Sample_compare_not</c>) are
/// the exact complement, so <c>!(a &lt; b)</c> is true on null. Expected rows: LINQ-to-Objects over rows read with
/// plain Npgsql (<see cref="QueryFixture"/>).
/// </summary>
public sealed class ComparisonWhereTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    internal static readonly CaseTable<TypeSample> Cases = Build();

    public static TheoryData<string> Names => Cases.Names();

    [Theory, MemberData(nameof(Names))]
    public Task Sample_compare(string name) => PredicateRunner.WhereAsync(name, Cases[name], fixture.Db.TypeSamples, fixture.TypeSamples, t => t.Id);

    [Theory, MemberData(nameof(Names))]
    public Task Sample_compare_not(string name) => PredicateRunner.NotAsync(name, Cases[name], fixture.Db.TypeSamples, fixture.TypeSamples, t => t.Id);

    [Theory, MemberData(nameof(Names))]
    public Task Sample_compare_count(string name) => PredicateRunner.CountAsync(name, Cases[name], fixture.Db.TypeSamples, fixture.TypeSamples);

    [Fact]
    public void Cases_are_selective() => CaseTableGuard.AssertSelective(Cases, fixture.TypeSamples,
        "intN < captured null", "intN >= null", "intN > null", "dateN <= captured null", "moodN < null", "textN == captured null string && false",
        "timestampN >= captured null", "guidN == guid (never equal)");

    [Fact]
    public void Every_operator_appears_for_every_type()
    {
        // Guards the table against shrinking: each (type, operator) pair is named in several cases.
        string[] types = ["int", "long", "short", "decimal", "double", "float", "bool", "text", "guid", "timestamp", "offset", "date", "time", "mood"];
        string[] operators = ["==", "!=", "<", "<=", ">", ">="];
        var missing = new List<string>();
        foreach (var type in types)
        {
            foreach (var op in operators)
            {
                if (type is "bool" or "text" or "guid" && op is not ("==" or "!="))
                {
                    continue; // bool ordering is not C#; string and Guid have no < operator (see the ordinal test below)
                }

                var count = Cases.Count(n => (n.StartsWith(type + " ", StringComparison.Ordinal) || n.StartsWith(type + "N ", StringComparison.Ordinal)) && n.Contains(" " + op + " ", StringComparison.Ordinal));
                if (count < 2)
                {
                    missing.Add($"{type} {op} ({count})");
                }
            }
        }

        Assert.True(missing.Count == 0, "Too few cases: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Ordinal_string_compare_is_exact_or_refused()
    {
        // string.Compare with StringComparison.Ordinal: either translated exactly (the test database uses the C
        // collation, code point order) or refused before any SQL; never a culture-dependent different answer.
        var bound = "t5";
        var query = fixture.Db.TypeSamples.Where(t => string.Compare(t.TextN, bound, StringComparison.Ordinal) < 0);
        List<TypeSample> rows;
        try
        {
            rows = await query.ToListAsync();
        }
        catch (QueryTranslationException refused)
        {
            Assert.Contains("Compare", refused.Message, StringComparison.Ordinal);
            return;
        }

        var expected = fixture.TypeSamples.Where(t => QueryCheck.CompareCodePoints(t.TextN, bound) < 0).Select(t => t.Id).Order();
        QueryCheck.Same("string.Compare(textN, \"t5\", Ordinal) < 0", expected, rows.Select(t => t.Id).Order(), QueryCheck.Sql(query));
    }

    private static CaseTable<TypeSample> Build()
    {
        int? one = 1;
        int? noInt = null;
        long? noLong = null;
        decimal? minusTwo = -2m;
        double? noDouble = null;
        float? two = 2f;
        string? noText = null;
        Guid? noGuid = null;
        Guid? guidN2 = new Guid(0, 0, 2, [1, 2, 3, 4, 5, 6, 7, 8]);
        var guid5 = new Guid(6, 0, 0, [0, 0, 0, 0, 0, 0, 0, 5]);
        var midnight = new DateTime(2020, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        DateTime? noTimestamp = null;
        var y2k = new DateTime(2000, 1, 1, 3, 0, 0, DateTimeKind.Utc);
        var offset = new DateTimeOffset(2021, 6, 1, 18, 0, 0, TimeSpan.Zero);
        var offsetPlusTwo = new DateTimeOffset(2021, 6, 1, 20, 0, 0, TimeSpan.FromHours(2)); // the same instant as 18:00Z
        DateTimeOffset? noOffset = null;
        var day = new DateOnly(2024, 2, 25);
        DateOnly? noDate = null;
        var noon = new TimeOnly(6, 24);
        TimeOnly? noTime = null;
        Mood? sad = Mood.Sad;
        Mood? noMood = null;
        return new CaseTable<TypeSample>
        {
            // int / int?: constants, captured, null, column vs column (int? vs int?, both null on some rows)
            { "int == 0", t => t.Int == 0 },
            { "int != 0", t => t.Int != 0 },
            { "int < -2", t => t.Int < -2 },
            { "int <= -2", t => t.Int <= -2 },
            { "int > 2", t => t.Int > 2 },
            { "int >= 2", t => t.Int >= 2 },
            { "intN == captured 1", t => t.IntN == one },
            { "intN != captured 1", t => t.IntN != one },
            { "intN < 3", t => t.IntN < 3 },
            { "intN <= captured 1", t => t.IntN <= one },
            { "intN > captured 1", t => t.IntN > one },
            { "intN >= 3", t => t.IntN >= 3 },
            { "intN < captured null", t => t.IntN < noInt },
            { "intN != captured null", t => t.IntN != noInt },
            { "intN > null", t => t.IntN > null },
            { "intN >= null", t => t.IntN >= null },
            { "intN == shortN (int? vs short?, both null)", t => t.IntN == t.ShortN },
            { "intN != shortN", t => t.IntN != t.ShortN },
            { "intN < longN (int? vs long?)", t => t.IntN < t.LongN },
            { "intN >= shortN", t => t.IntN >= t.ShortN },
            { "intN <= int", t => t.IntN <= t.Int },
            { "int > intN", t => t.Int > t.IntN },

            // long / long?
            { "long == 0", t => t.Long == 0 },
            { "long != 0", t => t.Long != 0 },
            { "long < -10^10", t => t.Long < -10_000_000_000L },
            { "long <= -10^10", t => t.Long <= -10_000_000_000L },
            { "long > 10^10", t => t.Long > 10_000_000_000L },
            { "long >= 10^10", t => t.Long >= 10_000_000_000L },
            { "longN == 6*10^9", t => t.LongN == 6_000_000_000L },
            { "longN != 6*10^9", t => t.LongN != 6_000_000_000L },
            { "longN < 9*10^9", t => t.LongN < 9_000_000_000L },
            { "longN <= 9*10^9", t => t.LongN <= 9_000_000_000L },
            { "longN > 2*10^10", t => t.LongN > 20_000_000_000L },
            { "longN >= 2.4*10^10", t => t.LongN >= 24_000_000_000L },
            { "longN == captured null", t => t.LongN == noLong },
            { "longN > long", t => t.LongN > t.Long },

            // short / short?
            { "short == 0", t => t.Short == 0 },
            { "short != 0", t => t.Short != 0 },
            { "short < -100", t => t.Short < -100 },
            { "short <= -100", t => t.Short <= -100 },
            { "short > 500", t => t.Short > 500 },
            { "short >= 500", t => t.Short >= 500 },
            { "shortN == 4", t => t.ShortN == 4 },
            { "shortN != 4", t => t.ShortN != 4 },
            { "shortN < 5", t => t.ShortN < 5 },
            { "shortN <= 5", t => t.ShortN <= 5 },
            { "shortN > 7", t => t.ShortN > 7 },
            { "shortN >= 7", t => t.ShortN >= 7 },

            // decimal / decimal?
            { "decimal == 1", t => t.Decimal == 1m },
            { "decimal != 1", t => t.Decimal != 1m },
            { "decimal < -1.5", t => t.Decimal < -1.5m },
            { "decimal <= -1.5", t => t.Decimal <= -1.5m },
            { "decimal > 6", t => t.Decimal > 6m },
            { "decimal >= 6", t => t.Decimal >= 6m },
            { "decimalN == captured -2", t => t.DecimalN == minusTwo },
            { "decimalN != captured -2", t => t.DecimalN != minusTwo },
            { "decimalN < captured -2", t => t.DecimalN < minusTwo },
            { "decimalN <= -2", t => t.DecimalN <= -2m },
            { "decimalN > -2", t => t.DecimalN > -2m },
            { "decimalN >= captured -2", t => t.DecimalN >= minusTwo },
            { "decimalN == (decimal?)intN (both null on row 0)", t => t.DecimalN == (decimal?)t.IntN },
            { "decimalN < (decimal?)intN", t => t.DecimalN < (decimal?)t.IntN },
            { "decimal > decimalN", t => t.Decimal > t.DecimalN },

            // double / double?
            { "double == 0.25", t => t.Double == 0.25 },
            { "double != 0.25", t => t.Double != 0.25 },
            { "double < -1", t => t.Double < -1 },
            { "double <= -1.25", t => t.Double <= -1.25 },
            { "double > 1.75", t => t.Double > 1.75 },
            { "double >= 1.75", t => t.Double >= 1.75 },
            { "doubleN == 1", t => t.DoubleN == 1 },
            { "doubleN != 1", t => t.DoubleN != 1 },
            { "doubleN < 1", t => t.DoubleN < 1 },
            { "doubleN <= 1", t => t.DoubleN <= 1 },
            { "doubleN > 1", t => t.DoubleN > 1 },
            { "doubleN >= 1", t => t.DoubleN >= 1 },
            { "doubleN != captured null", t => t.DoubleN != noDouble },
            { "doubleN * 4 > (double?)floatN (null on different rows)", t => t.DoubleN * 4 > (double?)t.FloatN },
            { "doubleN * 2 == (double?)floatN", t => t.DoubleN * 2 == (double?)t.FloatN },

            // float / float?
            { "float == 0", t => t.Float == 0f },
            { "float != 0", t => t.Float != 0f },
            { "float < -1", t => t.Float < -1f },
            { "float <= -0.75", t => t.Float <= -0.75f },
            { "float > 3", t => t.Float > 3f },
            { "float >= 3", t => t.Float >= 3f },
            { "floatN == captured 2", t => t.FloatN == two },
            { "floatN != captured 2", t => t.FloatN != two },
            { "floatN < captured 2", t => t.FloatN < two },
            { "floatN <= 2", t => t.FloatN <= 2f },
            { "floatN > 2", t => t.FloatN > 2f },
            { "floatN >= captured 2", t => t.FloatN >= two },
            { "floatN > float", t => t.FloatN > t.Float },

            // bool / bool?: only equality is C#
            { "bool == true", t => t.Bool == true },
            { "bool != true", t => t.Bool != true },
            { "boolN == bool", t => t.BoolN == t.Bool },
            { "boolN != bool", t => t.BoolN != t.Bool },
            { "boolN == null", t => t.BoolN == null },
            { "boolN != false", t => t.BoolN != false },

            // string: equality (ordering has no operator in C#)
            { "text == \"sample 3\"", t => t.Text == "sample 3" },
            { "text != \"sample 3\"", t => t.Text != "sample 3" },
            { "textN == captured null string", t => t.TextN == noText },
            { "textN != captured null string", t => t.TextN != noText },
            { "textN == \"\"", t => t.TextN == "" },
            { "textN != \"\"", t => t.TextN != "" },
            { "textN == captured null string && false", t => t.TextN == noText && t.Int > 100 },

            // Guid: equality
            { "guid == guid5", t => t.Guid == guid5 },
            { "guid != guid5", t => t.Guid != guid5 },
            { "guidN == captured null", t => t.GuidN == noGuid },
            { "guidN != captured null", t => t.GuidN != noGuid },
            { "guidN == captured guid", t => t.GuidN == guidN2 },
            { "guidN != captured guid", t => t.GuidN != guidN2 },
            { "guidN == guid (never equal)", t => t.GuidN == t.Guid },

            // DateTime / DateTime?
            { "timestamp == 2020-01-01", t => t.Timestamp == new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
            { "timestamp != 2020-01-01", t => t.Timestamp != new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
            { "timestamp < 2020-06-01", t => t.Timestamp < midnight },
            { "timestamp <= 2020-06-01", t => t.Timestamp <= midnight },
            { "timestamp > 2020-06-01", t => t.Timestamp > midnight },
            { "timestamp >= 2020-06-01", t => t.Timestamp >= midnight },
            { "timestampN == 2000-01-01 03:00", t => t.TimestampN == y2k },
            { "timestampN != 2000-01-01 03:00", t => t.TimestampN != y2k },
            { "timestampN < 2000-01-01 03:00", t => t.TimestampN < y2k },
            { "timestampN <= 2000-01-01 03:00", t => t.TimestampN <= y2k },
            { "timestampN > 2000-01-01 03:00", t => t.TimestampN > y2k },
            { "timestampN >= captured null", t => t.TimestampN >= noTimestamp },
            { "timestampN >= 2000-01-01 03:00", t => t.TimestampN >= y2k },

            // DateTimeOffset / DateTimeOffset?: instants compare, the offset does not matter
            { "offset == 18:00Z as 20:00+02", t => t.Offset == offsetPlusTwo },
            { "offset != 18:00Z as 20:00+02", t => t.Offset != offsetPlusTwo },
            { "offset < 18:00Z", t => t.Offset < offset },
            { "offset <= 18:00Z", t => t.Offset <= offset },
            { "offset > 18:00Z", t => t.Offset > offset },
            { "offset >= 20:00+02", t => t.Offset >= offsetPlusTwo },
            { "offsetN == captured null", t => t.OffsetN == noOffset },
            { "offsetN != captured null", t => t.OffsetN != noOffset },
            { "offsetN > offset", t => t.OffsetN > t.Offset },
            { "offset < offsetN (lifted)", t => t.Offset < t.OffsetN },
            { "offsetN < 2021-12-28", t => t.OffsetN < new DateTimeOffset(2021, 12, 28, 0, 0, 0, TimeSpan.Zero) },
            { "offsetN <= 2021-12-28", t => t.OffsetN <= new DateTimeOffset(2021, 12, 28, 0, 0, 0, TimeSpan.Zero) },
            { "offsetN > 2021-12-28", t => t.OffsetN > new DateTimeOffset(2021, 12, 28, 0, 0, 0, TimeSpan.Zero) },
            { "offsetN >= 2021-12-28", t => t.OffsetN >= new DateTimeOffset(2021, 12, 28, 0, 0, 0, TimeSpan.Zero) },

            // DateOnly / DateOnly?
            { "date == 2024-02-25", t => t.Date == day },
            { "date != 2024-02-25", t => t.Date != day },
            { "date < 2024-02-25", t => t.Date < day },
            { "date <= 2024-02-25", t => t.Date <= day },
            { "date > 2024-02-25", t => t.Date > day },
            { "date >= 2024-02-25", t => t.Date >= day },
            { "dateN == 2000-03-21", t => t.DateN == new DateOnly(2000, 3, 21) },
            { "dateN != 2000-03-21", t => t.DateN != new DateOnly(2000, 3, 21) },
            { "dateN < 2000-06-01", t => t.DateN < new DateOnly(2000, 6, 1) },
            { "dateN <= captured null", t => t.DateN <= noDate },
            { "dateN <= 2000-06-01", t => t.DateN <= new DateOnly(2000, 6, 1) },
            { "dateN > 2000-06-01", t => t.DateN > new DateOnly(2000, 6, 1) },
            { "dateN >= 2000-06-01", t => t.DateN >= new DateOnly(2000, 6, 1) },
            { "dateN < date", t => t.DateN < t.Date },

            // TimeOnly / TimeOnly?
            { "time == 06:24", t => t.Time == noon },
            { "time != 06:24", t => t.Time != noon },
            { "time < 06:24", t => t.Time < noon },
            { "time <= 06:24", t => t.Time <= noon },
            { "time > 06:24", t => t.Time > noon },
            { "time >= 06:24", t => t.Time >= noon },
            { "timeN == 23:59:05", t => t.TimeN == new TimeOnly(23, 59, 5) },
            { "timeN != 23:59:05", t => t.TimeN != new TimeOnly(23, 59, 5) },
            { "timeN < 23:59:05", t => t.TimeN < new TimeOnly(23, 59, 5) },
            { "timeN <= 23:59:05", t => t.TimeN <= new TimeOnly(23, 59, 5) },
            { "timeN > time", t => t.TimeN > t.Time },
            { "timeN >= 23:59:05", t => t.TimeN >= new TimeOnly(23, 59, 5) },
            { "timeN != captured null", t => t.TimeN != noTime },

            // enums: ordered by declaration (PostgreSQL enums sort by label position, C# by value)
            { "mood == Sad", t => t.Mood == Mood.Sad },
            { "mood != Sad", t => t.Mood != Mood.Sad },
            { "mood < Sad", t => t.Mood < Mood.Sad },
            { "mood <= Sad", t => t.Mood <= Mood.Sad },
            { "mood > Happy", t => t.Mood > Mood.Happy },
            { "mood >= Sad", t => t.Mood >= Mood.Sad },
            { "moodN == captured Sad", t => t.MoodN == sad },
            { "moodN != captured Sad", t => t.MoodN != sad },
            { "moodN < captured Sad", t => t.MoodN < sad },
            { "moodN <= Sad", t => t.MoodN <= Mood.Sad },
            { "moodN > Happy", t => t.MoodN > Mood.Happy },
            { "moodN >= captured Sad", t => t.MoodN >= sad },
            { "moodN < null", t => t.MoodN < null },
            { "moodN != captured null", t => t.MoodN != noMood },
            { "moodN <= mood", t => t.MoodN <= t.Mood },

            // combinations under && / || (the negated runner turns them into !(a && b))
            { "intN < 3 || doubleN > 1", t => t.IntN < 3 || t.DoubleN > 1 },
            { "intN >= 1 && floatN <= 4", t => t.IntN >= 1 && t.FloatN <= 4 },
            { "!(intN < 3) && moodN != Sad", t => !(t.IntN < 3) && t.MoodN != Mood.Sad },
            { "!(dateN < date) || boolN == true", t => !(t.DateN < t.Date) || t.BoolN == true },
        };
    }
}

using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// Date arithmetic against LINQ-to-Objects over rows read with plain Npgsql: AddX on DateTime (timestamptz, shifted
/// in UTC), DateTimeOffset and DateOnly with value and column amounts (month ends, leap days, fractional days),
/// TimeSpan members of differences, and DayOfWeek/DayOfYear/Date.
/// </summary>
public sealed class DateMethodTests(MethodSampleFixture f) : IClassFixture<MethodSampleFixture>
{
    private static readonly DateTime Origin = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Dictionary<string, Func<MethodSampleFixture, Task>> Projections = new()
    {
        ["AddDays(1), AddDays(-31)"] = f => MethodCheck.ProjectAsync(f, "AddDays", t => new { A = t.Timestamp.AddDays(1), B = t.Timestamp.AddDays(-31) }),
        ["AddDays(1.5), AddHours(25), AddMinutes(-90)"] = f => MethodCheck.ProjectAsync(f, "AddDays(1.5)…", t => new { A = t.Timestamp.AddDays(1.5), B = t.Timestamp.AddHours(25), C = t.Timestamp.AddMinutes(-90) }),
        ["AddSeconds(0.25), AddMilliseconds(1.5)"] = f => MethodCheck.ProjectAsync(f, "AddSeconds…", t => new { A = t.Timestamp.AddSeconds(0.25), B = t.Timestamp.AddMilliseconds(1.5) }),
        ["AddMonths(1), AddMonths(-13), AddYears(1)"] = f => MethodCheck.ProjectAsync(f, "AddMonths…", t => new { A = t.Timestamp.AddMonths(1), B = t.Timestamp.AddMonths(-13), C = t.Timestamp.AddYears(1) }),
        ["AddDays(column), AddMonths(column)"] = f => MethodCheck.ProjectAsync(f, "AddX(column)", t => new { A = t.Timestamp.AddDays(t.Int), B = t.Timestamp.AddMonths(t.Int), C = t.Timestamp.AddHours(t.Short) }),
        ["TimestampN.AddDays"] = f => MethodCheck.ProjectAsync(f, "TimestampN.AddDays", t => t.TimestampN == null ? (DateTime?)null : t.TimestampN.Value.AddDays(1).AddMonths(1)),
        ["Offset.AddX"] = f => MethodCheck.ProjectAsync(f, "Offset.AddX", t => new { A = t.Offset.AddDays(1), B = t.Offset.AddMonths(1), C = t.Offset.AddHours(-0.5) }),
        ["Date.AddX"] = f => MethodCheck.ProjectAsync(f, "Date.AddX", t => new { A = t.Date.AddDays(1), B = t.Date.AddMonths(1), C = t.Date.AddYears(-1), D = t.Date.AddDays(t.Int) }),
        ["(a - b).Total*"] = f => MethodCheck.ProjectAsync(f, "(a - b).Total*", t => new
        {
            D = (t.Timestamp - Origin).TotalDays, H = (t.Timestamp - Origin).TotalHours, M = (t.Timestamp - Origin).TotalMinutes,
            S = (t.Timestamp - Origin).TotalSeconds, Ms = (t.Timestamp - Origin).TotalMilliseconds,
        }),
        ["(a - b) parts"] = f => MethodCheck.ProjectAsync(f, "(a - b) parts", t => new
        {
            D = (Origin - t.Timestamp).Days, H = (Origin - t.Timestamp).Hours, M = (t.Timestamp - Origin).Minutes,
            S = (Origin - t.Timestamp).Seconds, Ms = (t.Timestamp - Origin).Milliseconds, T = (t.Timestamp - Origin).Ticks,
        }),
        ["(column - nullable column)"] = f => MethodCheck.ProjectAsync(f, "(column - nullable)", t => t.TimestampN == null ? (double?)null : (t.Timestamp - t.TimestampN.Value).TotalHours),
        ["(offset - offset)"] = f => MethodCheck.ProjectAsync(f, "(offset - offset)", t => new { A = (t.Offset - t.Offset.AddDays(-1.25)).TotalDays, B = (t.Offset - t.Offset.AddMonths(1)).Days }),
        ["DayOfWeek as enum"] = f => MethodCheck.ProjectAsync(f, "DayOfWeek as enum", t => new { A = t.Timestamp.DayOfWeek, B = t.Date.AddDays(3).DayOfWeek }),
        ["DayOfWeek? of a nullable date"] = f => MethodCheck.ProjectAsync(f, "DayOfWeek?", t => t.TimestampN.HasValue ? t.TimestampN.Value.DayOfWeek : (DayOfWeek?)null),
        ["DayOfWeek/DayOfYear/Date"] = f => MethodCheck.ProjectAsync(f, "DayOfWeek…", t => new { A = (int)t.Timestamp.DayOfWeek, B = t.Timestamp.AddDays(1).DayOfYear, C = t.Timestamp.AddHours(12).Date, D = (int)t.Date.AddMonths(1).DayOfWeek }),
        ["ToString(custom formats)"] = f => MethodCheck.ProjectAsync(f, "ToString(format)", t => new
        {
            A = t.Timestamp.ToString("yyyy-MM-dd HH:mm:ss.ffffff"), B = t.Offset.ToString("yyyy-MM-ddTHH:mm:ss.fff"), C = t.Date.ToString("dd.MM.yyyy"),
            D = t.Timestamp.AddDays(1.5).ToString("yyyy/MM/dd, HH_mm"),
        }),
        ["DateOnly.FromDateTime"] = f => MethodCheck.ProjectAsync(f, "DateOnly.FromDateTime", t => new
        {
            A = DateOnly.FromDateTime(t.Timestamp), B = DateOnly.FromDateTime(t.Timestamp.AddHours(-5)),
            C = t.TimestampN == null ? (DateOnly?)null : DateOnly.FromDateTime(t.TimestampN.Value),
        }),
        ["TimestampN.ToString(format)"] = f => MethodCheck.ProjectAsync(f, "TimestampN.ToString(format)", t => t.TimestampN == null ? null : t.TimestampN.Value.ToString("yyyyMMdd HHmmss")),
    };

    private static readonly CaseTable<TypeSample> Predicates = new()
    {
        { "ToString(MM-dd) == 02-29", t => t.Timestamp.ToString("MM-dd") == "02-29" },
        { "Date.ToString(yyyy) == 2024", t => t.Date.ToString("yyyy") == "2024" },
        { "AddMonths(1).Month == 2", t => t.Timestamp.AddMonths(1).Month == 2 },
        { "AddDays(1).Day == 1", t => t.Timestamp.AddDays(1).Day == 1 },
        { "AddYears(1).Day == 28", t => t.Timestamp.AddYears(1).Day == 28 },
        { "Date.AddMonths(1).Day == 29", t => t.Date.AddMonths(1).Day == 29 },
        { "DateN.AddDays(1).Day == 1", t => t.DateN != null && t.DateN.Value.AddDays(1).Day == 1 },
        { "TimestampN.AddHours(1).Hour == 0", t => t.TimestampN != null && t.TimestampN.Value.AddHours(1).Hour == 0 },
        { "DayOfWeek == Sunday", t => t.Timestamp.DayOfWeek == DayOfWeek.Sunday },
        { "DateOnly.FromDateTime < 2024-03-01", t => DateOnly.FromDateTime(t.Timestamp) < new DateOnly(2024, 3, 1) },
        { "AddDays(2).DayOfWeek == Saturday", t => t.Timestamp.AddDays(2).DayOfWeek == DayOfWeek.Saturday },
        { "(ts - origin).TotalDays > 8800", t => (t.Timestamp - Origin).TotalDays > 8800 },
        { "(ts - tsN).Days >= 0", t => t.TimestampN != null && (t.Timestamp - t.TimestampN.Value).Days >= 0 },
        { "AddHours(Int) > 2024-01-01", t => t.Timestamp.AddHours(t.Int) > new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
        { "AddDays(1.5) < ts of another", t => t.Timestamp.AddDays(1.5) < new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
    };

    public static TheoryData<string> ProjectionNames => [.. Projections.Keys];

    public static TheoryData<string> PredicateNames => Predicates.Names();

    [Theory, MemberData(nameof(ProjectionNames))]
    public Task Projection_matches_linq_to_objects(string name) => Projections[name](f);

    [Theory, MemberData(nameof(PredicateNames))]
    public Task Predicate_matches_linq_to_objects(string name) => MethodCheck.WhereAsync(f, name, Predicates[name]);

    [Fact]
    public void Predicates_are_selective() => CaseTableGuard.AssertSelective(Predicates, f.Rows);

    [Fact]
    public async Task Captured_formats_follow_each_execution_and_unsupported_ones_are_refused()
    {
        foreach (var format in new[] { "yyyy", "MM.dd", "HH:mm:ss.fff" })
        {
            await MethodCheck.ProjectAsync(f, "ToString(" + format + ")", t => t.Timestamp.ToString(format));
        }

        foreach (var format in new[] { "d", "dddd", "yy-MM", "hh:mm tt", "yyyy 'at' HH", "fffffff" })
        {
            // The plan of this shape may already be cached for a supported format: each execution's format is checked when it is bound.
            var error = await Record.ExceptionAsync(() => f.Db.TypeSamples.Where(t => t.Timestamp.ToString(format) == "x").ToListAsync());
            Assert.True(error is QueryTranslationException, format + ": " + (error is null ? "translated" : QueryCheck.Describe(error)));
            Assert.Contains("format after reading", error!.Message, StringComparison.Ordinal);
        }

        var time = await Assert.ThrowsAsync<QueryTranslationException>(() => f.Db.TypeSamples.Where(t => t.Date.ToString("yyyy HH") == "x").ToListAsync());
        Assert.Contains("'HH'", time.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Captured_amounts_follow_each_execution()
    {
        foreach (var days in new[] { 0.5, -1.25, 30.0 })
        {
            await MethodCheck.ProjectAsync(f, "AddDays(" + days + ")", t => t.Timestamp.AddDays(days));
        }

        foreach (var months in new[] { 1, -1, 12 })
        {
            await MethodCheck.ProjectAsync(f, "AddMonths(" + months + ")", t => t.Timestamp.AddMonths(months));
        }
    }

    [Fact]
    public async Task DateOnly_FromDateTime_is_the_utc_day_in_any_session_time_zone()
    {
        await using var db = new TestDb(f.ConnectionString + ";Options=-c TimeZone=Pacific/Kiritimati");
        var expected = f.Rows.OrderBy(t => t.Id).Select(t => DateOnly.FromDateTime(t.Timestamp)).ToList();
        var query = db.TypeSamples.OrderBy(t => t.Id).Select(t => DateOnly.FromDateTime(t.Timestamp));
        QueryCheck.Same("DateOnly.FromDateTime in UTC+14", expected, await QueryCheck.ListAsync(query), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task The_session_time_zone_does_not_matter()
    {
        // A day is 24 hours in UTC; in a session time zone with daylight saving, timestamptz + '1 day' would not be.
        var connectionString = f.ConnectionString + ";Options=-c TimeZone=America/New_York";
        await using (var source = Npgsql.NpgsqlDataSource.Create(connectionString))
        {
            // The seed crosses a daylight saving change in that zone, so the naive timestamptz + '1 day' would differ.
            await using var naive = source.CreateCommand("""SELECT count(*) FROM "TypeSample" WHERE "Timestamp" + interval '1 day' <> "Timestamp" + interval '24 hours'""");
            Assert.True((long)(await naive.ExecuteScalarAsync())! > 0, "the seed has no timestamp where the session time zone matters");
        }

        await using var db = new TestDb(connectionString);
        var expected = f.Rows.OrderBy(t => t.Id).Select(t => t.Timestamp.AddDays(1).AddMonths(1)).ToList();
        var query = db.TypeSamples.OrderBy(t => t.Id).Select(t => t.Timestamp.AddDays(1).AddMonths(1));
        QueryCheck.Same("AddDays in America/New_York", expected, await QueryCheck.ListAsync(query), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Sub_microsecond_steps_and_fractional_columns_are_refused()
    {
        var tick = 0.0000001;
        var error = await Record.ExceptionAsync(() => f.Db.TypeSamples.Select(t => t.Timestamp.AddSeconds(tick)).ToListAsync());
        Assert.NotNull(error);
        Assert.Contains("microsecond", QueryCheck.Describe(error!), StringComparison.Ordinal);
        var column = Assert.Throws<QueryTranslationException>(() => f.Db.TypeSamples.Where(t => t.Timestamp.AddDays(t.Double) > DateTime.UnixEpoch).ToSql());
        Assert.Contains("integer amount", column.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> SnapshotNames => [.. Snapshots().Keys];

    [Theory, MemberData(nameof(SnapshotNames))]
    public void Sql_shape_is_as_recorded(string name)
    {
        var (query, expected) = Snapshots()[name];
        var actual = query(f.Db.TypeSamples);
        Assert.True(expected == actual, "SQL of " + name + " changed:\n" + actual);
    }

    private static Dictionary<string, (Func<IQueryable<TypeSample>, string> Query, string Sql)> Snapshots() => new()
    {
        ["add-days-value-utc"] = (q => q.Select(t => t.Timestamp.AddDays(1.5)).ToSql(),
            "SELECT timezone('UTC', timezone('UTC', \"t0\".\"Timestamp\") + $1) FROM \"TypeSample\" AS \"t0\""),
        ["add-months-column"] = (q => q.Select(t => t.Timestamp.AddMonths(t.Int)).ToSql(),
            "SELECT timezone('UTC', timezone('UTC', \"t0\".\"Timestamp\") + (\"t0\".\"Int\" * ('1 month'::interval))) FROM \"TypeSample\" AS \"t0\""),
        ["date-add-months"] = (q => q.Select(t => t.Date.AddMonths(1)).ToSql(),
            "SELECT (\"t0\".\"Date\" + ($1 * ('1 month'::interval)))::date FROM \"TypeSample\" AS \"t0\""),
        ["total-days"] = (q => q.Select(t => (t.Timestamp - Origin).TotalDays).ToSql(),
            "SELECT (((((((date_part('day', \"t0\".\"Timestamp\" - $1)::bigint) * 86400000000) + ((date_part('hour', \"t0\".\"Timestamp\" - $1)::bigint) * 3600000000)) + ((date_part('minute', \"t0\".\"Timestamp\" - $1)::bigint) * 60000000)) + (date_part('microseconds', \"t0\".\"Timestamp\" - $1)::bigint)) * 10)::double precision) / (864000000000::double precision) FROM \"TypeSample\" AS \"t0\""),
        ["to-string-format"] = (q => q.Select(t => t.Timestamp.ToString("yyyy-MM-dd")).ToSql(),
            "SELECT to_char(timezone('UTC', \"t0\".\"Timestamp\"), $1) FROM \"TypeSample\" AS \"t0\""),
        ["days"] = (q => q.Select(t => (t.Timestamp - Origin).Days).ToSql(),
            "SELECT (((((((date_part('day', \"t0\".\"Timestamp\" - $1)::bigint) * 86400000000) + ((date_part('hour', \"t0\".\"Timestamp\" - $1)::bigint) * 3600000000)) + ((date_part('minute', \"t0\".\"Timestamp\" - $1)::bigint) * 60000000)) + (date_part('microseconds', \"t0\".\"Timestamp\" - $1)::bigint)) * 10) / 864000000000)::integer FROM \"TypeSample\" AS \"t0\""),
    };
}

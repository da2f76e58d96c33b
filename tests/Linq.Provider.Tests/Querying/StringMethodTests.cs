using System.Linq.Expressions;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// String methods against LINQ-to-Objects over rows read with plain Npgsql: Length in UTF-16 code units, ordinal
/// IndexOf, ordinal comparisons with 0, Concat/+ and Join with .NET's null handling, PadLeft/PadRight that never
/// truncate, and ToString of the value types SQL formats exactly; plus the refusals and the SQL shapes.
/// </summary>
public sealed class StringMethodTests(MethodSampleFixture f) : IClassFixture<MethodSampleFixture>
{
    private static readonly Dictionary<string, Func<MethodSampleFixture, Task>> Projections = new()
    {
        ["Text.Length"] = f => MethodCheck.ProjectAsync(f, "Text.Length", t => t.Text.Length),
        ["TextN.Length"] = f => MethodCheck.ProjectAsync(f, "TextN.Length", t => t.TextN != null ? t.TextN.Length : -1),
        ["(Text + TextN).Length"] = f => MethodCheck.ProjectAsync(f, "(Text + TextN).Length", t => (t.Text + t.TextN).Length),
        ["IndexOf('a')"] = f => MethodCheck.ProjectAsync(f, "IndexOf('a')", t => t.Text.IndexOf('a')),
        ["IndexOf('l')"] = f => MethodCheck.ProjectAsync(f, "IndexOf('l')", t => t.Text.IndexOf('l')),
        ["IndexOf('b') after emoji"] = f => MethodCheck.ProjectAsync(f, "IndexOf('b')", t => t.Text.IndexOf('b', StringComparison.Ordinal)),
        ["IndexOf(🎉)"] = f => MethodCheck.ProjectAsync(f, "IndexOf(🎉)", t => t.Text.IndexOf("🎉", StringComparison.Ordinal)),
        ["IndexOf(\"\")"] = f => MethodCheck.ProjectAsync(f, "IndexOf(\"\")", t => t.Text.IndexOf("", StringComparison.Ordinal)),
        ["IndexOf(column)"] = f => MethodCheck.ProjectAsync(f, "IndexOf(column)", t => t.Text.IndexOf(t.TextN ?? "zz", StringComparison.Ordinal)),
        ["IndexOf('a', 1)"] = f => MethodCheck.ProjectAsync(f, "IndexOf('a', 1)", t => t.Text.IndexOf('a', Math.Min(1, t.Text.Length))),
        ["IndexOf(🎉, 1..3)"] = f => MethodCheck.ProjectAsync(f, "IndexOf(🎉, 1..3)", t => t.Text.IndexOf("🎉", Math.Min(1, t.Text.Length), StringComparison.Ordinal) * 100
            + t.Text.IndexOf("🎉", Math.Min(2, t.Text.Length), StringComparison.Ordinal) * 10 + t.Text.IndexOf("🎉", Math.Min(3, t.Text.Length), StringComparison.Ordinal)),
        ["IndexOf(b, 4) after astral"] = f => MethodCheck.ProjectAsync(f, "IndexOf(b, 4)", t => t.Text.IndexOf("b", Math.Min(4, t.Text.Length), StringComparison.Ordinal)),
        ["IndexOf(\"\", 1)"] = f => MethodCheck.ProjectAsync(f, "IndexOf(\"\", 1)", t => t.Text.IndexOf("", Math.Min(1, t.Text.Length), StringComparison.Ordinal)),
        ["IndexOf(x, Length)"] = f => MethodCheck.ProjectAsync(f, "IndexOf(x, Length)", t => t.Text.IndexOf("x", t.Text.Length, StringComparison.Ordinal)),
        ["IndexOf(column, 1)"] = f => MethodCheck.ProjectAsync(f, "IndexOf(column, 1)", t => t.Text.IndexOf(t.TextN ?? "zz", Math.Min(1, t.Text.Length), StringComparison.Ordinal)),
        ["TextN.IndexOf(b, 1)"] = f => MethodCheck.ProjectAsync(f, "TextN.IndexOf(b, 1)", t => t.TextN == null ? -5 : t.TextN.IndexOf("b", Math.Min(1, t.TextN.Length), StringComparison.Ordinal)),
        ["TextN.IndexOf"] = f => MethodCheck.ProjectAsync(f, "TextN.IndexOf", t => t.TextN == null ? -5 : t.TextN.IndexOf("b", StringComparison.Ordinal)),
        ["CompareOrdinal < 0"] = f => MethodCheck.ProjectAsync(f, "CompareOrdinal < 0", t => string.CompareOrdinal(t.Text, "b") < 0),
        ["Compare(nullable) >= 0"] = f => MethodCheck.ProjectAsync(f, "Compare >= 0", t => string.Compare(t.TextN, "ab", StringComparison.Ordinal) >= 0),
        ["Text + TextN"] = f => MethodCheck.ProjectAsync(f, "Text + TextN", t => t.Text + t.TextN),
        ["Concat(5)"] = f => MethodCheck.ProjectAsync(f, "Concat(5)", t => string.Concat(new[] { t.Text, "-", t.TextN, "-", t.Text })),
        ["Text + Int + Bool + Guid"] = f => MethodCheck.ProjectAsync(f, "Text + Int + Bool + Guid", t => t.Text + t.Int + t.Bool + t.Guid),
        ["# + IntN + MoodN"] = f => MethodCheck.ProjectAsync(f, "# + IntN + MoodN", t => "#" + t.IntN + "/" + t.MoodN + "/" + t.BoolN),
        ["Join(,)"] = f => MethodCheck.ProjectAsync(f, "Join(,)", t => string.Join(",", new[] { t.Text, t.TextN, t.Text })),
        ["Join('|', nulls)"] = f => MethodCheck.ProjectAsync(f, "Join('|')", t => string.Join('|', new[] { t.TextN, t.TextN })),
        ["Join(objects)"] = f => MethodCheck.ProjectAsync(f, "Join(objects)", t => string.Join("-", new object?[] { t.Int, t.TextN, t.Mood })),
        ["Join(Tags)"] = f => MethodCheck.ProjectAsync(f, "Join(Tags)", t => string.Join(", ", t.Tags)),
        ["PadLeft(5)"] = f => MethodCheck.ProjectAsync(f, "PadLeft(5)", t => t.Text.PadLeft(5)),
        ["PadRight(12, '*')"] = f => MethodCheck.ProjectAsync(f, "PadRight(12, '*')", t => t.Text.PadRight(12, '*')),
        ["PadLeft(column)"] = f => MethodCheck.ProjectAsync(f, "PadLeft(column)", t => (t.TextN ?? "").PadLeft(Math.Abs(t.Int), '0')),
        ["Int.ToString()"] = f => MethodCheck.ProjectAsync(f, "Int.ToString()", t => t.Int.ToString()),
        ["Long/Short.ToString()"] = f => MethodCheck.ProjectAsync(f, "Long/Short.ToString()", t => t.Long.ToString() + ";" + t.Short.ToString()),
        ["IntN.ToString()"] = f => MethodCheck.ProjectAsync(f, "IntN.ToString()", t => t.IntN.ToString()),
        ["Decimal.ToString()"] = f => MethodCheck.ProjectAsync(f, "Decimal.ToString()", t => t.Decimal.ToString()),
        ["DecimalN.ToString()"] = f => MethodCheck.ProjectAsync(f, "DecimalN.ToString()", t => t.DecimalN.ToString()),
        ["Bool.ToString()"] = f => MethodCheck.ProjectAsync(f, "Bool.ToString()", t => t.Bool.ToString()),
        ["BoolN.ToString()"] = f => MethodCheck.ProjectAsync(f, "BoolN.ToString()", t => t.BoolN.ToString()),
        ["Guid.ToString()"] = f => MethodCheck.ProjectAsync(f, "Guid.ToString()", t => t.Guid.ToString() + t.GuidN.ToString()),
        ["Mood.ToString()"] = f => MethodCheck.ProjectAsync(f, "Mood.ToString()", t => t.Mood.ToString() + t.MoodN.ToString()),
        ["DayOfWeek.ToString()"] = f => MethodCheck.ProjectAsync(f, "DayOfWeek.ToString()", t => t.Timestamp.DayOfWeek.ToString()),
    };

    private static readonly CaseTable<TypeSample> Predicates = new()
    {
        { "Text.Length > 3", t => t.Text.Length > 3 },
        { "TextN.Length == 2", t => t.TextN != null && t.TextN.Length == 2 },
        { "IndexOf('a') == 0", t => t.Text.IndexOf('a') == 0 },
        { "IndexOf(🎉) > 1", t => t.Text.IndexOf("🎉", StringComparison.Ordinal) > 1 },
        { "IndexOf(l, 3) > 0 guarded", t => (t.Text.Length >= 3 ? t.Text.IndexOf('l', 3) : -1) > 0 },
        { "IndexOf(🎉, 2) >= 2 guarded", t => (t.Text.Length >= 2 ? t.Text.IndexOf("🎉", 2, StringComparison.Ordinal) : -1) >= 2 },
        { "TextN.IndexOf(b) >= 0", t => t.TextN != null && t.TextN.IndexOf("b", StringComparison.Ordinal) >= 0 },
        { "CompareOrdinal(Text, b) < 0", t => string.CompareOrdinal(t.Text, "b") < 0 },
        { "CompareOrdinal(Text, hello) == 0", t => string.CompareOrdinal(t.Text, "hello") == 0 },
        { "0 < Compare(Text, Hello)", t => 0 < string.Compare(t.Text, "Hello", StringComparison.Ordinal) },
        { "Compare(TextN, ab) <= 0", t => string.Compare(t.TextN, "ab", StringComparison.Ordinal) <= 0 },
        { "CompareOrdinal(TextN, Text) > 0", t => string.CompareOrdinal(t.TextN, t.Text) > 0 },
        { "Text + TextN == a", t => t.Text + t.TextN == "a" },
        { "Join == a,,a", t => string.Join(",", new[] { t.Text, t.TextN, t.Text }) == "a,,a" },
        { "PadLeft(3) == '  a'", t => t.Text.PadLeft(3) == "  a" },
        { "PadRight(4,'.').Length == 4", t => t.Text.PadRight(4, '.').Length == 4 },
        { "Int.ToString().StartsWith(-)", t => t.Int.ToString().StartsWith("-") },
        { "Bool.ToString() == True", t => t.Bool.ToString() == "True" },
        { "BoolN.ToString() == empty", t => t.BoolN.ToString() == "" },
        { "Mood.ToString() == Sad", t => t.Mood.ToString() == "Sad" },
    };

    public static TheoryData<string> ProjectionNames => [.. Projections.Keys];

    public static TheoryData<string> PredicateNames => Predicates.Names();

    [Theory, MemberData(nameof(ProjectionNames))]
    public Task Projection_matches_linq_to_objects(string name) => Projections[name](f);

    [Theory, MemberData(nameof(PredicateNames))]
    public Task Predicate_matches_linq_to_objects(string name) => MethodCheck.WhereAsync(f, name, Predicates[name]);

    [Fact]
    public void Predicates_are_selective() =>
        CaseTableGuard.AssertSelective(Predicates, f.Rows, "CompareOrdinal(Text, hello) == 0");

    [Fact]
    public void Seed_has_the_edge_values()
    {
        Assert.Contains(f.Rows, r => r.Text.Length != r.Text.EnumerateRunes().Count()); // characters outside the BMP
        Assert.Contains(f.Rows, r => r.Text.Length == 0);
        Assert.Contains(f.Rows, r => r.TextN is null);
        Assert.Contains(f.Rows, r => r.Text.Contains('\u0301', StringComparison.Ordinal)); // a combining mark
    }

    [Fact]
    public async Task Length_counts_utf16_units_with_a_captured_width()
    {
        var width = 7;
        await MethodCheck.ProjectAsync(f, "PadLeft(width)", t => t.Text.PadLeft(width, '.'));
        width = 12;
        await MethodCheck.ProjectAsync(f, "PadLeft(width) again (cached plan)", t => t.Text.PadLeft(width, '.'));
    }

    [Fact]
    public async Task Comparison_with_anything_but_zero_is_refused_before_sql()
    {
        var one = 1;
        var error = await Record.ExceptionAsync(() => f.Db.TypeSamples.Where(t => string.CompareOrdinal(t.Text, "b") < one).ToListAsync());
        Assert.True(error is QueryTranslationException, QueryCheck.Describe(error ?? new Exception("ran")));
        Assert.Contains("compared with 0", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Negative_pad_width_throws_as_net_does()
    {
        var width = -1;
        var error = await Record.ExceptionAsync(() => f.Db.TypeSamples.Select(t => t.Text.PadLeft(width)).ToListAsync());
        Assert.NotNull(error);
        Assert.Contains("negative", QueryCheck.Describe(error!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexOf_start_beyond_the_string_fails_the_statement_as_net_throws()
    {
        var start = 3;
        var error = await Record.ExceptionAsync(() => f.Db.TypeSamples.Select(t => t.Text.IndexOf('a', start)).ToListAsync());
        Assert.NotNull(error);
        Assert.Contains("start index is beyond the end of the string", QueryCheck.Describe(error!), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Rows.Select(t => t.Text.IndexOf('a', start)).ToList());

        var negative = -1;
        var refused = await Record.ExceptionAsync(() => f.Db.TypeSamples.Select(t => t.Text.IndexOf('a', negative)).ToListAsync());
        Assert.IsType<ArgumentOutOfRangeException>(refused);
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "IndexOf(string) is culture-sensitive", "StringComparison.Ordinal" },
        { "IndexOf with a count", "without a count" },
        { "IndexOf(char, start, count)", "without a count" },
        { "CompareTo is culture-sensitive", "CompareOrdinal" },
        { "string.Compare(a, b) is culture-sensitive", "CompareOrdinal" },
        { "CompareOrdinal as a number", "Compare it with 0" },
        { "double.ToString()", "round-trip" },
        { "DateTime.ToString()", "current culture" },
        { "computed decimal ToString()", "scale" },
    };

    [Theory, MemberData(nameof(Refusals))]
    public void Refused_with_advice(string name, string advice)
    {
        IQueryable<TypeSample> rows = f.Db.TypeSamples;
        Func<string> sql = name switch
        {
            "IndexOf(string) is culture-sensitive" => () => rows.Where(t => t.Text.IndexOf("a") > 0).ToSql(),
            "IndexOf with a count" => () => rows.Where(t => t.Text.IndexOf("a", 1, 2, StringComparison.Ordinal) > 0).ToSql(),
            "IndexOf(char, start, count)" => () => rows.Where(t => t.Text.IndexOf('a', 0, 2) > 0).ToSql(),
            "CompareTo is culture-sensitive" => () => rows.Where(t => t.Text.CompareTo("b") < 0).ToSql(),
            "string.Compare(a, b) is culture-sensitive" => () => rows.Where(t => string.Compare(t.Text, "b") < 0).ToSql(),
            "CompareOrdinal as a number" => () => rows.OrderBy(t => string.CompareOrdinal(t.Text, "b")).ToSql(),
            "double.ToString()" => () => rows.Where(t => t.Double.ToString() == "1").ToSql(),
            "DateTime.ToString()" => () => rows.Where(t => t.Timestamp.ToString() == "x").ToSql(),
            "computed decimal ToString()" => () => rows.Where(t => (t.Decimal * 2).ToString() == "1").ToSql(),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        var error = Assert.Throws<QueryTranslationException>(() => sql());
        Assert.Contains(advice, error.Message, StringComparison.Ordinal);
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
        ["length"] = (q => q.Select(t => t.Text.Length).ToSql(),
            "SELECT CASE WHEN (octet_length(\"t0\".\"Text\") - char_length(\"t0\".\"Text\")) < 3 THEN char_length(\"t0\".\"Text\") ELSE char_length(\"t0\".\"Text\") + ((octet_length(replace(encode(convert_to(\"t0\".\"Text\", 'UTF8'), 'escape'), '\\\\', '')) - octet_length(replace(replace(encode(convert_to(\"t0\".\"Text\", 'UTF8'), 'escape'), '\\\\', ''), '\\36', ''))) / 3) END FROM \"TypeSample\" AS \"t0\""),
        ["index-of"] = (q => q.Select(t => t.Text.IndexOf("x", StringComparison.Ordinal)).ToSql(),
            "SELECT CASE WHEN strpos(\"t0\".\"Text\", $1) = 0 THEN -1 ELSE CASE WHEN (octet_length(left(\"t0\".\"Text\", strpos(\"t0\".\"Text\", $1) - 1)) - char_length(left(\"t0\".\"Text\", strpos(\"t0\".\"Text\", $1) - 1))) < 3 THEN char_length(left(\"t0\".\"Text\", strpos(\"t0\".\"Text\", $1) - 1)) ELSE char_length(left(\"t0\".\"Text\", strpos(\"t0\".\"Text\", $1) - 1)) + ((octet_length(replace(encode(convert_to(left(\"t0\".\"Text\", strpos(\"t0\".\"Text\", $1) - 1), 'UTF8'), 'escape'), '\\\\', '')) - octet_length(replace(replace(encode(convert_to(left(\"t0\".\"Text\", strpos(\"t0\".\"Text\", $1) - 1), 'UTF8'), 'escape'), '\\\\', ''), '\\36', ''))) / 3) END END FROM \"TypeSample\" AS \"t0\""),
        ["index-of-start"] = (q => q.Select(t => t.Text.IndexOf('x', 2)).ToSql(),
            "SELECT (SELECT CASE WHEN (\"t1\".\"k\" < 0) OR (\"t1\".\"k\" > CASE WHEN (octet_length(\"t1\".\"s\") - char_length(\"t1\".\"s\")) < 3 THEN char_length(\"t1\".\"s\") ELSE char_length(\"t1\".\"s\") + ((octet_length(replace(encode(convert_to(\"t1\".\"s\", 'UTF8'), 'escape'), '\\\\', '')) - octet_length(replace(replace(encode(convert_to(\"t1\".\"s\", 'UTF8'), 'escape'), '\\\\', ''), '\\36', ''))) / 3) END) THEN ('IndexOf: the start index is beyond the end of the string (.NET throws ArgumentOutOfRangeException)' || left(\"t1\".\"s\", 0))::integer WHEN \"t3\".\"p\" = 0 THEN -1 ELSE CASE WHEN (octet_length(left(\"t1\".\"s\", (\"t2\".\"q\" + \"t3\".\"p\") - 1)) - char_length(left(\"t1\".\"s\", (\"t2\".\"q\" + \"t3\".\"p\") - 1))) < 3 THEN char_length(left(\"t1\".\"s\", (\"t2\".\"q\" + \"t3\".\"p\") - 1)) ELSE char_length(left(\"t1\".\"s\", (\"t2\".\"q\" + \"t3\".\"p\") - 1)) + ((octet_length(replace(encode(convert_to(left(\"t1\".\"s\", (\"t2\".\"q\" + \"t3\".\"p\") - 1), 'UTF8'), 'escape'), '\\\\', '')) - octet_length(replace(replace(encode(convert_to(left(\"t1\".\"s\", (\"t2\".\"q\" + \"t3\".\"p\") - 1), 'UTF8'), 'escape'), '\\\\', ''), '\\36', ''))) / 3) END END FROM (SELECT \"t0\".\"Text\" AS \"s\", $1 AS \"k\") AS \"t1\" LEFT JOIN LATERAL (SELECT CASE WHEN (octet_length(\"t1\".\"s\") - char_length(\"t1\".\"s\")) < 3 THEN \"t1\".\"k\" ELSE \"t1\".\"k\" - ((CASE WHEN (octet_length(left(regexp_replace(\"t1\".\"s\", '([\\U00010000-\\U0010FFFF])', '\\1\\1', 'g'), \"t1\".\"k\")) - char_length(left(regexp_replace(\"t1\".\"s\", '([\\U00010000-\\U0010FFFF])', '\\1\\1', 'g'), \"t1\".\"k\"))) < 3 THEN char_length(left(regexp_replace(\"t1\".\"s\", '([\\U00010000-\\U0010FFFF])', '\\1\\1', 'g'), \"t1\".\"k\")) ELSE char_length(left(regexp_replace(\"t1\".\"s\", '([\\U00010000-\\U0010FFFF])', '\\1\\1', 'g'), \"t1\".\"k\")) + ((octet_length(replace(encode(convert_to(left(regexp_replace(\"t1\".\"s\", '([\\U00010000-\\U0010FFFF])', '\\1\\1', 'g'), \"t1\".\"k\"), 'UTF8'), 'escape'), '\\\\', '')) - octet_length(replace(replace(encode(convert_to(left(regexp_replace(\"t1\".\"s\", '([\\U00010000-\\U0010FFFF])', '\\1\\1', 'g'), \"t1\".\"k\"), 'UTF8'), 'escape'), '\\\\', ''), '\\36', ''))) / 3) END - char_length(left(regexp_replace(\"t1\".\"s\", '([\\U00010000-\\U0010FFFF])', '\\1\\1', 'g'), \"t1\".\"k\"))) / 2) END AS \"q\") AS \"t2\" ON TRUE LEFT JOIN LATERAL (SELECT strpos(substr(\"t1\".\"s\", \"t2\".\"q\" + 1), $2) AS \"p\") AS \"t3\" ON TRUE) FROM \"TypeSample\" AS \"t0\""),
        ["compare-ordinal"] = (q => q.Where(t => string.CompareOrdinal(t.TextN, "b") < 0).Select(t => t.Id).ToSql(),
            "SELECT \"t0\".\"Id\" FROM \"TypeSample\" AS \"t0\" WHERE CASE WHEN \"t0\".\"TextN\" IS NULL THEN -1 WHEN (\"t0\".\"TextN\" COLLATE \"C\") < $1 THEN -1 WHEN (\"t0\".\"TextN\" COLLATE \"C\") > $1 THEN 1 ELSE 0 END < $2"),
        ["pad-left"] = (q => q.Select(t => t.Text.PadLeft(4, '0')).ToSql(),
            "SELECT CASE WHEN CASE WHEN (octet_length(\"t0\".\"Text\") - char_length(\"t0\".\"Text\")) < 3 THEN char_length(\"t0\".\"Text\") ELSE char_length(\"t0\".\"Text\") + ((octet_length(replace(encode(convert_to(\"t0\".\"Text\", 'UTF8'), 'escape'), '\\\\', '')) - octet_length(replace(replace(encode(convert_to(\"t0\".\"Text\", 'UTF8'), 'escape'), '\\\\', ''), '\\36', ''))) / 3) END >= $1 THEN \"t0\".\"Text\" ELSE lpad(\"t0\".\"Text\", char_length(\"t0\".\"Text\") + ($1 - CASE WHEN (octet_length(\"t0\".\"Text\") - char_length(\"t0\".\"Text\")) < 3 THEN char_length(\"t0\".\"Text\") ELSE char_length(\"t0\".\"Text\") + ((octet_length(replace(encode(convert_to(\"t0\".\"Text\", 'UTF8'), 'escape'), '\\\\', '')) - octet_length(replace(replace(encode(convert_to(\"t0\".\"Text\", 'UTF8'), 'escape'), '\\\\', ''), '\\36', ''))) / 3) END), $2) END FROM \"TypeSample\" AS \"t0\""),
        ["join"] = (q => q.Select(t => string.Join(",", new[] { t.Text, t.TextN })).ToSql(),
            "SELECT concat(\"t0\".\"Text\", $1, \"t0\".\"TextN\") FROM \"TypeSample\" AS \"t0\""),
        ["concat-values"] = (q => q.Select(t => t.Text + t.IntN + t.Bool).ToSql(),
            "SELECT concat(concat(\"t0\".\"Text\", COALESCE(\"t0\".\"IntN\"::text, '')), CASE WHEN \"t0\".\"Bool\" THEN 'True' WHEN NOT \"t0\".\"Bool\" THEN 'False' ELSE NULL END) FROM \"TypeSample\" AS \"t0\""),
    };
}

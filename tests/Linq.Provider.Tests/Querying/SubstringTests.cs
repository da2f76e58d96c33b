using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// <c>Substring</c> counts UTF-16 code units as .NET does, over text with characters outside the BMP, and fails where
/// .NET throws (a start or length outside the text) instead of clamping. Expected values come from LINQ-to-Objects
/// over the rows read with plain Npgsql; each query keeps only the rows where .NET's Substring succeeds and cuts no
/// surrogate pair (those rows are checked to fail on their own).
/// </summary>
public sealed class SubstringTests(MethodSampleFixture f) : IClassFixture<MethodSampleFixture>
{
    // .NET's own rules, plus the one case PostgreSQL cannot represent: a cut inside a surrogate pair.
    private static bool Representable(string? s, int start, int? length)
    {
        if (s is null || start < 0 || start > s.Length || length < 0 || start + (length ?? 0) > s.Length)
        {
            return false;
        }

        var end = start + (length ?? s.Length - start);
        return !InsidePair(s, start) && !InsidePair(s, end);
    }

    private static bool InsidePair(string s, int at) => at > 0 && at < s.Length && char.IsLowSurrogate(s[at]);

    [Fact]
    public void Seed_cuts_through_astral_text() =>
        Assert.Contains(f.Rows, r => r.Text.Length > 2 && !Representable(r.Text, 1, 1) && Representable(r.Text, 2, 1));

    [Fact]
    public async Task Substring_with_start_and_length_matches_linq_to_objects()
    {
        for (var start = 0; start <= 5; start++)
        {
            for (var length = 0; length <= 4; length++)
            {
                var (k, n) = (start, length);
                var ids = f.Rows.Where(r => Representable(r.Text, k, n)).Select(r => r.Id).ToList();
                var expected = f.Rows.Where(r => ids.Contains(r.Id)).OrderBy(r => r.Id).Select(r => new { r.Id, Part = r.Text.Substring(k, n) }).ToList();
                var query = f.Db.TypeSamples.Where(t => ids.Contains(t.Id)).OrderBy(t => t.Id).Select(t => new { t.Id, Part = t.Text.Substring(k, n) });
                QueryCheck.Same($"Substring({k}, {n})", expected, await QueryCheck.ListAsync(query), QueryCheck.Sql(query));
            }
        }
    }

    [Fact]
    public async Task Substring_from_start_matches_linq_to_objects()
    {
        for (var start = 0; start <= 6; start++)
        {
            var k = start;
            var ids = f.Rows.Where(r => Representable(r.Text, k, null)).Select(r => r.Id).ToList();
            var expected = f.Rows.Where(r => ids.Contains(r.Id)).OrderBy(r => r.Id).Select(r => r.Text.Substring(k)).ToList();
            var query = f.Db.TypeSamples.Where(t => ids.Contains(t.Id)).OrderBy(t => t.Id).Select(t => t.Text.Substring(k));
            QueryCheck.Same($"Substring({k})", expected, await QueryCheck.ListAsync(query), QueryCheck.Sql(query));
        }
    }

    [Fact]
    public async Task Substring_with_positions_from_columns_and_in_predicates()
    {
        // The last code unit (a whole character or the last half of a pair: only whole ones are kept), and a filter.
        var ids = f.Rows.Where(r => r.Text.Length > 0 && Representable(r.Text, r.Text.Length - 1, 1)).Select(r => r.Id).ToList();
        var expected = f.Rows.Where(r => ids.Contains(r.Id)).OrderBy(r => r.Id).Select(r => r.Text.Substring(r.Text.Length - 1, 1)).ToList();
        var query = f.Db.TypeSamples.Where(t => ids.Contains(t.Id)).OrderBy(t => t.Id).Select(t => t.Text.Substring(t.Text.Length - 1, 1));
        QueryCheck.Same("Substring(Length - 1, 1)", expected, await QueryCheck.ListAsync(query), QueryCheck.Sql(query));

        var twoUnits = f.Rows.Where(r => Representable(r.Text, 0, 2)).Select(r => r.Id).ToList();
        var matching = f.Rows.Where(r => twoUnits.Contains(r.Id) && r.Text.Substring(0, 2) == "🎉").Select(r => r.Id).Order().ToList();
        Assert.NotEmpty(matching);
        var actual = await f.Db.TypeSamples.Where(t => twoUnits.Contains(t.Id) && t.Text.Substring(0, 2) == "🎉").Select(t => t.Id).OrderBy(id => id).ToListAsync();
        Assert.Equal(matching, actual);
    }

    [Fact]
    public async Task Nullable_text_gives_null()
    {
        var safe = f.Rows.Where(r => r.TextN is null || Representable(r.TextN, 0, 1)).Select(r => r.Id).ToList();
        var expected = f.Rows.Where(r => safe.Contains(r.Id)).OrderBy(r => r.Id).Select(r => (r.Id, Part: r.TextN?.Substring(0, 1))).ToList();
        var actual = await f.Db.TypeSamples.Where(t => safe.Contains(t.Id)).OrderBy(t => t.Id).Select(t => new { t.Id, Part = t.TextN!.Substring(0, 1) }).ToListAsync();
        Assert.Equal(expected, actual.Select(a => (a.Id, Part: (string?)a.Part)));
        Assert.Contains(expected, e => e.Part is null);
        Assert.Contains(expected, e => e.Part is not null);
    }

    [Fact]
    public async Task Out_of_range_fails_the_statement_as_net_throws()
    {
        var longest = f.Rows.Max(r => r.Text.Length);
        var start = longest + 1;
        var error = await Record.ExceptionAsync(() => f.Db.TypeSamples.Select(t => t.Text.Substring(start)).ToListAsync());
        Assert.Contains("outside the string", QueryCheck.Describe(error!), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Rows.Select(t => t.Text.Substring(start)).ToList());

        // substr would have clamped this to the text: .NET throws for any row shorter than 2 code units.
        var clamped = await Record.ExceptionAsync(() => f.Db.TypeSamples.Select(t => t.Text.Substring(0, 2)).ToListAsync());
        Assert.Contains("outside the string", QueryCheck.Describe(clamped!), StringComparison.Ordinal);

        var negative = -1;
        Assert.IsType<ArgumentOutOfRangeException>(await Record.ExceptionAsync(() => f.Db.TypeSamples.Select(t => t.Text.Substring(negative)).ToListAsync()));
        Assert.IsType<ArgumentOutOfRangeException>(await Record.ExceptionAsync(() => f.Db.TypeSamples.Select(t => t.Text.Substring(0, negative)).ToListAsync()));
    }

    [Fact]
    public async Task A_cut_inside_a_surrogate_pair_fails_instead_of_returning_half_a_character()
    {
        var party = f.Rows.First(r => r.Text == "🎉 party").Id;
        Assert.False(Representable("🎉 party", 1, 2));
        var error = await Record.ExceptionAsync(() => f.Db.TypeSamples.Where(t => t.Id == party).Select(t => t.Text.Substring(1, 2)).ToListAsync());
        Assert.Contains("two halves", QueryCheck.Describe(error!), StringComparison.Ordinal);
        var end = await Record.ExceptionAsync(() => f.Db.TypeSamples.Where(t => t.Id == party).Select(t => t.Text.Substring(0, 1)).ToListAsync());
        Assert.Contains("two halves", QueryCheck.Describe(end!), StringComparison.Ordinal);
        Assert.Equal(["🎉"], await f.Db.TypeSamples.Where(t => t.Id == party).Select(t => t.Text.Substring(0, 2)).ToListAsync());
        Assert.Equal([" party"], await f.Db.TypeSamples.Where(t => t.Id == party).Select(t => t.Text.Substring(2)).ToListAsync());
    }

    [Fact]
    public void Sql_takes_plain_substr_for_text_without_astral_characters()
    {
        var sql = f.Db.TypeSamples.Select(t => t.Text.Substring(1, 2)).ToSql();
        Assert.True(sql.StartsWith("SELECT CASE WHEN ((octet_length(\"t0\".\"Text\") - char_length(\"t0\".\"Text\")) < 3) AND ((($1 >= 0) AND ($1 <= char_length(\"t0\".\"Text\"))) AND (($2 >= 0) AND (($1 + $2) <= char_length(\"t0\".\"Text\")))) THEN substr(\"t0\".\"Text\", $1 + 1, $2) ELSE (SELECT CASE WHEN NOT", StringComparison.Ordinal), sql);
    }
}

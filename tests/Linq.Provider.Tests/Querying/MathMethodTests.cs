using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// Math methods and arithmetic against LINQ-to-Objects over rows read with plain Npgsql: every Math.Round overload
/// and MidpointRounding for decimal and double (midpoints in the seed), Abs/Floor/Ceiling/Truncate/Sign/Min/Max/
/// Sqrt/Pow/Exp/Log/Log10, and integer division and remainder with .NET's sign rules.
/// </summary>
public sealed class MathMethodTests(MethodSampleFixture f) : IClassFixture<MethodSampleFixture>
{
    private static readonly Dictionary<string, Func<MethodSampleFixture, Task>> Projections = new()
    {
        ["Round(decimal)"] = f => MethodCheck.ProjectAsync(f, "Round(decimal)", t => Math.Round(t.Decimal)),
        ["Round(decimal, 2)"] = f => MethodCheck.ProjectAsync(f, "Round(decimal, 2)", t => Math.Round(t.Decimal, 2)),
        ["Round(decimal, 1, AwayFromZero)"] = f => MethodCheck.ProjectAsync(f, "Round(decimal, 1, AwayFromZero)", t => Math.Round(t.Decimal, 1, MidpointRounding.AwayFromZero)),
        ["Round(decimal, AwayFromZero)"] = f => MethodCheck.ProjectAsync(f, "Round(decimal, AwayFromZero)", t => Math.Round(t.Decimal, MidpointRounding.AwayFromZero)),
        ["Round(decimal, ToZero)"] = f => MethodCheck.ProjectAsync(f, "Round(decimal, ToZero)", t => Math.Round(t.Decimal, MidpointRounding.ToZero)),
        ["Round(decimal, 2, ToNegativeInfinity)"] = f => MethodCheck.ProjectAsync(f, "Round(decimal, 2, ToNegativeInfinity)", t => Math.Round(t.Decimal, 2, MidpointRounding.ToNegativeInfinity)),
        ["Round(decimal, 2, ToPositiveInfinity)"] = f => MethodCheck.ProjectAsync(f, "Round(decimal, 2, ToPositiveInfinity)", t => Math.Round(t.Decimal, 2, MidpointRounding.ToPositiveInfinity)),
        ["Round(decimal, ToNegativeInfinity)"] = f => MethodCheck.ProjectAsync(f, "Round(decimal, ToNegativeInfinity)", t => Math.Round(t.Decimal, MidpointRounding.ToNegativeInfinity)),
        ["Round(decimal, 1, ToEven)"] = f => MethodCheck.ProjectAsync(f, "Round(decimal, 1, ToEven)", t => Math.Round(t.Decimal, 1, MidpointRounding.ToEven)),
        ["Round(decimal, 2, ToZero)"] = f => MethodCheck.ProjectAsync(f, "Round(decimal, 2, ToZero)", t => Math.Round(t.Decimal, 2, MidpointRounding.ToZero)),
        ["Round(decimal?, 1)"] = f => MethodCheck.ProjectAsync(f, "Round(decimal?, 1)", t => t.DecimalN == null ? (decimal?)null : Math.Round(t.DecimalN.Value, 1)),
        ["Round(double)"] = f => MethodCheck.ProjectAsync(f, "Round(double)", t => Math.Round(t.Double)),
        ["Round(double, AwayFromZero)"] = f => MethodCheck.ProjectAsync(f, "Round(double, AwayFromZero)", t => Math.Round(t.Double, MidpointRounding.AwayFromZero)),
        ["Round(double, ToZero)"] = f => MethodCheck.ProjectAsync(f, "Round(double, ToZero)", t => Math.Round(t.Double, MidpointRounding.ToZero)),
        ["Round(double, ToNegativeInfinity)"] = f => MethodCheck.ProjectAsync(f, "Round(double, ToNegativeInfinity)", t => Math.Round(t.Double, MidpointRounding.ToNegativeInfinity)),
        ["Round(double, ToPositiveInfinity)"] = f => MethodCheck.ProjectAsync(f, "Round(double, ToPositiveInfinity)", t => Math.Round(t.Double, MidpointRounding.ToPositiveInfinity)),
        ["Round(double, 2)"] = f => MethodCheck.ProjectAsync(f, "Round(double, 2)", t => Math.Round(t.Double, 2)),
        ["Round(double, 1, AwayFromZero)"] = f => MethodCheck.ProjectAsync(f, "Round(double, 1, AwayFromZero)", t => Math.Round(t.Double, 1, MidpointRounding.AwayFromZero)),
        ["Round(double, 2, AwayFromZero)"] = f => MethodCheck.ProjectAsync(f, "Round(double, 2, AwayFromZero)", t => Math.Round(t.Double, 2, MidpointRounding.AwayFromZero)),
        ["Round(double, 2, ToNegativeInfinity)"] = f => MethodCheck.ProjectAsync(f, "Round(double, 2, ToNegativeInfinity)", t => Math.Round(t.Double, 2, MidpointRounding.ToNegativeInfinity)),
        ["Round(double, 3, ToPositiveInfinity)"] = f => MethodCheck.ProjectAsync(f, "Round(double, 3, ToPositiveInfinity)", t => Math.Round(t.Double, 3, MidpointRounding.ToPositiveInfinity)),
        ["Round(float)"] = f => MethodCheck.ProjectAsync(f, "Round(float)", t => Math.Round(t.Float, 1)),
        ["Abs/Sign"] = f => MethodCheck.ProjectAsync(f, "Abs/Sign", t => new { A = Math.Abs(t.Int), B = Math.Abs(t.Decimal), C = Math.Abs(t.Double), S = Math.Sign(t.Decimal), T = Math.Sign(t.Int) }),
        ["Floor/Ceiling/Truncate"] = f => MethodCheck.ProjectAsync(f, "Floor/Ceiling/Truncate", t => new { A = Math.Floor(t.Decimal), B = Math.Ceiling(t.Double), C = Math.Truncate(t.Decimal), D = Math.Truncate(t.Double) }),
        ["Min/Max"] = f => MethodCheck.ProjectAsync(f, "Min/Max", t => new { A = Math.Min(t.Int, 3), B = Math.Max(t.Decimal, t.Decimal * -1), C = Math.Max(t.Double, 0.5) }),
        ["Sqrt/Pow/Exp/Log"] = f => MethodCheck.ProjectAsync(f, "Sqrt/Pow/Exp/Log", t => new
        {
            A = Math.Sqrt(Math.Abs(t.Double)), B = Math.Pow(Math.Abs(t.Double), 1.5), C = Math.Exp(t.Short / 10.0), D = Math.Log(Math.Abs(t.Double) + 1), E = Math.Log10(Math.Abs(t.Double) + 1),
        }),
        ["int / and %"] = f => MethodCheck.ProjectAsync(f, "int / and %", t => new { Q = t.Int / 3, R = t.Int % 3, N = t.Int / -4, M = t.Int % -4, L = t.Long / 7, K = t.Long % 7 }),
        ["int? / int?"] = f => MethodCheck.ProjectAsync(f, "int? / int?", t => t.IntN == 0 ? null : t.Int / t.IntN),
        ["double /"] = f => MethodCheck.ProjectAsync(f, "double /", t => t.Double / 3 + t.Int / 2.0),
    };

    private static readonly CaseTable<TypeSample> Predicates = new()
    {
        { "Round(decimal) == 2 (ToEven)", t => Math.Round(t.Decimal) == 2 },
        { "Round(decimal, AwayFromZero) == -3", t => Math.Round(t.Decimal, MidpointRounding.AwayFromZero) == -3 },
        { "Round(decimal, 2, AwayFromZero) == 1.01", t => Math.Round(t.Decimal, 2, MidpointRounding.AwayFromZero) == 1.01m },
        { "Round(decimalN, 1) > 0", t => t.DecimalN != null && Math.Round(t.DecimalN.Value, 1) > 0 },
        { "Round(double) == 2", t => Math.Round(t.Double) == 2 },
        { "Round(double, 2, AwayFromZero) == 2.68", t => Math.Round(t.Double, 2, MidpointRounding.AwayFromZero) == 2.68 },
        { "Round(doubleN, ToZero) == 0", t => t.DoubleN != null && Math.Round(t.DoubleN.Value, MidpointRounding.ToZero) == 0 },
        { "Abs(Int) > 5", t => Math.Abs(t.Int) > 5 },
        { "Sign(Double) < 0", t => Math.Sign(t.Double) < 0 },
        { "Floor(Double) == -1", t => Math.Floor(t.Double) == -1 },
        { "Max(IntN, 0) == 0", t => t.IntN.HasValue && Math.Max(t.IntN.Value, 0) == 0 },
        { "Int % 2 == -1", t => t.Int % 2 == -1 },
        { "Int / 4 == -1", t => t.Int / 4 == -1 },
        { "IntN % 2 != 0", t => t.IntN % 2 != 0 },
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
    public async Task Methods_in_ordering_paging_and_grouping()
    {
        var expected = f.Rows.OrderBy(t => Math.Round(t.Decimal, 1, MidpointRounding.AwayFromZero)).ThenByDescending(t => t.Text.Length).ThenBy(t => t.Id)
            .Skip(2).Take(10).Select(t => t.Id).ToList();
        var query = f.Db.TypeSamples.OrderBy(t => Math.Round(t.Decimal, 1, MidpointRounding.AwayFromZero)).ThenByDescending(t => t.Text.Length).ThenBy(t => t.Id)
            .Skip(2).Take(10).Select(t => t.Id);
        QueryCheck.Same("OrderBy(Round).ThenByDescending(Length)", expected, await QueryCheck.ListAsync(query), QueryCheck.Sql(query));

        var groups = f.Rows.GroupBy(t => t.Timestamp.AddMonths(1).Month).Select(g => (g.Key, g.Count(), g.Sum(t => t.Int / 3))).ToList();
        var grouped = f.Db.TypeSamples.GroupBy(t => t.Timestamp.AddMonths(1).Month).Select(g => new { g.Key, Count = g.Count(), Sum = g.Sum(t => t.Int / 3) });
        QueryCheck.SameSet("GroupBy(AddMonths(1).Month)", groups, (await QueryCheck.ListAsync(grouped)).Select(g => (g.Key, g.Count, g.Sum)), QueryCheck.Sql(grouped));

        var padded = f.Rows.Where(t => t.Text.PadLeft(6, '.').StartsWith("..")).OrderBy(t => string.Join("/", new[] { t.TextN, t.Text }), StringComparer.Ordinal).ThenBy(t => t.Id).Select(t => t.Id).ToList();
        var paddedQuery = f.Db.TypeSamples.Where(t => t.Text.PadLeft(6, '.').StartsWith("..")).OrderBy(t => string.Join("/", new[] { t.TextN, t.Text })).ThenBy(t => t.Id).Select(t => t.Id);
        QueryCheck.Same("Where(PadLeft).OrderBy(Join)", padded, await QueryCheck.ListAsync(paddedQuery), QueryCheck.Sql(paddedQuery));
    }

    [Fact]
    public async Task Captured_digits_are_a_parameter_and_the_plan_is_reused()
    {
        foreach (var digits in new[] { 0, 1, 2, 3 })
        {
            await MethodCheck.ProjectAsync(f, "Round(decimal, " + digits + ", AwayFromZero)", t => Math.Round(t.Decimal, digits, MidpointRounding.AwayFromZero));
            await MethodCheck.ProjectAsync(f, "Round(double, " + digits + ")", t => Math.Round(t.Double, digits));
        }
    }

    [Fact]
    public async Task Captured_rounding_mode_is_refused_with_advice()
    {
        var mode = MidpointRounding.AwayFromZero;
        var error = await Record.ExceptionAsync(() => f.Db.TypeSamples.Where(t => Math.Round(t.Decimal, 1, mode) > 1).ToListAsync());
        Assert.True(error is QueryTranslationException, QueryCheck.Describe(error ?? new Exception("ran")));
        Assert.Contains("written in the query", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digits_out_of_range_throw_as_in_net()
    {
        var digits = 16;
        var error = await Record.ExceptionAsync(() => f.Db.TypeSamples.Select(t => Math.Round(t.Double, digits)).ToListAsync());
        Assert.NotNull(error);
        Assert.Contains("digits", QueryCheck.Describe(error!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Division_by_zero_throws_DivideByZeroException()
    {
        var zero = 0;
        var error = await Record.ExceptionAsync(() => f.Db.TypeSamples.Select(t => t.Int / zero).ToListAsync());
        Assert.IsType<DivideByZeroException>(error);
        var remainder = await Record.ExceptionAsync(() => f.Db.TypeSamples.Where(t => t.Int % (t.IntN ?? 0) == 1).ToListAsync());
        Assert.IsType<DivideByZeroException>(remainder);
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
        ["round-decimal-even"] = (q => q.Select(t => Math.Round(t.Decimal)).ToSql(),
            "SELECT CASE WHEN (abs(\"t0\".\"Decimal\" - trunc(\"t0\".\"Decimal\")) = ('0.5'::numeric)) AND (mod(trunc(\"t0\".\"Decimal\"), 2) = 0) THEN trunc(\"t0\".\"Decimal\") ELSE round(\"t0\".\"Decimal\") END FROM \"TypeSample\" AS \"t0\""),
        ["round-decimal-digits-even"] = (q => q.Select(t => Math.Round(t.Decimal, 2)).ToSql(),
            "SELECT CASE WHEN (abs(\"t0\".\"Decimal\" - trunc(\"t0\".\"Decimal\", $1)) = $2) AND (mod(trunc(\"t0\".\"Decimal\", $1) * $3, 2) = 0) THEN trunc(\"t0\".\"Decimal\", $1) ELSE round(\"t0\".\"Decimal\", $1) END FROM \"TypeSample\" AS \"t0\""),
        ["round-decimal-digits-away"] = (q => q.Select(t => Math.Round(t.Decimal, 1, MidpointRounding.AwayFromZero)).ToSql(),
            "SELECT round(\"t0\".\"Decimal\", $1) FROM \"TypeSample\" AS \"t0\""),
        ["round-decimal-digits-floor"] = (q => q.Select(t => Math.Round(t.Decimal, 1, MidpointRounding.ToNegativeInfinity)).ToSql(),
            "SELECT CASE WHEN trunc(\"t0\".\"Decimal\", $1) > \"t0\".\"Decimal\" THEN trunc(\"t0\".\"Decimal\", $1) - $2 ELSE trunc(\"t0\".\"Decimal\", $1) END FROM \"TypeSample\" AS \"t0\""),
        ["round-double-away"] = (q => q.Select(t => Math.Round(t.Double, MidpointRounding.AwayFromZero)).ToSql(),
            "SELECT CASE WHEN abs(\"t0\".\"Double\" - trunc(\"t0\".\"Double\")) >= ('0.5'::double precision) THEN trunc(\"t0\".\"Double\") + sign(\"t0\".\"Double\") ELSE trunc(\"t0\".\"Double\") END FROM \"TypeSample\" AS \"t0\""),
        ["round-double-digits"] = (q => q.Select(t => Math.Round(t.Double, 2)).ToSql(),
            "SELECT CASE WHEN abs(\"t0\".\"Double\") < ('1e16'::double precision) THEN round(\"t0\".\"Double\" * $1) / $1 ELSE \"t0\".\"Double\" END FROM \"TypeSample\" AS \"t0\""),
        ["min-max-sign"] = (q => q.Select(t => Math.Min(t.Int, 3) + Math.Sign(t.Double)).ToSql(),
            "SELECT LEAST(\"t0\".\"Int\", $1) + (sign(\"t0\".\"Double\")::integer) FROM \"TypeSample\" AS \"t0\""),
    };
}

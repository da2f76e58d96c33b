using System.Linq.Expressions;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// Array columns in filters, orderings and projections against LINQ-to-Objects over rows read with plain Npgsql.
/// A NULL array reads as an empty one (documented; .NET would throw), so expectations over the nullable columns
/// write <c>?? []</c>.
/// </summary>
public sealed class ArrayFilterTests(EntryFixture fixture) : IClassFixture<EntryFixture>
{
    private static readonly string[] Empty = [];
    private static readonly int?[] NoRanks = [];

    private TestDb Db => fixture.Db;

    public static TheoryData<string> Filters => [.. FilterCases().Keys];

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Filter_returns_the_rows_linq_to_objects_returns(string name)
    {
        var (sql, expected) = FilterCases()[name];
        var query = Db.Entries.Where(sql).Select(a => a.Id);
        var actual = await QueryCheck.ListAsync(query);
        var want = fixture.Entries.Where(expected).Select(a => a.Id).ToList();
        Assert.True(want.Count > 0 && want.Count < fixture.Entries.Count, $"{name}: the case must tell rows apart ({want.Count} of {fixture.Entries.Count}).");
        Assert.True(want.Order().SequenceEqual(actual.Order()), $"{name}: expected [{string.Join(", ", want)}], got [{string.Join(", ", actual.Order())}]\n{QueryCheck.Sql(query)}");
    }

    private static Dictionary<string, (Expression<Func<Entry, bool>> Sql, Func<Entry, bool> Expected)> FilterCases()
    {
        var tag = "even";
        var other = new[] { "even", "zzz" };
        var otherList = new List<string> { "t2", "nope" };
        var ints = new[] { 7, 10 };
        var intList = new List<int> { 2, 4 };
        var none = Array.Empty<int>();
        var index = 1;
        string? nothing = null;
        int? three = 3;
        var cases = new Dictionary<string, (Expression<Func<Entry, bool>>, Func<Entry, bool>)>();
        void Add(string name, Expression<Func<Entry, bool>> sql, Func<Entry, bool>? expected = null) => cases.Add(name, (sql, expected ?? sql.Compile()));

        Add("contains-parameter", a => a.Tags.Contains(tag));
        Add("contains-constant", a => a.Tags.Contains("t1"));
        Add("not-contains", a => !a.Tags.Contains(tag));
        Add("contains-column-of-navigation", a => a.Tags.Contains(a.Rack!.Name));
        Add("nullable-array-contains", a => a.Labels!.Contains("a"), a => (a.Labels ?? Empty).Contains("a"));
        Add("nullable-array-not-contains", a => !a.Labels!.Contains("b"), a => !(a.Labels ?? Empty).Contains("b"));
        Add("contains-null-element", a => a.Labels!.Contains(null!), a => (a.Labels ?? Empty).Contains(null!));
        Add("contains-null-variable", a => a.Labels!.Contains(nothing!), a => (a.Labels ?? Empty).Contains(nothing!));
        Add("not-contains-null-element", a => !a.Labels!.Contains(null!), a => !(a.Labels ?? Empty).Contains(null!));
        Add("contains-nullable-column", a => a.Labels!.Contains(a.Body), a => (a.Labels ?? Empty).Contains(a.Body));
        Add("int-contains", a => a.Scores.Contains(7));
        Add("int-not-contains", a => !a.Scores.Contains(14));
        Add("nullable-int-contains", a => a.Ranks!.Contains(three), a => (a.Ranks ?? NoRanks).Contains(three));
        Add("nullable-int-contains-null", a => a.Ranks!.Contains(null), a => (a.Ranks ?? NoRanks).Contains(null));
        Add("not-nullable-int-contains", a => !a.Ranks!.Contains(1), a => !(a.Ranks ?? NoRanks).Contains(1));
        Add("any", a => a.Tags.Any());
        Add("not-any-nullable", a => !a.Labels!.Any(), a => !(a.Labels ?? Empty).Any());
        Add("any-predicate", a => a.Tags.Any(t => t.StartsWith("t1")));
        Add("any-null-element", a => a.Labels!.Any(l => l == null), a => (a.Labels ?? Empty).Any(l => l == null));
        Add("all-predicate", a => a.Tags.All(t => t.Length > 2));
        Add("all-not-null", a => a.Labels!.All(l => l != null), a => (a.Labels ?? Empty).All(l => l != null));
        Add("all-int", a => a.Scores.All(s => s < 20));
        Add("length", a => a.Tags.Length > 2);
        Add("nullable-length", a => a.Labels!.Length == 3, a => (a.Labels ?? Empty).Length == 3);
        Add("count", a => a.Scores.Count() == 3);
        Add("count-predicate", a => a.Scores.Count(s => s > 7) == 2);
        Add("sum", a => a.Scores.Sum() > 30);
        Add("overlap-strings", a => a.Tags.Any(t => other.Contains(t)));
        Add("overlap-list", a => a.Tags.Any(t => otherList.Contains(t)));
        Add("not-overlap-ints", a => !a.Scores.Any(s => ints.Contains(s)));
        Add("overlap-ints-list", a => a.Scores.Any(s => intList.Contains(s)));
        Add("overlap-nullable-labels", a => a.Labels!.Any(l => other.Contains(l) || l == "a"), a => (a.Labels ?? Empty).Any(l => other.Contains(l) || l == "a"));
        Add("pg-overlaps", a => Pg.Overlaps(a.Tags, other), a => a.Tags.Any(t => other.Contains(t)));
        Add("contained-strings", a => other.Take(1).All(t => a.Tags.Contains(t)), a => other.Take(1).All(t => a.Tags.Contains(t)));
        Add("contained-ints", a => ints.All(s => a.Scores.Contains(s)));
        Add("contained-ints-list", a => intList.All(s => a.Scores.Contains(s)) || a.Id % 2 == 0);
        Add("contained-empty-list-or-odd", a => none.All(s => a.Scores.Contains(s)) && a.Id % 2 == 1);
        Add("contained-nullable-ints", a => new int?[] { 3 }.All(r => a.Ranks!.Contains(r)), a => new int?[] { 3 }.All(r => (a.Ranks ?? NoRanks).Contains(r)));
        Add("pg-contains", a => Pg.Contains(a.Scores, ints), a => ints.All(s => a.Scores.Contains(s)));
        Add("values-any-predicate", a => intList.Any(v => a.Scores.Contains(v * 2)));
        Add("index-constant", a => a.Tags[0] == "t1", a => a.Tags.Length > 0 && a.Tags[0] == "t1");
        Add("index-parameter", a => a.Scores[index] > 10, a => a.Scores.Length > index && a.Scores[index] > 10);
        Add("index-column", a => a.Scores[a.Id % 3] == 7, a => a.Scores.Length > a.Id % 3 && a.Scores[a.Id % 3] == 7);
        Add("first", a => a.Tags.First() == "t2", a => a.Tags.FirstOrDefault() == "t2");
        Add("first-or-default-int", a => a.Scores.FirstOrDefault() == 0);
        Add("index-with-navigation", a => a.Tags.Length > 0 && a.Tags[0] == a.Rack!.Name);
        return cases;
    }

    [Fact]
    public async Task Projection_reads_array_expressions()
    {
        var query = Db.Entries.OrderBy(a => a.Id).Select(a => new
        {
            a.Id,
            a.Tags,
            a.Labels,
            First = a.Tags.FirstOrDefault(),
            Second = (int?)a.Scores[1],
            Count = a.Labels!.Count(),
            HasA = a.Labels!.Contains("a"),
            HasNull = a.Labels!.Contains(null!),
            Sum = a.Scores.Sum(),
            Big = a.Scores.Count(s => s > 10),
            Overlap = Pg.Overlaps(a.Tags, new[] { "odd" }),
        });
        var actual = await QueryCheck.ListAsync(query);
        var expected = fixture.Entries.OrderBy(a => a.Id).Select(a => new
        {
            a.Id,
            a.Tags,
            a.Labels,
            First = a.Tags.FirstOrDefault(),
            Second = a.Scores.Length > 1 ? (int?)a.Scores[1] : null,
            Count = (a.Labels ?? Empty).Length,
            HasA = (a.Labels ?? Empty).Contains("a"),
            HasNull = (a.Labels ?? Empty).Contains(null!),
            Sum = a.Scores.Sum(),
            Big = a.Scores.Count(s => s > 10),
            Overlap = a.Tags.Contains("odd"),
        }).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal(e.Id, a.Id);
            Assert.Equal(e.Tags, a.Tags);
            Assert.Equal(e.Labels, a.Labels);
            Assert.Equal(e with { Tags = a.Tags, Labels = a.Labels }, a);
        }
    }

    [Fact]
    public async Task Ordering_by_an_element_sorts_missing_elements_as_nulls()
    {
        var query = Db.Entries.OrderBy(a => a.Tags[0]).ThenByDescending(a => a.Scores[1]).ThenBy(a => a.Id).Select(a => a.Id);
        var actual = await QueryCheck.ListAsync(query);

        // A missing element is NULL, which sorts as LINQ sorts null: first ascending, last descending.
        var expected = fixture.Entries
            .OrderBy(a => a.Tags.Length != 0).ThenBy(a => a.Tags.FirstOrDefault(), StringComparer.Ordinal)
            .ThenByDescending(a => a.Scores.Length > 1).ThenByDescending(a => a.Scores.Length > 1 ? a.Scores[1] : 0)
            .ThenBy(a => a.Id).Select(a => a.Id).ToList();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(LoadStrategy.Join)]
    [InlineData(LoadStrategy.Query)]
    public async Task Filtered_include_with_array_filters_reads_arrays_back_exactly(LoadStrategy strategy)
    {
        var racks = await Db.Racks
            .Include(s => s.Entries.Where(a => a.Tags.Contains("odd") && a.Labels!.Any(l => l == null || l == "a")), strategy)
            .OrderBy(s => s.Id).ToListAsync();
        Assert.Equal(fixture.Racks.Select(s => s.Id), racks.Select(s => s.Id));
        foreach (var rack in racks)
        {
            var expected = fixture.Racks.Single(s => s.Id == rack.Id).Entries
                .Where(a => a.Tags.Contains("odd") && (a.Labels ?? Empty).Any(l => l == null || l == "a")).OrderBy(a => a.Id).ToList();
            var actual = rack.Entries.OrderBy(a => a.Id).ToList();
            Assert.Equal(expected.Select(a => a.Id), actual.Select(a => a.Id));
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Tags, actual[i].Tags);
                Assert.Equal(expected[i].Labels, actual[i].Labels);
                Assert.Equal(expected[i].Scores, actual[i].Scores);
                Assert.Equal(expected[i].Ranks, actual[i].Ranks);
            }
        }

        Assert.Contains(racks, s => s.Entries.Any(a => a.Labels!.Contains(null!)));
    }

    [Fact]
    public async Task Nested_select_and_paging_with_array_expressions()
    {
        var query = Db.Racks.OrderBy(s => s.Id).Select(s => new
        {
            s.Id,
            Firsts = s.Entries.Where(a => a.Scores.Contains(7)).OrderBy(a => a.Id).Select(a => a.Tags.FirstOrDefault()).ToList(),
            Ranks = s.Entries.Where(a => !a.Ranks!.Contains(null)).OrderBy(a => a.Id).Select(a => a.Ranks).ToList(),
            Tagged = s.Entries.Count(a => a.Tags.Any(t => t == "odd")),
        });
        var actual = await QueryCheck.ListAsync(query);
        var expected = fixture.Racks.OrderBy(s => s.Id).Select(s => new
        {
            s.Id,
            Firsts = s.Entries.Where(a => a.Scores.Contains(7)).OrderBy(a => a.Id).Select(a => a.Tags.FirstOrDefault()).ToList(),
            Ranks = s.Entries.Where(a => !(a.Ranks ?? NoRanks).Contains(null)).OrderBy(a => a.Id).Select(a => a.Ranks).ToList(),
            Tagged = s.Entries.Count(a => a.Tags.Any(t => t == "odd")),
        }).ToList();
        Assert.Equal(expected.Select(e => e.Id), actual.Select(a => a.Id));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Firsts, actual[i].Firsts);
            Assert.Equal(expected[i].Ranks, actual[i].Ranks);
            Assert.Equal(expected[i].Tagged, actual[i].Tagged);
        }

        var page = await Db.Entries.Include(a => a.Rack).Where(a => a.Scores.Any(s => s > 5)).OrderBy(a => a.Scores[0]).ThenBy(a => a.Id).Skip(2).Take(4).ToListAsync();
        var expectedPage = fixture.Entries.Where(a => a.Scores.Any(s => s > 5)).OrderBy(a => a.Scores[0]).ThenBy(a => a.Id).Skip(2).Take(4).ToList();
        Assert.Equal(expectedPage.Select(a => a.Id), page.Select(a => a.Id));
        Assert.Equal(expectedPage.Select(a => a.Rack!.Name), page.Select(a => a.Rack!.Name));
    }

    [Fact]
    public void Untranslatable_array_operators_throw_before_any_sql()
    {
        var first = Assert.Throws<QueryTranslationException>(() => Db.Entries.Where(a => a.Tags.First(t => t.StartsWith("t")) == "t1").ToSql());
        Assert.Contains("First", first.Message);
        Assert.Throws<InvalidOperationException>(() => Pg.Overlaps(new[] { 1 }, new[] { 2 }));
    }
}

using Linq.Chinook.Tests.Infrastructure;

namespace Linq.Chinook.Tests.Catalogue;

/// <summary>
/// Everyday LINQ as EF Core, linq2db and Dapper users write it, over Chinook: each query gives exactly
/// LINQ-to-Objects' result over the rows read with plain Npgsql, or is refused with advice before any SQL.
/// </summary>
[Collection("chinook")]
public sealed class EverydayQueryTests(ChinookFixture f)
{
    public static TheoryData<string> Exact() => Names(Expect.Exact);

    public static TheoryData<string> Refused() => Names(Expect.Refused);

    [Theory, MemberData(nameof(Exact))]
    public Task Matches_linq_to_objects(string query) => EverydayCatalogue.Entries[query].Run(f);

    [Theory, MemberData(nameof(Refused))]
    public Task Is_refused_with_advice(string query) => EverydayCatalogue.Entries[query].Run(f);

    [Fact]
    public void The_catalogue_holds_at_least_150_queries() => Assert.True(EverydayCatalogue.Entries.Count >= 150, EverydayCatalogue.Entries.Count + " queries");

    private static TheoryData<string> Names(Expect expect)
    {
        var data = new TheoryData<string>();
        foreach (var entry in EverydayCatalogue.Entries.Values.Where(e => e.Expect == expect))
        {
            data.Add(entry.Name);
        }

        return data;
    }
}

using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Extensions;

/// <summary>
/// The SQL shape of global filters: the filter is an AND-ed predicate of the table's own WHERE (the root query, a
/// relation filter's sub-select, a nested collection), its captured values are parameters, and IgnoreFilters leaves
/// the plain SQL. No database is needed: ToSql only plans the query.
/// </summary>
public sealed class GlobalFilterSqlTests : IDisposable
{
    private readonly TestDb _plain = new("Host=localhost;Username=unused");

    public static TheoryData<string> Names => [.. Cases().Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Sql_is_as_recorded(string name)
    {
        var author = 7;
        var db = _plain.WithExtensions(x => x.Filter<Post>(p => p.Published && p.AuthorId != author));
        var (query, expected) = Cases()[name];
        Assert.Equal(expected, query(db));
    }

    public void Dispose() => _plain.Dispose();

    private static Dictionary<string, (Func<TestDb, string> Query, string Sql)> Cases() => new()
    {
        ["filter-root"] = (db => db.Posts.Where(p => p.Title == "a").Select(p => p.Id).ToSql(),
            "SELECT \"t0\".\"Id\" FROM \"Post\" AS \"t0\" WHERE (\"t0\".\"Published\" AND (\"t0\".\"AuthorId\" <> $1)) AND (\"t0\".\"Title\" = $2)"),
        ["filter-relation-some"] = (db => db.Users.Where(u => u.Posts.Any(p => p.Title == "a")).Select(u => u.Id).ToSql(),
            "SELECT \"t0\".\"Id\" FROM \"User\" AS \"t0\" WHERE EXISTS (SELECT 1 FROM \"Post\" AS \"t1\" WHERE ((\"t1\".\"AuthorId\" = \"t0\".\"Id\") AND (\"t1\".\"Published\" AND (\"t1\".\"AuthorId\" <> $1))) AND (\"t1\".\"Title\" = $2))"),
        ["filter-nested-count"] = (db => db.Users.Select(u => new { u.Id, Count = u.Posts.Count }).ToSql(),
            "SELECT \"t0\".\"Id\", (SELECT count(*)::integer FROM \"Post\" AS \"t1\" WHERE (\"t1\".\"AuthorId\" = \"t0\".\"Id\") AND (\"t1\".\"Published\" AND (\"t1\".\"AuthorId\" <> $1))) FROM \"User\" AS \"t0\""),
        ["filter-include"] = (db => db.Users.Include(u => u.Posts).Select(u => u).ToSql(),
            "SELECT \"t0\".\"Id\", \"t0\".\"Email\", \"t0\".\"Name\", \"t0\".\"Role\", \"t3\".\"c0\", \"t3\".\"c1\", \"t3\".\"c2\", \"t3\".\"c3\", \"t3\".\"c4\", \"t3\".\"c5\" FROM \"User\" AS \"t0\" LEFT JOIN LATERAL (SELECT array_agg(\"t2\".\"c0\") AS \"c0\", array_agg(\"t2\".\"c1\") AS \"c1\", array_agg(\"t2\".\"c2\") AS \"c2\", array_agg(\"t2\".\"c3\") AS \"c3\", array_agg(\"t2\".\"c4\") AS \"c4\", array_agg(\"t2\".\"c5\") AS \"c5\" FROM (SELECT \"t1\".\"Id\" AS \"c0\", \"t1\".\"Title\" AS \"c1\", \"t1\".\"Content\" AS \"c2\", \"t1\".\"Published\" AS \"c3\", \"t1\".\"AuthorId\" AS \"c4\", \"t1\".\"CreatedAt\" AS \"c5\" FROM \"Post\" AS \"t1\" WHERE (\"t1\".\"AuthorId\" = \"t0\".\"Id\") AND (\"t1\".\"Published\" AND (\"t1\".\"AuthorId\" <> $1)) ORDER BY \"t1\".\"Id\") AS \"t2\") AS \"t3\" ON TRUE"),
        ["filter-ignored"] = (db => db.Posts.IgnoreFilters().Where(p => p.Title == "a").Select(p => p.Id).ToSql(),
            "SELECT \"t0\".\"Id\" FROM \"Post\" AS \"t0\" WHERE \"t0\".\"Title\" = $1"),
    };
}

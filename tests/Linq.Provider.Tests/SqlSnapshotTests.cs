using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests;

/// <summary>
/// The SQL of a representative set of queries, so that a change to the generated SQL shows up in review.
/// No database is needed: ToSql only plans the query.
/// </summary>
public sealed class SqlSnapshotTests : IDisposable
{
    private readonly TestDb _db = new("Host=localhost;Username=unused");

    public static TheoryData<string> Names => [.. Cases().Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Sql_is_as_recorded(string name)
    {
        var (query, expected) = Cases()[name];
        Assert.Equal(expected, query(_db));
    }

    public void Dispose() => _db.Dispose();

    private static Dictionary<string, (Func<TestDb, string> Query, string Sql)> Cases()
    {
        var email = "a@b.c";
        var ids = new List<int> { 1, 2 };
        string? nothing = null;
        return new()
        {
            ["where-equal"] = (db => db.Users.Where(u => u.Email == email).ToSql(),
                "SELECT \"t0\".\"Id\", \"t0\".\"Email\", \"t0\".\"Name\", \"t0\".\"Role\" FROM \"User\" AS \"t0\" WHERE \"t0\".\"Email\" = $1"),
            ["not-equal-nullable"] = (db => db.Users.Where(u => u.Name != email).Select(u => u.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"User\" AS \"t0\" WHERE \"t0\".\"Name\" IS DISTINCT FROM $1"),
            ["is-null-variable"] = (db => db.Users.Where(u => u.Name == nothing).Select(u => u.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"User\" AS \"t0\" WHERE \"t0\".\"Name\" IS NULL"),
            ["negation-three-valued"] = (db => db.Users.Where(u => !(u.Name == email)).Select(u => u.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"User\" AS \"t0\" WHERE NOT COALESCE(\"t0\".\"Name\" = $1, FALSE)"),
            ["like-escaped"] = (db => db.Users.Where(u => u.Email.Contains("50%_off")).Select(u => u.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"User\" AS \"t0\" WHERE \"t0\".\"Email\" LIKE $1 ESCAPE '\\'"),
            ["insensitive"] = (db => db.Users.Where(u => u.Email.StartsWith("A", StringComparison.OrdinalIgnoreCase)).Select(u => u.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"User\" AS \"t0\" WHERE \"t0\".\"Email\" ILIKE $1 ESCAPE '\\'"),
            ["contains-list"] = (db => db.Users.Where(u => ids.Contains(u.Id)).Select(u => u.Email).ToSql(),
                "SELECT \"t0\".\"Email\" FROM \"User\" AS \"t0\" WHERE \"t0\".\"Id\" = ANY($1)"),
            ["contains-array-csharp14"] = (db => db.Users.Where(u => new[] { 1, 2 }.Contains(u.Id)).Select(u => u.Email).ToSql(),
                "SELECT \"t0\".\"Email\" FROM \"User\" AS \"t0\" WHERE \"t0\".\"Id\" = ANY($1)"),
            ["to-one-navigation"] = (db => db.Posts.Where(p => p.Author!.Email == email).OrderBy(p => p.Author!.Name).Select(p => p.Title).ToSql(),
                "SELECT \"t0\".\"Title\" FROM \"Post\" AS \"t0\" LEFT JOIN \"User\" AS \"t1\" ON \"t1\".\"Id\" = \"t0\".\"AuthorId\" WHERE \"t1\".\"Email\" = $1 ORDER BY \"t1\".\"Name\" NULLS FIRST"),
            ["relation-some"] = (db => db.Users.Where(u => u.Posts.Any(p => p.Published)).Select(u => u.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"User\" AS \"t0\" WHERE EXISTS (SELECT 1 FROM \"Post\" AS \"t1\" WHERE (\"t1\".\"AuthorId\" = \"t0\".\"Id\") AND \"t1\".\"Published\")"),
            ["relation-every"] = (db => db.Users.Where(u => u.Posts.All(p => p.Published)).Select(u => u.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"User\" AS \"t0\" WHERE NOT EXISTS (SELECT 1 FROM \"Post\" AS \"t1\" WHERE (\"t1\".\"AuthorId\" = \"t0\".\"Id\") AND (NOT \"t1\".\"Published\"))"),
            ["relation-count"] = (db => db.Users.Where(u => u.Posts.Count() > 2).Select(u => u.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"User\" AS \"t0\" WHERE (SELECT count(*)::integer FROM \"Post\" AS \"t1\" WHERE \"t1\".\"AuthorId\" = \"t0\".\"Id\") > $1"),
            ["paging"] = (db => db.Users.OrderByDescending(u => u.Id).Skip(20).Take(10).Select(u => new { u.Id, u.Email }).ToSql(),
                "SELECT \"t0\".\"Id\", \"t0\".\"Email\" FROM \"User\" AS \"t0\" ORDER BY \"t0\".\"Id\" DESC LIMIT $1 OFFSET $2"),
            ["group-by-having"] = (db => db.Posts.GroupBy(p => p.AuthorId).Where(g => g.Count() > 1).Select(g => new { g.Key, Count = g.Count() }).ToSql(),
                "SELECT \"t0\".\"AuthorId\", count(*)::integer FROM \"Post\" AS \"t0\" GROUP BY \"t0\".\"AuthorId\" HAVING (count(*)::integer) > $1"),
            ["group-element-by-ordering"] = (db => db.Posts.GroupBy(p => p.AuthorId)
                    .Select(g => new { g.Key, Latest = g.Where(p => p.Published).OrderByDescending(p => p.CreatedAt).Select(p => p.Title).FirstOrDefault() }).ToSql(),
                "SELECT \"t0\".\"AuthorId\", (array_agg(\"t0\".\"Title\" ORDER BY \"t0\".\"CreatedAt\" DESC, \"t0\".\"Id\") FILTER (WHERE \"t0\".\"Published\"))[1] FROM \"Post\" AS \"t0\" GROUP BY \"t0\".\"AuthorId\""),
            ["group-distinct-count"] = (db => db.Posts.GroupBy(p => p.AuthorId).Select(g => new { g.Key, Contents = g.Select(p => p.Content).Distinct().Count() }).ToSql(),
                "SELECT \"t0\".\"AuthorId\", (count(DISTINCT \"t0\".\"Content\") + ((count(*) FILTER (WHERE \"t0\".\"Content\" IS NULL) > 0)::integer))::integer FROM \"Post\" AS \"t0\" GROUP BY \"t0\".\"AuthorId\""),
            ["group-list"] = (db => db.Posts.GroupBy(p => p.AuthorId).Select(g => new { g.Key, Ids = g.OrderBy(p => p.Content).Select(p => p.Id).ToList() }).ToSql(),
                "SELECT \"t0\".\"AuthorId\", array_agg(\"t0\".\"Id\" ORDER BY \"t0\".\"Content\" NULLS FIRST, \"t0\".\"Id\") FROM \"Post\" AS \"t0\" GROUP BY \"t0\".\"AuthorId\""),
            ["date-part-utc"] = (db => db.Posts.Where(p => p.CreatedAt.Year == 2024).Select(p => p.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"Post\" AS \"t0\" WHERE (floor(date_part('year', timezone('UTC', \"t0\".\"CreatedAt\")))::integer) = $1"),
        };
    }
}

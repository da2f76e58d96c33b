using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// The SQL of joins and SelectMany (one statement each), so that a change to their shape shows up in review. No
/// database is needed: ToSql only plans the query.
/// </summary>
public sealed class JoinSqlSnapshotTests : IDisposable
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
        return new()
        {
            ["join-method"] = (db => db.Posts.Join(db.Users, p => p.AuthorId, u => u.Id, (p, u) => new { p.Title, u.Email }).ToSql(),
                "SELECT \"t0\".\"Title\", \"t1\".\"Email\" FROM \"Post\" AS \"t0\" INNER JOIN \"User\" AS \"t1\" ON \"t0\".\"AuthorId\" = \"t1\".\"Id\""),
            ["join-query"] = (db => (from p in db.Posts join u in db.Users on p.AuthorId equals u.Id where u.Name != null orderby p.Id select new { p, u.Name }).Skip(1).Take(2).ToSql(),
                "SELECT \"t0\".\"Id\", \"t0\".\"Title\", \"t0\".\"Content\", \"t0\".\"Published\", \"t0\".\"AuthorId\", \"t0\".\"CreatedAt\", \"t1\".\"Name\" FROM \"Post\" AS \"t0\" INNER JOIN \"User\" AS \"t1\" ON \"t0\".\"AuthorId\" = \"t1\".\"Id\" WHERE \"t1\".\"Name\" IS NOT NULL ORDER BY \"t0\".\"Id\" LIMIT $1 OFFSET $2"),
            ["join-composite"] = (db => (from u in db.Users join p in db.Profiles on new { u.Id, u.Name } equals new { Id = p.UserId, Name = p.Handle } select new { u.Email, p.Bio }).ToSql(),
                "SELECT \"t0\".\"Email\", \"t1\".\"Bio\" FROM \"User\" AS \"t0\" INNER JOIN \"Profile\" AS \"t1\" ON (\"t0\".\"Id\" = \"t1\".\"UserId\") AND (\"t0\".\"Name\" IS NOT DISTINCT FROM \"t1\".\"Handle\")"),
            ["join-nullable-scalar"] = (db => (from u in db.Users join p in db.Profiles on u.Name equals p.Handle select u.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"User\" AS \"t0\" INNER JOIN \"Profile\" AS \"t1\" ON \"t0\".\"Name\" = \"t1\".\"Handle\""),
            ["join-filtered-inner"] = (db => (from u in db.Users join p in db.Posts.Where(p => p.Published) on u.Id equals p.AuthorId select p.Title).ToSql(),
                "SELECT \"t1\".\"Title\" FROM \"User\" AS \"t0\" INNER JOIN \"Post\" AS \"t1\" ON (\"t0\".\"Id\" = \"t1\".\"AuthorId\") AND \"t1\".\"Published\""),
            ["left-join"] = (db => (from u in db.Users join p in db.Posts on u.Id equals p.AuthorId into g from p in g.DefaultIfEmpty() select new { u.Email, Title = p == null ? null : p.Title, Id = (int?)p!.Id }).ToSql(),
                "SELECT \"t0\".\"Email\", CASE WHEN \"t1\".\"Id\" IS NULL THEN NULL ELSE \"t1\".\"Title\" END, \"t1\".\"Id\" FROM \"User\" AS \"t0\" LEFT JOIN \"Post\" AS \"t1\" ON \"t0\".\"Id\" = \"t1\".\"AuthorId\""),
            ["group-join-count"] = (db => (from u in db.Users join p in db.Posts on u.Id equals p.AuthorId into g select new { u.Email, Count = g.Count() }).ToSql(),
                "SELECT \"t0\".\"Email\", (SELECT count(*)::integer FROM \"Post\" AS \"t1\" WHERE \"t0\".\"Id\" = \"t1\".\"AuthorId\") FROM \"User\" AS \"t0\""),
            ["select-many-nav"] = (db => db.Users.SelectMany(u => u.Posts).ToSql(),
                "SELECT \"t1\".\"Id\", \"t1\".\"Title\", \"t1\".\"Content\", \"t1\".\"Published\", \"t1\".\"AuthorId\", \"t1\".\"CreatedAt\" FROM \"User\" AS \"t0\" INNER JOIN \"Post\" AS \"t1\" ON \"t1\".\"AuthorId\" = \"t0\".\"Id\""),
            ["select-many-result"] = (db => db.Users.SelectMany(u => u.Posts.Where(p => p.Published), (u, p) => new { u.Email, p.Title }).ToSql(),
                "SELECT \"t0\".\"Email\", \"t1\".\"Title\" FROM \"User\" AS \"t0\" INNER JOIN \"Post\" AS \"t1\" ON (\"t1\".\"AuthorId\" = \"t0\".\"Id\") AND \"t1\".\"Published\""),
            ["cross-join-filter"] = (db => (from a in db.Accounts from u in db.Users where a.Email == u.Email select new { a.Balance, u.Name }).ToSql(),
                "SELECT \"t0\".\"Balance\", \"t1\".\"Name\" FROM \"Account\" AS \"t0\" CROSS JOIN \"User\" AS \"t1\" WHERE \"t0\".\"Email\" = \"t1\".\"Email\""),
            ["select-many-left"] = (db => (from u in db.Users from p in u.Posts.DefaultIfEmpty() select new { u.Id, Title = p == null ? "none" : p.Title }).ToSql(),
                "SELECT \"t0\".\"Id\", CASE WHEN \"t1\".\"Id\" IS NULL THEN $1 ELSE \"t1\".\"Title\" END FROM \"User\" AS \"t0\" LEFT JOIN \"Post\" AS \"t1\" ON \"t1\".\"AuthorId\" = \"t0\".\"Id\""),
            ["select-many-two-levels"] = (db => (from u in db.Users from p in u.Posts from c in p.Comments where c.Text != "" select new { u.Email, c.Text }).ToSql(),
                "SELECT \"t0\".\"Email\", \"t2\".\"Text\" FROM \"User\" AS \"t0\" INNER JOIN \"Post\" AS \"t1\" ON \"t1\".\"AuthorId\" = \"t0\".\"Id\" INNER JOIN \"comments\" AS \"t2\" ON \"t2\".\"post_id\" = \"t1\".\"Id\" WHERE \"t2\".\"Text\" <> $1"),
            ["group-join-where"] = (db => (from u in db.Users join p in db.Posts on u.Id equals p.AuthorId into g where g.Count() > 1 select u.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"User\" AS \"t0\" WHERE (SELECT count(*)::integer FROM \"Post\" AS \"t1\" WHERE \"t0\".\"Id\" = \"t1\".\"AuthorId\") > $1"),
            ["group-by-after-join"] = (db => (from u in db.Users join p in db.Posts on u.Id equals p.AuthorId group p by u.Email into g select new { g.Key, Count = g.Count() }).ToSql(),
                "SELECT \"t0\".\"Email\", count(*)::integer FROM \"User\" AS \"t0\" INNER JOIN \"Post\" AS \"t1\" ON \"t0\".\"Id\" = \"t1\".\"AuthorId\" GROUP BY \"t0\".\"Email\""),
            ["left-join-filtered"] = (db => (from u in db.Users join p in db.Posts on u.Id equals p.AuthorId into g from p in g.Where(p => p.Published).DefaultIfEmpty() select p == null ? 0 : p.Id).ToSql(),
                "SELECT CASE WHEN \"t1\".\"Id\" IS NULL THEN $1 ELSE \"t1\".\"Id\" END FROM \"User\" AS \"t0\" LEFT JOIN \"Post\" AS \"t1\" ON (\"t0\".\"Id\" = \"t1\".\"AuthorId\") AND \"t1\".\"Published\""),
            ["select-many-many-to-many"] = (db => db.Members.SelectMany(m => m.Following, (m, f) => new { m.Handle, Follows = f.Handle }).ToSql(),
                "SELECT \"t0\".\"Handle\", \"t1\".\"Handle\" FROM \"Member\" AS \"t0\" INNER JOIN \"Member\" AS \"t1\" ON EXISTS (SELECT 1 FROM \"Follows\" AS \"t1j\" WHERE (\"t1j\".\"B\" = \"t0\".\"Handle\") AND (\"t1j\".\"A\" = \"t1\".\"Handle\"))"),
            ["join-nav-condition"] = (db => (from u in db.Users join c in db.Comments on u.Id equals c.Post!.AuthorId select c.Text).ToSql(),
                "SELECT \"t1\".\"Text\" FROM \"User\" AS \"t0\" CROSS JOIN \"comments\" AS \"t1\" LEFT JOIN \"Post\" AS \"t2\" ON \"t2\".\"Id\" = \"t1\".\"post_id\" WHERE \"t0\".\"Id\" = \"t2\".\"AuthorId\""),
        };
    }
}

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
        var actual = query(_db);
        Assert.True(expected == actual, actual);
    }

    public void Dispose() => _db.Dispose();

    private static Dictionary<string, (Func<TestDb, string> Query, string Sql)> Cases()
    {
        return new()
        {
            ["join-method"] = (db => db.Posts.Join(db.Users, p => p.AuthorId, u => u.Id, (p, u) => new { p.Title, u.Email }).ToSql(), ""),
            ["join-query"] = (db => (from p in db.Posts join u in db.Users on p.AuthorId equals u.Id where u.Name != null orderby p.Id select new { p, u.Name }).Skip(1).Take(2).ToSql(), ""),
            ["join-composite"] = (db => (from u in db.Users join p in db.Profiles on new { u.Id, u.Name } equals new { Id = p.UserId, Name = p.Handle } select new { u.Email, p.Bio }).ToSql(), ""),
            ["join-nullable-scalar"] = (db => (from u in db.Users join p in db.Profiles on u.Name equals p.Handle select u.Id).ToSql(), ""),
            ["join-filtered-inner"] = (db => (from u in db.Users join p in db.Posts.Where(p => p.Published) on u.Id equals p.AuthorId select p.Title).ToSql(), ""),
            ["left-join"] = (db => (from u in db.Users join p in db.Posts on u.Id equals p.AuthorId into g from p in g.DefaultIfEmpty() select new { u.Email, Title = p == null ? null : p.Title, Id = (int?)p!.Id }).ToSql(), ""),
            ["group-join-count"] = (db => (from u in db.Users join p in db.Posts on u.Id equals p.AuthorId into g select new { u.Email, Count = g.Count() }).ToSql(), ""),
            ["select-many-nav"] = (db => db.Users.SelectMany(u => u.Posts).ToSql(), ""),
            ["select-many-result"] = (db => db.Users.SelectMany(u => u.Posts.Where(p => p.Published), (u, p) => new { u.Email, p.Title }).ToSql(), ""),
            ["cross-join-filter"] = (db => (from a in db.Accounts from u in db.Users where a.Email == u.Email select new { a.Balance, u.Name }).ToSql(), ""),
            ["select-many-left"] = (db => (from u in db.Users from p in u.Posts.DefaultIfEmpty() select new { u.Id, Title = p == null ? "none" : p.Title }).ToSql(), ""),
            ["select-many-two-levels"] = (db => (from u in db.Users from p in u.Posts from c in p.Comments where c.Text != "" select new { u.Email, c.Text }).ToSql(), ""),
            ["group-join-where"] = (db => (from u in db.Users join p in db.Posts on u.Id equals p.AuthorId into g where g.Count() > 1 select u.Id).ToSql(), ""),
            ["join-nav-condition"] = (db => (from u in db.Users join c in db.Comments on u.Id equals c.Post!.AuthorId select c.Text).ToSql(), ""),
        };
    }
}

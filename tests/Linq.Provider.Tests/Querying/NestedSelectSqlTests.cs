using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// The SQL shapes of queries over relations inside a projection (see <see cref="NestedSelectTests"/> for their results):
/// the page picked before a later Where keeps its order as a row number, Distinct groups the projected values keeping
/// each one's first position, an aggregate over a page reads a derived table, First reads one element of the JSON array.
/// A list of plain values in a result column is one binary <c>array_agg</c> in the rows' order instead of JSON.
/// No database is needed: ToSql only plans the query.
/// </summary>
public sealed class NestedSelectSqlTests : IDisposable
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

    private static Dictionary<string, (Func<TestDb, string> Query, string Sql)> Cases() => new()
    {
        ["filtered-ordered-paged-projection"] = (db => db.Users.Select(u => new
            {
                u.Name,
                Recent = u.Posts.Where(p => p.Published).OrderByDescending(p => p.CreatedAt).Take(3).Select(p => new { p.Title }).ToList(),
            }).ToSql(),
            "SELECT \"t0\".\"Name\", \"t3\".\"value\" FROM \"User\" AS \"t0\" LEFT JOIN LATERAL (SELECT COALESCE(json_agg(\"t2\".\"v\" ORDER BY \"t2\".\"n\"), '[]'::json) AS \"value\" FROM (SELECT json_build_array(\"t1\".\"Title\") AS \"v\", row_number() OVER (ORDER BY \"t1\".\"CreatedAt\" DESC, \"t1\".\"Id\") AS \"n\" FROM \"Post\" AS \"t1\" WHERE (\"t1\".\"AuthorId\" = \"t0\".\"Id\") AND \"t1\".\"Published\" ORDER BY \"t1\".\"CreatedAt\" DESC, \"t1\".\"Id\" LIMIT $1) AS \"t2\") AS \"t3\" ON TRUE"),
        ["where-after-take"] = (db => db.Users.Select(u => u.Posts.OrderBy(p => p.Id).Take(4).Where(p => p.Published).Select(p => p.Id).ToList()).ToSql(),
            "SELECT \"t3\".\"value\" FROM \"User\" AS \"t0\" LEFT JOIN LATERAL (SELECT array_agg(\"t2\".\"Id\" ORDER BY \"t2\".\"__position\") AS \"value\" FROM (SELECT \"t1\".\"Id\", \"t1\".\"Title\", \"t1\".\"Content\", \"t1\".\"Published\", \"t1\".\"AuthorId\", \"t1\".\"CreatedAt\", row_number() OVER (ORDER BY \"t1\".\"Id\") AS \"__position\" FROM \"Post\" AS \"t1\" WHERE \"t1\".\"AuthorId\" = \"t0\".\"Id\" ORDER BY \"t1\".\"Id\" LIMIT $1) AS \"t2\" WHERE \"t2\".\"Published\") AS \"t3\" ON TRUE"),
        ["distinct-values"] = (db => db.Users.Select(u => u.Posts.Select(p => p.Title).Distinct().ToList()).ToSql(),
            "SELECT \"t4\".\"value\" FROM \"User\" AS \"t0\" LEFT JOIN LATERAL (SELECT array_agg(\"t2\".\"s0\" ORDER BY \"t2\".\"__position\") AS \"value\" FROM (SELECT \"t3\".\"s0\" AS \"s0\", min(\"t3\".\"__position\") AS \"__position\" FROM (SELECT \"t1\".\"Title\" AS \"s0\", row_number() OVER (ORDER BY \"t1\".\"Id\") AS \"__position\" FROM \"Post\" AS \"t1\" WHERE \"t1\".\"AuthorId\" = \"t0\".\"Id\") AS \"t3\" GROUP BY \"t3\".\"s0\") AS \"t2\") AS \"t4\" ON TRUE"),
        ["sum-of-page"] = (db => db.Users.Select(u => u.Posts.OrderBy(p => p.Id).Take(3).Sum(p => p.Id)).ToSql(),
            "SELECT (SELECT COALESCE(sum(\"t2\".\"Id\")::integer, 0) FROM (SELECT \"t1\".\"Id\", \"t1\".\"Title\", \"t1\".\"Content\", \"t1\".\"Published\", \"t1\".\"AuthorId\", \"t1\".\"CreatedAt\", row_number() OVER (ORDER BY \"t1\".\"Id\") AS \"__position\" FROM \"Post\" AS \"t1\" WHERE \"t1\".\"AuthorId\" = \"t0\".\"Id\" ORDER BY \"t1\".\"Id\" LIMIT $1) AS \"t2\") FROM \"User\" AS \"t0\""),
        ["count-of-distinct"] = (db => db.Users.Select(u => u.Posts.Select(p => p.Title).Distinct().Count()).ToSql(),
            "SELECT (SELECT count(*)::integer FROM (SELECT \"t3\".\"s0\" AS \"s0\", min(\"t3\".\"__position\") AS \"__position\" FROM (SELECT \"t1\".\"Title\" AS \"s0\", row_number() OVER (ORDER BY \"t1\".\"Id\") AS \"__position\" FROM \"Post\" AS \"t1\" WHERE \"t1\".\"AuthorId\" = \"t0\".\"Id\") AS \"t3\" GROUP BY \"t3\".\"s0\") AS \"t2\") FROM \"User\" AS \"t0\""),
        ["first-or-default"] = (db => db.Users.Select(u => u.Posts.OrderBy(p => p.CreatedAt).Select(p => p.Title).FirstOrDefault()).ToSql(),
            "SELECT \"t3\".\"value\" FROM \"User\" AS \"t0\" LEFT JOIN LATERAL (SELECT COALESCE(json_agg(\"t2\".\"v\" ORDER BY \"t2\".\"n\"), '[]'::json) AS \"value\" FROM (SELECT json_build_array(\"t1\".\"Title\") AS \"v\", row_number() OVER (ORDER BY \"t1\".\"CreatedAt\", \"t1\".\"Id\") AS \"n\" FROM \"Post\" AS \"t1\" WHERE \"t1\".\"AuthorId\" = \"t0\".\"Id\" ORDER BY \"t1\".\"CreatedAt\", \"t1\".\"Id\" LIMIT 1) AS \"t2\") AS \"t3\" ON TRUE"),
        ["max-non-nullable"] = (db => db.Users.Select(u => u.Posts.Max(p => p.Id)).ToSql(),
            "SELECT (SELECT max(\"t1\".\"Id\")::integer FROM \"Post\" AS \"t1\" WHERE \"t1\".\"AuthorId\" = \"t0\".\"Id\") FROM \"User\" AS \"t0\""),
        ["two-levels"] = (db => db.Users.Select(u => u.Posts.OrderBy(p => p.Id)
                .Select(p => new { p.Title, Top = p.Comments.OrderBy(c => c.Id).Take(2).Select(c => c.Text).ToList() }).ToList()).ToSql(),
            "SELECT \"t5\".\"value\" FROM \"User\" AS \"t0\" LEFT JOIN LATERAL (SELECT COALESCE(json_agg(json_build_array(\"t1\".\"Title\", \"t4\".\"value\") ORDER BY \"t1\".\"Id\"), '[]'::json) AS \"value\" FROM \"Post\" AS \"t1\" LEFT JOIN LATERAL (SELECT COALESCE(json_agg(\"t3\".\"v\" ORDER BY \"t3\".\"n\"), '[]'::json) AS \"value\" FROM (SELECT json_build_array(\"t2\".\"Text\") AS \"v\", row_number() OVER (ORDER BY \"t2\".\"Id\") AS \"n\" FROM \"comments\" AS \"t2\" WHERE \"t2\".\"post_id\" = \"t1\".\"Id\" ORDER BY \"t2\".\"Id\" LIMIT $1) AS \"t3\") AS \"t4\" ON TRUE WHERE \"t1\".\"AuthorId\" = \"t0\".\"Id\") AS \"t5\" ON TRUE"),
        ["value-list"] = (db => db.Users.OrderBy(u => u.Id).Take(100).Select(u => new { u.Name, Titles = u.Posts.OrderBy(p => p.Id).Select(p => p.Title).ToList() }).ToSql(),
            "SELECT \"t0\".\"Name\", \"t2\".\"value\" FROM \"User\" AS \"t0\" LEFT JOIN LATERAL (SELECT array_agg(\"t1\".\"Title\" ORDER BY \"t1\".\"Id\") AS \"value\" FROM \"Post\" AS \"t1\" WHERE \"t1\".\"AuthorId\" = \"t0\".\"Id\") AS \"t2\" ON TRUE ORDER BY \"t0\".\"Id\" LIMIT $1"),
        ["value-array-paged"] = (db => db.Users.Select(u => u.Posts.OrderByDescending(p => p.CreatedAt).Skip(1).Take(2).Select(p => p.CreatedAt).ToArray()).ToSql(),
            "SELECT \"t3\".\"value\" FROM \"User\" AS \"t0\" LEFT JOIN LATERAL (SELECT array_agg(\"t2\".\"v\" ORDER BY \"t2\".\"n\") AS \"value\" FROM (SELECT \"t1\".\"CreatedAt\" AS \"v\", row_number() OVER (ORDER BY \"t1\".\"CreatedAt\" DESC, \"t1\".\"Id\") AS \"n\" FROM \"Post\" AS \"t1\" WHERE \"t1\".\"AuthorId\" = \"t0\".\"Id\" ORDER BY \"t1\".\"CreatedAt\" DESC, \"t1\".\"Id\" LIMIT $1 OFFSET $2) AS \"t2\") AS \"t3\" ON TRUE"),
        ["value-nullable-filtered"] = (db => db.Users.Select(u => u.Posts.Where(p => p.Published).Select(p => p.Content).ToList()).ToSql(),
            "SELECT \"t2\".\"value\" FROM \"User\" AS \"t0\" LEFT JOIN LATERAL (SELECT array_agg(\"t1\".\"Content\" ORDER BY \"t1\".\"Id\") AS \"value\" FROM \"Post\" AS \"t1\" WHERE (\"t1\".\"AuthorId\" = \"t0\".\"Id\") AND \"t1\".\"Published\") AS \"t2\" ON TRUE"),
    };
}

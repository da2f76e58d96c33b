using System.Linq.Expressions;
using Linq.Provider.Tests.Models;
using Linq.Querying.Frontend;

namespace Linq.Provider.Tests.Querying;

/// <summary>The SQL shapes of set operators and element operators (no database needed: ToSql only plans).</summary>
public sealed class SetAndElementSqlTests : IDisposable
{
    private readonly TestDb _db = new("Host=localhost;Username=unused");

    public static TheoryData<string> Names => [.. Cases().Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Sql_is_as_recorded(string name)
    {
        var (query, expected) = Cases()[name];
        var sql = query(_db);
        Assert.True(expected == sql, $"{name}\nexpected: {expected}\nactual:   {sql}");
    }

    public void Dispose() => _db.Dispose();

    // The SQL of an operator that returns one value (Last, MaxBy, ElementAt, Count) applied to a query.
    private static string Sql<T, TResult>(IQueryable<T> source, Expression<Func<IQueryable<T>, TResult>> terminal) =>
        ((QueryProvider)source.Provider).ToSql(new Substitute(terminal.Parameters[0], source.Expression).Visit(terminal.Body)!);

    private sealed class Substitute(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }

    private static Dictionary<string, (Func<TestDb, string> Query, string Sql)> Cases() => new()
    {
        ["union-rows"] = (db => db.Users.Where(u => u.Id > 1).Union(db.Users.Where(u => u.Name == null)).ToSql(),
            "SELECT \"t2\".\"Id\", \"t2\".\"Email\", \"t2\".\"Name\", \"t2\".\"Role\" FROM ((SELECT \"t0\".\"Id\", \"t0\".\"Email\", \"t0\".\"Name\", \"t0\".\"Role\" FROM \"User\" AS \"t0\" WHERE \"t0\".\"Id\" > $1) UNION (SELECT \"t1\".\"Id\", \"t1\".\"Email\", \"t1\".\"Name\", \"t1\".\"Role\" FROM \"User\" AS \"t1\" WHERE \"t1\".\"Name\" IS NULL)) AS \"t2\""),
        ["concat-paged-sides"] = (db => db.Users.OrderBy(u => u.Email).Take(3).Select(u => u.Id).Concat(db.Users.OrderByDescending(u => u.Id).Skip(1).Take(2).Select(u => u.Id)).ToSql(),
            "SELECT \"t2\".\"c0\" FROM ((SELECT \"t0\".\"Id\" AS \"c0\" FROM \"User\" AS \"t0\" ORDER BY \"t0\".\"Email\" LIMIT $1) UNION ALL (SELECT \"t1\".\"Id\" AS \"c0\" FROM \"User\" AS \"t1\" ORDER BY \"t1\".\"Id\" DESC LIMIT $2 OFFSET $3)) AS \"t2\""),
        ["intersect-projection-then-where-order-page"] = (db => db.Users.Select(u => new { u.Name, u.Id }).Intersect(db.Users.Select(u => new { u.Name, u.Id }))
            .Where(x => x.Id > 2).OrderBy(x => x.Name).Skip(1).Take(2).Select(x => x.Name).ToSql(),
            "SELECT \"t2\".\"c0\" FROM ((SELECT \"t0\".\"Name\" AS \"c0\", \"t0\".\"Id\" AS \"c1\" FROM \"User\" AS \"t0\") INTERSECT (SELECT \"t1\".\"Name\" AS \"c0\", \"t1\".\"Id\" AS \"c1\" FROM \"User\" AS \"t1\")) AS \"t2\" WHERE \"t2\".\"c1\" > $1 ORDER BY \"t2\".\"c0\" NULLS FIRST LIMIT $2 OFFSET $3"),
        ["except-count"] = (db => Sql(db.Users.Select(u => u.Email).Except(db.Users.Where(u => u.Id < 3).Select(u => u.Email)), q => q.Count()),
            "SELECT count(*)::integer FROM ((SELECT \"t0\".\"Email\" AS \"c0\" FROM \"User\" AS \"t0\") EXCEPT (SELECT \"t1\".\"Email\" AS \"c0\" FROM \"User\" AS \"t1\" WHERE \"t1\".\"Id\" < $1)) AS \"t2\""),
        ["union-include"] = (db => db.Users.Where(u => u.Id < 3).Union(db.Users.Where(u => u.Id > 9)).Include(u => u.Posts, LoadStrategy.Join).ToSql(),
            "SELECT \"t2\".\"Id\", \"t2\".\"Email\", \"t2\".\"Name\", \"t2\".\"Role\", \"t5\".\"c0\", \"t5\".\"c1\", \"t5\".\"c2\", \"t5\".\"c3\", \"t5\".\"c4\", \"t5\".\"c5\" FROM ((SELECT \"t0\".\"Id\", \"t0\".\"Email\", \"t0\".\"Name\", \"t0\".\"Role\" FROM \"User\" AS \"t0\" WHERE \"t0\".\"Id\" < $1) UNION (SELECT \"t1\".\"Id\", \"t1\".\"Email\", \"t1\".\"Name\", \"t1\".\"Role\" FROM \"User\" AS \"t1\" WHERE \"t1\".\"Id\" > $2)) AS \"t2\" LEFT JOIN LATERAL (SELECT array_agg(\"t4\".\"c0\") AS \"c0\", array_agg(\"t4\".\"c1\") AS \"c1\", array_agg(\"t4\".\"c2\") AS \"c2\", array_agg(\"t4\".\"c3\") AS \"c3\", array_agg(\"t4\".\"c4\") AS \"c4\", array_agg(\"t4\".\"c5\") AS \"c5\" FROM (SELECT \"t3\".\"Id\" AS \"c0\", \"t3\".\"Title\" AS \"c1\", \"t3\".\"Content\" AS \"c2\", \"t3\".\"Published\" AS \"c3\", \"t3\".\"AuthorId\" AS \"c4\", \"t3\".\"CreatedAt\" AS \"c5\" FROM \"Post\" AS \"t3\" WHERE \"t3\".\"AuthorId\" = \"t2\".\"Id\" ORDER BY \"t3\".\"Id\") AS \"t4\") AS \"t5\" ON TRUE"),
        ["last"] = (db => Sql(db.Users.OrderBy(u => u.Email).ThenByDescending(u => u.Id), q => q.Last(u => u.Id > 2)),
            "SELECT \"t0\".\"Id\", \"t0\".\"Email\", \"t0\".\"Name\", \"t0\".\"Role\" FROM \"User\" AS \"t0\" WHERE \"t0\".\"Id\" > $1 ORDER BY \"t0\".\"Email\" DESC, \"t0\".\"Id\" LIMIT 1"),
        ["last-after-page"] = (db => Sql(db.Users.OrderBy(u => u.Email).Skip(2).Take(5), q => q.LastOrDefault()),
            "SELECT \"t1\".\"Id\", \"t1\".\"Email\", \"t1\".\"Name\", \"t1\".\"Role\" FROM (SELECT \"t0\".\"Id\", \"t0\".\"Email\", \"t0\".\"Name\", \"t0\".\"Role\" FROM \"User\" AS \"t0\" ORDER BY \"t0\".\"Email\" LIMIT $1 OFFSET $2) AS \"t1\" ORDER BY \"t1\".\"Email\" DESC LIMIT 1"),
        ["reverse"] = (db => db.Users.OrderBy(u => u.Email).Reverse().Select(u => u.Id).ToSql(),
            "SELECT \"t0\".\"Id\" FROM \"User\" AS \"t0\" ORDER BY \"t0\".\"Email\" DESC"),
        ["take-last"] = (db => db.Users.OrderBy(u => u.Email).TakeLast(3).Select(u => u.Id).ToSql(),
            "SELECT \"t1\".\"Id\" FROM (SELECT \"t0\".\"Id\", \"t0\".\"Email\", \"t0\".\"Name\", \"t0\".\"Role\" FROM \"User\" AS \"t0\" ORDER BY \"t0\".\"Email\" DESC LIMIT GREATEST($1, 0)) AS \"t1\" ORDER BY \"t1\".\"Email\""),
        ["max-by-nullable"] = (db => Sql(db.Users, q => q.MaxBy(u => u.Name)),
            "SELECT \"t0\".\"Id\", \"t0\".\"Email\", \"t0\".\"Name\", \"t0\".\"Role\" FROM \"User\" AS \"t0\" ORDER BY \"t0\".\"Name\" IS NULL, \"t0\".\"Name\" DESC, \"t0\".\"Id\" LIMIT 1"),
        ["min-by-ordered"] = (db => Sql(db.Users.OrderByDescending(u => u.Email), q => q.MinBy(u => u.Id)),
            "SELECT \"t0\".\"Id\", \"t0\".\"Email\", \"t0\".\"Name\", \"t0\".\"Role\" FROM \"User\" AS \"t0\" ORDER BY \"t0\".\"Id\", \"t0\".\"Email\" DESC LIMIT 1"),
        ["element-at"] = (db => Sql(db.Users, q => q.ElementAt(3)),
            "SELECT \"t0\".\"Id\", \"t0\".\"Email\", \"t0\".\"Name\", \"t0\".\"Role\" FROM \"User\" AS \"t0\" ORDER BY \"t0\".\"Id\" LIMIT CASE WHEN $1 < 0 THEN 0 ELSE 1 END OFFSET GREATEST($1, 0)"),
        ["element-at-ordered-page"] = (db => Sql(db.Users.OrderBy(u => u.Email).Skip(2).Take(10), q => q.ElementAtOrDefault(3)),
            "SELECT \"t0\".\"Id\", \"t0\".\"Email\", \"t0\".\"Name\", \"t0\".\"Role\" FROM \"User\" AS \"t0\" ORDER BY \"t0\".\"Email\" LIMIT LEAST(GREATEST($1 - GREATEST($2, 0), 0), CASE WHEN $2 < 0 THEN 0 ELSE 1 END) OFFSET $3 + GREATEST($2, 0)"),
    };
}

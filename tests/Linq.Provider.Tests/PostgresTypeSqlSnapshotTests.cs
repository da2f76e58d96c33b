using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests;

/// <summary>
/// The SQL of array, jsonb and full-text queries (the style of <see cref="SqlSnapshotTests"/>), so that a change to
/// their shape shows up in review: which operator (index-friendly or exact) each LINQ spelling becomes.
/// </summary>
public sealed class PostgresTypeSqlSnapshotTests : IDisposable
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
        var tag = "x";
        var tags = new[] { "a", "b" };
        var ints = new List<int> { 1, 2 };
        var i = 2;
        return new()
        {
            ["array-contains"] = (db => db.Entries.Where(a => a.Tags.Contains(tag)).Select(a => a.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"Entry\" AS \"t0\" WHERE $1 = ANY(\"t0\".\"Tags\")"),
            ["array-contains-nullable-item"] = (db => db.Entries.Where(a => a.Labels!.Contains(a.Body)).Select(a => a.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"Entry\" AS \"t0\" WHERE array_position(\"t0\".\"Labels\", \"t0\".\"Body\") IS NOT NULL"),
            ["array-any-predicate"] = (db => db.Entries.Where(a => a.Tags.Any(t => t.StartsWith("a"))).Select(a => a.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"Entry\" AS \"t0\" WHERE EXISTS (SELECT 1 FROM unnest(\"t0\".\"Tags\") AS \"t1\"(\"v\") WHERE \"t1\".\"v\" LIKE $1 ESCAPE '\\')"),
            ["array-all"] = (db => db.Entries.Where(a => a.Scores.All(s => s > 1)).Select(a => a.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"Entry\" AS \"t0\" WHERE NOT EXISTS (SELECT 1 FROM unnest(\"t0\".\"Scores\") AS \"t1\"(\"v\") WHERE NOT (\"t1\".\"v\" > $1))"),
            ["array-count"] = (db => db.Entries.Where(a => a.Tags.Count() > 1 && a.Tags.Length < 5).Select(a => a.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"Entry\" AS \"t0\" WHERE (COALESCE(cardinality(\"t0\".\"Tags\"), 0) > $1) AND (COALESCE(cardinality(\"t0\".\"Tags\"), 0) < $2)"),
            ["array-overlap-exact"] = (db => db.Entries.Where(a => a.Tags.Any(t => tags.Contains(t))).Select(a => a.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"Entry\" AS \"t0\" WHERE EXISTS (SELECT 1 FROM unnest(\"t0\".\"Tags\") AS \"t1\"(\"v\") WHERE COALESCE(\"t1\".\"v\" = ANY($1), FALSE) OR ((\"t1\".\"v\" IS NULL) AND (array_position($1, NULL) IS NOT NULL)))"),
            ["array-overlap-operator"] = (db => db.Entries.Where(a => a.Scores.Any(s => ints.Contains(s))).Select(a => a.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"Entry\" AS \"t0\" WHERE \"t0\".\"Scores\" && $1"),
            ["array-contained-operator"] = (db => db.Entries.Where(a => ints.All(s => a.Scores.Contains(s))).Select(a => a.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"Entry\" AS \"t0\" WHERE \"t0\".\"Scores\" @> $1"),
            ["pg-overlaps"] = (db => db.Entries.Where(a => Pg.Overlaps(a.Tags, tags)).Select(a => a.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"Entry\" AS \"t0\" WHERE \"t0\".\"Tags\" && $1"),
            ["pg-contains"] = (db => db.Entries.Where(a => Pg.Contains(a.Tags, tags)).Select(a => a.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"Entry\" AS \"t0\" WHERE \"t0\".\"Tags\" @> $1"),
            ["array-index"] = (db => db.Entries.Where(a => a.Tags[i] == tag).OrderBy(a => a.Scores[0]).Select(a => a.Tags.First()).ToSql(),
                "SELECT \"t0\".\"Tags\"[1] FROM \"Entry\" AS \"t0\" WHERE (\"t0\".\"Tags\"[$1]) = $2 ORDER BY \"t0\".\"Scores\"[$3] NULLS FIRST"),
            ["json-path"] = (db => db.Entries.Where(a => a.Meta!.RootElement.GetProperty("a").GetProperty("b").GetString() == tag).Select(a => a.Data.GetProperty("n").GetInt32()).ToSql(),
                "SELECT (\"t0\".\"Data\" ->> $1)::integer FROM \"Entry\" AS \"t0\" WHERE ((\"t0\".\"Meta\" -> $2) ->> $3) = $4"),
            ["json-array"] = (db => db.Entries.Where(a => a.Data.GetProperty("arr")[i].GetDecimal() > 1m).Select(a => a.Data.GetProperty("arr").GetArrayLength()).ToSql(),
                "SELECT jsonb_array_length(\"t0\".\"Data\" -> $1) FROM \"Entry\" AS \"t0\" WHERE (((\"t0\".\"Data\" -> $2) ->> $3)::numeric) > $4"),
            ["json-contains"] = (db => db.Entries.Where(a => Pg.JsonContains(a.Meta, "{\"k\":1}")).Select(a => a.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"Entry\" AS \"t0\" WHERE \"t0\".\"Meta\" @> $1"),
            ["json-has-key"] = (db => db.Entries.Where(a => Pg.JsonHasKey(a.Meta, tag)).Select(a => a.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"Entry\" AS \"t0\" WHERE \"t0\".\"Meta\" ? $1"),
            ["typed-json-members"] = (db => db.Parcels.Where(p => p.Shipping.Location!.Lat > 1.5 && p.Billing!.Zip == null).Select(p => p.Shipping.City).ToSql(),
                "SELECT \"t0\".\"Shipping\" ->> $1 FROM \"Parcel\" AS \"t0\" WHERE (((NULLIF(\"t0\".\"Shipping\" -> $2, 'null'::jsonb) ->> $3)::double precision) > $4) AND ((\"t0\".\"billing\" ->> $5) IS NULL)"),
            ["full-text-index-config"] = (db => db.Entries.Where(a => Pg.Matches(a.Title, tag)).Select(a => a.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"Entry\" AS \"t0\" WHERE to_tsvector('english'::regconfig, \"t0\".\"Title\") @@ websearch_to_tsquery('english'::regconfig, $1)"),
            ["full-text-nullable-default-config"] = (db => db.Entries.Where(a => !Pg.Matches(a.Body, tag)).Select(a => a.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"Entry\" AS \"t0\" WHERE NOT COALESCE(to_tsvector('simple'::regconfig, \"t0\".\"Body\") @@ websearch_to_tsquery('simple'::regconfig, $1), FALSE)"),
            ["full-text-explicit-config-rank"] = (db => db.Entries.Where(a => Pg.Matches(a.Body, tag, "english")).OrderByDescending(a => Pg.Rank(a.Body, tag, "english")).Select(a => a.Id).ToSql(),
                "SELECT \"t0\".\"Id\" FROM \"Entry\" AS \"t0\" WHERE to_tsvector($1::regconfig, \"t0\".\"Body\") @@ websearch_to_tsquery($1::regconfig, $2) ORDER BY COALESCE(ts_rank(to_tsvector($3::regconfig, \"t0\".\"Body\"), websearch_to_tsquery($3::regconfig, $4)), 0::real) DESC"),
            ["full-text-rank"] = (db => db.Entries.OrderByDescending(a => Pg.Rank(a.Title, tag)).Select(a => new { a.Id, Rank = Pg.Rank(a.Body, tag) }).ToSql(),
                "SELECT \"t0\".\"Id\", COALESCE(ts_rank(to_tsvector('simple'::regconfig, \"t0\".\"Body\"), websearch_to_tsquery('simple'::regconfig, $1)), 0::real) FROM \"Entry\" AS \"t0\" ORDER BY ts_rank(to_tsvector('english'::regconfig, \"t0\".\"Title\"), websearch_to_tsquery('english'::regconfig, $2)) DESC"),
        };
    }
}

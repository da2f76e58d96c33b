using System.Linq.Expressions;
using Linq.Execution;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Linq.Querying.Filters;
using Linq.Querying.Frontend;
using Linq.Sql.Rendering;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// A write's filter goes through the narrow <see cref="PredicateTranslator"/>, not the query pipeline: its key SELECT
/// must be what the query pipeline makes of the same predicate, and its plans must not collide with queries' in the cache.
/// </summary>
public sealed class WriteFilterTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    public static TheoryData<string> Predicates => [.. UserPredicates.Keys];

    private static readonly string Domain = "@filter.io";
    private static readonly int[] Ids = [1, 2, 3];
    private static readonly string? NoName = null;

    private static readonly Dictionary<string, Expression<Func<User, bool>>> UserPredicates = new()
    {
        ["value"] = u => u.Email.EndsWith(Domain) && u.Id > 2,
        ["null value"] = u => u.Name == NoName,
        ["captured list"] = u => Ids.Contains(u.Id),
        ["to-one navigation"] = u => u.Profile != null && u.Profile.UserId > 0,
        ["related collection"] = u => u.Posts.Any(p => p.Published && p.Title.StartsWith("A")),
        ["enum"] = u => u.Role == Role.Admin,
    };

    [Theory]
    [MemberData(nameof(Predicates))]
    public void Key_select_is_the_query_pipelines_translation_of_the_predicate(string name)
    {
        var db = fixture.Db;
        var predicate = UserPredicates[name];

        var (filter, values) = PredicateTranslator.Compile(db.Users, predicate, db.Metadata, db.PlanCache);
        var keys = filter.Keys;
        var query = db.Users.Where(predicate).Select(u => u.Id);
        var (plan, expected) = ((QueryProvider)query.Provider).PrepareAndBind(query.Expression);

        var rendered = PostgresRenderer.Render(keys);
        Assert.Equal(plan.Sql, rendered.Text);
        var parameters = ParameterBinder.Bind(rendered.Parameters, values);
        Assert.Equal(expected.Select(p => p.Value), parameters.Select(p => p.Value));
        Assert.Equal(expected.Select(p => p.NpgsqlDbType), parameters.Select(p => p.NpgsqlDbType));
    }

    [Fact]
    public async Task A_filter_and_a_query_of_the_same_predicate_are_separate_plans()
    {
        await using var db = new TestDb(fixture.ConnectionString);
        var email = "nobody" + Domain;

        Assert.Empty(await db.Users.Where(u => u.Email == email).ToListAsync());
        Assert.Equal(0, await db.Users.DeleteManyAsync(u => u.Email == email));
        Assert.Equal(0, await db.Users.DeleteManyAsync(u => u.Email == email));
        Assert.Empty(await db.Users.Where(u => u.Email == email).ToListAsync());

        Assert.Equal(2, db.QueryCache.Misses);
        Assert.Equal(2, db.QueryCache.Hits);
    }
}

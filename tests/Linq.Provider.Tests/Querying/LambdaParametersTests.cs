using System.Linq.Expressions;
using Linq.Provider.Tests.Models;
using Linq.Querying.Caching;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// The shape walk reads a lambda's parameters by index (<see cref="LambdaParameters"/>) instead of through the collection
/// <see cref="LambdaExpression.Parameters"/> makes per lambda: the answers must be the collection's for every arity, and
/// two queries that differ only in which lambda parameter they read must keep apart in the plan cache (rows compared
/// with LINQ-to-Objects over rows read with plain Npgsql).
/// </summary>
public sealed class LambdaParametersTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    [Fact]
    public void The_by_index_members_are_taken_on_this_runtime_and_answer_as_Parameters_does()
    {
        Assert.True(LambdaParameters.IsDirect);

        var p = Enumerable.Range(0, 6).Select(i => Expression.Parameter(typeof(int), "p" + i)).ToArray();
        Expression<Func<User, int, bool>> compilerMade = (u, i) => u.Id > i;
        LambdaExpression[] lambdas =
        [
            Expression.Lambda<Func<int>>(Expression.Constant(1)),
            Expression.Lambda<Func<int, int>>(p[0], p[0]),
            Expression.Lambda<Func<int, int, int>>(p[1], p[0], p[1]),
            Expression.Lambda<Func<int, int, int, int>>(p[2], p[0], p[1], p[2]),
            Expression.Lambda<Func<int, int, int, int, int, int, int>>(p[5], p),
            Expression.Lambda(p[3], p[3], p[4]),
            compilerMade,
        ];

        foreach (var lambda in lambdas)
        {
            Assert.Equal(lambda.Parameters.Count, LambdaParameters.Count(lambda));
            Assert.Equal(lambda.Parameters, Enumerable.Range(0, lambda.Parameters.Count).Select(i => LambdaParameters.Get(lambda, i)));
        }
    }

    [Fact]
    public async Task Result_selectors_that_read_different_parameters_get_their_own_plans_and_rows()
    {
        var fromUser = await fixture.Db.Users.Join(fixture.Db.Posts, u => u.Id, p => p.AuthorId, (u, p) => new { Key = u.Id, Other = p.Id })
            .OrderBy(x => x.Key).ThenBy(x => x.Other).Take(25).ToListAsync();
        var fromPost = await fixture.Db.Users.Join(fixture.Db.Posts, u => u.Id, p => p.AuthorId, (u, p) => new { Key = p.Id, Other = u.Id })
            .OrderBy(x => x.Key).ThenBy(x => x.Other).Take(25).ToListAsync();

        var expectedFromUser = fixture.Users.Join(fixture.Posts, u => u.Id, p => p.AuthorId, (u, p) => new { Key = u.Id, Other = p.Id })
            .OrderBy(x => x.Key).ThenBy(x => x.Other).Take(25);
        var expectedFromPost = fixture.Users.Join(fixture.Posts, u => u.Id, p => p.AuthorId, (u, p) => new { Key = p.Id, Other = u.Id })
            .OrderBy(x => x.Key).ThenBy(x => x.Other).Take(25);
        Assert.Equal(expectedFromUser, fromUser);
        Assert.Equal(expectedFromPost, fromPost);
        Assert.NotEqual(fromUser, fromPost);
    }
}

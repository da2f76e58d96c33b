using System.Linq.Expressions;
using Linq.Provider.Tests.Models;
using Linq.Querying.Caching;
using Linq.Querying.Frontend;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// FindUniqueAsync and FindFirstAsync walk their predicate without making <c>FirstOrDefault(table.Where(p))</c> first
/// (<see cref="FirstOfWhere"/>): the walk must give exactly the tokens and values of the made tree (or the two would
/// not share plans, or worse, a different query could share one), and the rows must be the predicate's.
/// </summary>
public sealed class FindWithoutTreeTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    public static TheoryData<string> Names => UserWhereTests.Cases.Names();

    [Theory, MemberData(nameof(Names))]
    public void The_walk_of_the_parts_is_the_walk_of_the_tree(string name)
    {
        var parts = Parts(UserWhereTests.Cases[name]);
        var (treeShape, treeValues) = WalkTree(parts.ToExpression());

        var walker = ShapeWalker.Rent();
        try
        {
            Assert.True(walker.TryWalkFirstOfWhere(parts));
            Assert.Equal(treeShape, walker.Shape.ToArray());
            Assert.Equal(treeValues, walker.TakeValues());
        }
        finally
        {
            ShapeWalker.Return(walker);
        }
    }

    [Fact]
    public void A_predicate_too_deep_to_walk_as_it_is_is_left_to_the_tree_walk_which_balances_it()
    {
        var user = Expression.Parameter(typeof(User), "u");
        Expression body = Expression.Equal(Expression.Property(user, nameof(User.Id)), Expression.Constant(0));
        for (var i = 1; i < ExpressionDepth.Limit + 10; i++)
        {
            body = Expression.OrElse(body, Expression.Equal(Expression.Property(user, nameof(User.Id)), Expression.Constant(i)));
        }

        var walker = ShapeWalker.Rent();
        try
        {
            Assert.False(walker.TryWalkFirstOfWhere(Parts(Expression.Lambda<Func<User, bool>>(body, user))));
        }
        finally
        {
            ShapeWalker.Return(walker);
        }
    }

    [Theory, MemberData(nameof(Names))]
    public async Task FindFirst_returns_a_matching_row_or_null_and_shares_the_plan_of_Where_FirstOrDefault(string name)
    {
        var predicate = UserWhereTests.Cases[name];
        var matching = fixture.Users.Where(predicate.Compile()).Select(u => u.Id).ToHashSet();

        var found = await fixture.Db.Users.FindFirstAsync(predicate);
        var hitsBefore = fixture.Db.QueryCache.Hits;
        var viaQuery = await fixture.Db.Users.Where(predicate).FirstOrDefaultAsync();

        if (matching.Count == 0)
        {
            Assert.Null(found);
            Assert.Null(viaQuery);
        }
        else
        {
            Assert.Contains(found!.Id, matching);
            Assert.Contains(viaQuery!.Id, matching);
        }

        // The made tree of the same predicate found the plan the parts' walk cached.
        Assert.Equal(hitsBefore + 1, fixture.Db.QueryCache.Hits);
    }

    [Fact]
    public async Task FindUnique_with_changing_values_null_included_follows_each_value_through_the_cached_plan()
    {
        foreach (var expected in fixture.Users.Take(5))
        {
            var id = expected.Id;
            var email = expected.Email;
            Assert.Equal(email, (await fixture.Db.Users.FindUniqueAsync(u => u.Id == id))!.Email);
            Assert.Equal(id, (await fixture.Db.Users.FindUniqueAsync(u => u.Email == email))!.Id);
            Assert.Equal(id, (await fixture.Db.Users.FindFirstAsync(u => u.Email == email && u.Name == expected.Name))!.Id);
        }

        var missing = fixture.Users.Max(u => u.Id) + 1;
        Assert.Null(await fixture.Db.Users.FindUniqueAsync(u => u.Id == missing));
        string? noName = null;
        var unnamed = fixture.Users.Where(u => u.Name == null).Select(u => u.Id).ToHashSet();
        var firstUnnamed = await fixture.Db.Users.FindFirstAsync(u => u.Name == noName);
        Assert.Equal(unnamed.Count == 0, firstUnnamed is null);
        Assert.True(firstUnnamed is null || unnamed.Contains(firstUnnamed.Id));
    }

    [Fact]
    public async Task FindUnique_with_a_long_or_chain_runs_through_the_balanced_tree()
    {
        // Not a unique key (an OR), so FindFirstAsync: the rows of the chain, found after the parts' walk gave up.
        var ids = fixture.Users.Select(u => u.Id).Take(3).ToArray();
        var user = Expression.Parameter(typeof(User), "u");
        Expression body = Expression.Equal(Expression.Property(user, nameof(User.Id)), Expression.Constant(-1));
        for (var i = 0; i < ExpressionDepth.Limit + 10; i++)
        {
            body = Expression.OrElse(body, Expression.Equal(Expression.Property(user, nameof(User.Id)), Expression.Constant(i == 200 ? ids[1] : -2 - i)));
        }

        var found = await fixture.Db.Users.FindFirstAsync(Expression.Lambda<Func<User, bool>>(body, user));
        Assert.Equal(ids[1], found!.Id);
    }

    private FirstOfWhere Parts(Expression<Func<User, bool>> predicate) =>
        new(OperatorMethods<User>.FirstOrDefault, OperatorMethods<User>.Where, fixture.Db.Users.Expression, predicate, typeof(Expression<Func<User, bool>>));

    private static (long[] Shape, object?[] Values) WalkTree(Expression tree)
    {
        var walker = ShapeWalker.Rent();
        try
        {
            walker.WalkBalanced(ref tree);
            return (walker.Shape.ToArray(), walker.TakeValues());
        }
        finally
        {
            ShapeWalker.Return(walker);
        }
    }
}

using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Reliability;

/// <summary>
/// Deep expression trees, built in loops as predicate builders build them, run on thread-pool threads (whose stack
/// is small): a correct result or a clear <see cref="QueryTranslationException"/>, never a stack overflow. Expected
/// rows are read with plain Npgsql.
/// </summary>
public sealed class DeepExpressionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly List<(int Id, string Email)> _users = [];

    public async Task InitializeAsync()
    {
        // xunit makes an instance per test over the one class database: seed it once.
        if (await fixture.Db.Users.CountAsync() == 0)
        {
            for (var i = 0; i < 40; i++)
            {
                await fixture.Db.Users.CreateAsync(new() { Email = $"deep-{i}@x.io", Name = i % 3 == 0 ? null : $"n{i}" });
            }
        }

        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"Id\", \"Email\" FROM \"User\" ORDER BY \"Id\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            _users.Add((reader.GetInt32(0), reader.GetString(1)));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    // ids[0] || ids[1] || … as a left-deep chain (Expression.OrElse(acc, next)), each id its own captured value.
    private static Expression<Func<User, bool>> AnyOf(IReadOnlyList<int> ids, bool rightDeep = false)
    {
        var u = Expression.Parameter(typeof(User), "u");
        var id = Expression.Property(u, nameof(User.Id));
        Expression Term(int i)
        {
            var box = new StrongBox<int>(ids[i]);
            return Expression.Equal(id, Expression.Field(Expression.Constant(box), nameof(StrongBox<int>.Value)));
        }

        Expression body = Term(rightDeep ? ids.Count - 1 : 0);
        for (var i = 1; i < ids.Count; i++)
        {
            body = rightDeep ? Expression.OrElse(Term(ids.Count - 1 - i), body) : Expression.OrElse(body, Term(i));
        }

        return Expression.Lambda<Func<User, bool>>(body, u);
    }

    private List<int> Wanted(int count) =>
        [.. Enumerable.Range(0, count).Select(i => i % 7 == 0 ? _users[i % _users.Count].Id : -i)];

    [Theory]
    [InlineData(10_000, false)]
    [InlineData(10_000, true)]
    [InlineData(60_000, false)]
    [InlineData(100_000, false)]
    [InlineData(100_000, true)]
    public async Task Long_or_chains_give_the_right_rows_on_a_pool_thread(int terms, bool rightDeep)
    {
        var ids = Wanted(terms);
        var predicate = AnyOf(ids, rightDeep);
        var found = await Task.Run(() => fixture.Db.Users.Where(predicate).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync());

        var expected = _users.Select(u => u.Id).Where(ids.ToHashSet().Contains).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, found);

        // The balanced plan is cached like any other: a second run with other values reuses it and is still right.
        var others = Wanted(terms).Select(i => i > 0 ? i : i - 1_000_000).Reverse().ToList();
        var again = await Task.Run(() => fixture.Db.Users.Where(AnyOf(others, rightDeep)).CountAsync());
        Assert.Equal(_users.Count(u => others.Contains(u.Id)), again);
    }

    [Fact]
    public async Task A_hundred_thousand_ors_of_other_comparisons_are_refused_clearly_before_any_sql()
    {
        // Equalities become one array parameter; these cannot, and need more parameters than PostgreSQL takes.
        var u = Expression.Parameter(typeof(User), "u");
        var id = Expression.Property(u, nameof(User.Id));
        Expression body = Expression.Constant(false);
        for (var i = 0; i < 100_000; i++)
        {
            body = Expression.OrElse(body, Expression.GreaterThan(id, Expression.Constant(1_000_000 + i)));
        }

        var predicate = Expression.Lambda<Func<User, bool>>(body, u);
        var error = await Task.Run(() => Assert.ThrowsAsync<QueryTranslationException>(() => fixture.Db.Users.Where(predicate).ToListAsync()));
        Assert.Contains("65,535", error.Message);
        Assert.Contains("Contains", error.Message);
        Assert.True(error.Message.Length < 2_000, "the message quotes a bounded part of the expression");
    }

    [Fact]
    public async Task Long_and_chains_in_write_filters_work()
    {
        // u.Id != a && u.Id != b && … : deletes nothing that is listed; as a filter of UpdateMany over real rows.
        var u = Expression.Parameter(typeof(User), "u");
        var id = Expression.Property(u, nameof(User.Id));
        Expression body = Expression.Constant(true);
        foreach (var keep in _users.Take(35).Select(x => x.Id).Concat(Enumerable.Range(1_000_000, 20_000)))
        {
            body = Expression.AndAlso(body, Expression.NotEqual(id, Expression.Constant(keep)));
        }

        var predicate = Expression.Lambda<Func<User, bool>>(Expression.AndAlso(body, Expression.Call(Expression.Property(u, nameof(User.Email)),
            typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!, Expression.Constant("deep-"))), u);
        var marker = "deep-updated-" + Guid.NewGuid().ToString("N");
        var changed = await Task.Run(() => fixture.Db.Users.UpdateManyAsync(predicate, new() { Name = marker }));
        Assert.Equal(_users.Count - 35, changed);

        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT array_agg(\"Id\" ORDER BY \"Id\") FROM \"User\" WHERE \"Name\" = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = marker });
        Assert.Equal(_users.Skip(35).Select(x => x.Id).ToArray(), (int[])(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Ten_thousand_nested_nots_are_refused_clearly()
    {
        var u = Expression.Parameter(typeof(User), "u");
        Expression body = Expression.Equal(Expression.Property(u, nameof(User.Id)), Expression.Constant(1));
        for (var i = 0; i < 10_000; i++)
        {
            body = Expression.Not(body);
        }

        var predicate = Expression.Lambda<Func<User, bool>>(body, u);
        var error = await Task.Run(() => Assert.ThrowsAsync<QueryTranslationException>(() => fixture.Db.Users.Where(predicate).ToListAsync()));
        Assert.Contains("nested more than", error.Message);
    }

    [Fact]
    public async Task Ten_thousand_chained_additions_are_refused_clearly_and_short_ones_work()
    {
        Expression<Func<User, bool>> Sum(int terms)
        {
            var u = Expression.Parameter(typeof(User), "u");
            Expression sum = Expression.Property(u, nameof(User.Id));
            for (var i = 0; i < terms; i++)
            {
                sum = Expression.Add(sum, Expression.Constant(1));
            }

            return Expression.Lambda<Func<User, bool>>(Expression.GreaterThan(sum, Expression.Constant(_users[20].Id + terms)), u);
        }

        var error = await Task.Run(() => Assert.ThrowsAsync<QueryTranslationException>(() => fixture.Db.Users.Where(Sum(10_000)).ToListAsync()));
        Assert.Contains("nested more than", error.Message);

        var count = await Task.Run(() => fixture.Db.Users.Where(Sum(100)).CountAsync());
        Assert.Equal(_users.Count(x => x.Id > _users[20].Id), count);
    }

    [Fact]
    public async Task Long_string_concatenations_are_balanced_and_exact()
    {
        var u = Expression.Parameter(typeof(User), "u");
        var concat = typeof(string).GetMethod(nameof(string.Concat), [typeof(string), typeof(string)])!;
        Expression text = Expression.Property(u, nameof(User.Email));
        for (var i = 0; i < 3_000; i++)
        {
            text = Expression.Add(text, Expression.Constant(i % 10 == 0 ? "|" : ""), concat);
        }

        var selector = Expression.Lambda<Func<User, string>>(text, u);
        var found = await Task.Run(() => fixture.Db.Users.OrderBy(x => x.Id).Select(selector).ToListAsync());
        Assert.Equal(_users.Select(x => x.Email + new string('|', 300)).ToList(), found);
    }

    [Fact]
    public async Task Mixed_long_chains_with_nullable_columns_and_null_values_match_linq_to_objects()
    {
        // Name == null must find the NULL names (as == does in C#), Email equalities and other terms mix in one chain.
        var rows = new List<(int Id, string Email, string? Name)>();
        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT \"Id\", \"Email\", \"Name\" FROM \"User\"", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
            }
        }

        var u = Expression.Parameter(typeof(User), "u");
        var terms = new List<Expression>();
        var names = new List<string?>();
        var emails = new List<string>();
        for (var i = 0; i < 600; i++)
        {
            string? name = i == 300 ? null : $"n{i * 5}";
            names.Add(name);
            terms.Add(Expression.Equal(Expression.Property(u, nameof(User.Name)), Expression.Constant(name, typeof(string))));
            var email = $"deep-{i * 7}@x.io";
            emails.Add(email);
            terms.Add(Expression.Equal(Expression.Constant(email), Expression.Property(u, nameof(User.Email))));
            if (i % 100 == 0)
            {
                terms.Add(Expression.LessThan(Expression.Property(u, nameof(User.Id)), Expression.Constant(rows.Min(r => r.Id) + 2)));
            }
        }

        var body = terms.Aggregate(Expression.OrElse);
        var predicate = Expression.Lambda<Func<User, bool>>(body, u);
        var sql = fixture.Db.Users.Where(predicate).ToSql();
        Assert.Contains("= ANY", sql);
        Assert.DoesNotContain("$60", sql);

        var found = await Task.Run(() => fixture.Db.Users.Where(predicate).OrderBy(x => x.Id).Select(x => x.Id).ToListAsync());
        var minId = rows.Min(r => r.Id);
        var expected = rows.Where(r => names.Contains(r.Name) || emails.Contains(r.Email) || r.Id < minId + 2).Select(r => r.Id).Order().ToList();
        Assert.Contains(rows.First(r => r.Name is null).Id, expected);
        Assert.Equal(expected, found);
    }
}

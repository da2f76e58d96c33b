using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Extensions;

/// <summary>
/// Query interceptors of an extended client: they run around every operation (queries, writes, raw SQL, batch and
/// interactive transactions), see its operation, model, SQL, parameters and result, compose in registration order,
/// can wrap or short-circuit it, and what they throw reaches the caller unchanged. The original client never runs them.
/// What was written is checked with plain Npgsql.
/// </summary>
public sealed class InterceptorTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private sealed record Seen(LinqOperation Operation, string? Model, string Sql, IReadOnlyList<QueryParameter> Parameters, object? Result);

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private (TestDb Db, List<Seen> Seen) Recording()
    {
        var seen = new List<Seen>();
        var db = fixture.Db.WithExtensions(x => x.Intercept(async (context, next) =>
        {
            var result = await next();
            lock (seen)
            {
                seen.Add(new Seen(context.Operation, context.Model?.Name, context.Sql, context.Parameters, result));
            }

            return result;
        }));
        return (db, seen);
    }

    private Task<long> CountUsersAsync(string email) =>
        PlainRows.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM \"User\" WHERE \"Email\" = '{email}'");

    [Fact]
    public async Task An_interceptor_sees_operation_model_sql_parameters_and_result_of_queries_and_writes()
    {
        var (db, seen) = Recording();
        var email = $"ic-{Tag()}@x.io";

        var created = await db.Users.CreateAsync(new() { Email = email, Name = "Ann" });
        var create = Assert.Single(seen);
        Assert.Equal((LinqOperation.Create, "User"), (create.Operation, create.Model));
        Assert.Contains("INSERT INTO \"User\"", create.Sql, StringComparison.Ordinal);
        Assert.Contains(create.Parameters, p => Equals(p.Value, email) && p.Name.StartsWith('$'));
        Assert.Same(created, create.Result);

        seen.Clear();
        var list = await db.Users.Where(u => u.Email == email).ToListAsync();
        var query = Assert.Single(seen);
        Assert.Equal((LinqOperation.FindMany, "User"), (query.Operation, query.Model));
        Assert.Contains("$1", query.Sql, StringComparison.Ordinal);
        Assert.Equal([email], query.Parameters.Select(p => p.Value));
        Assert.Same(list, query.Result);
        Assert.Equal(created.Id, Assert.Single(list).Id);

        seen.Clear();
        var count = await db.Users.CountAsync(u => u.Email == email);
        Assert.Equal((LinqOperation.Count, "User", (object?)1), (seen[0].Operation, seen[0].Model, seen[0].Result));
        Assert.Equal(1, count);

        seen.Clear();
        var updated = await db.Users.UpdateAsync(u => u.Id == created.Id, new() { Name = "Bea" });
        Assert.Equal((LinqOperation.Update, "User"), (seen[0].Operation, seen[0].Model));
        Assert.Contains(seen[0].Parameters, p => Equals(p.Value, "Bea"));
        Assert.Equal("Bea", ((List<User>)seen[0].Result!)[0].Name);
        Assert.Equal("Bea", updated.Name);

        seen.Clear();
        var deleted = await db.Users.DeleteManyAsync(u => u.Email == email);
        Assert.Equal((LinqOperation.DeleteMany, "User", (object?)1), (seen[0].Operation, seen[0].Model, seen[0].Result));
        Assert.Equal(1, deleted);
        Assert.Equal(0, await CountUsersAsync(email));
    }

    [Fact]
    public async Task An_interceptor_runs_around_raw_sql_and_transactions()
    {
        var (db, seen) = Recording();
        var email = $"ir-{Tag()}@x.io";
        Assert.Equal(1, await db.ExecuteRawAsync($"INSERT INTO \"User\" (\"Email\", \"Role\") VALUES ({email}, 'User')"));
        Assert.Equal((LinqOperation.ExecuteRaw, null, (object?)1), (seen[0].Operation, seen[0].Model, seen[0].Result));
        Assert.Equal([email], seen[0].Parameters.Select(p => p.Value));

        seen.Clear();
        var ids = await db.QueryRawAsync<int>($"SELECT \"Id\" FROM \"User\" WHERE \"Email\" = {email}");
        Assert.Equal(LinqOperation.QueryRaw, seen[0].Operation);
        Assert.Same(ids, seen[0].Result);

        seen.Clear();
        var (rows, counted) = await db.TransactionAsync(Batch.ToList(db.Users.Where(u => u.Email == email)), Batch.Count(db.Users.Where(u => u.Email == email)));
        var batch = Assert.Single(seen);
        Assert.Equal(LinqOperation.Transaction, batch.Operation);
        Assert.Equal(2, batch.Parameters.Count(p => Equals(p.Value, email)));
        Assert.Equal((1, 1), (rows.Count, counted));

        seen.Clear();
        var inside = await db.TransactionAsync(async tx =>
        {
            await tx.Users.UpdateManyAsync(u => u.Email == email, new() { Name = "tx" });
            return await tx.Users.Where(u => u.Email == email).Select(u => u.Name).FirstAsync();
        });
        Assert.Equal("tx", inside);
        Assert.Equal([LinqOperation.UpdateMany, LinqOperation.FindFirst], seen.Select(s => s.Operation));
    }

    [Fact]
    public async Task Interceptors_compose_in_registration_order_and_the_original_client_runs_none()
    {
        var order = new List<string>();
        QueryInterceptor named(string name) => async (context, next) =>
        {
            order.Add(name + ">");
            var result = await next();
            order.Add("<" + name);
            return result;
        };
        var db = fixture.Db.WithExtensions(x => x.Intercept(named("a")).Intercept(named("b")));
        var more = db.WithExtensions(x => x.Intercept(named("c")));

        await db.Users.CountAsync();
        Assert.Equal(["a>", "b>", "<b", "<a"], order);

        order.Clear();
        await more.Users.CountAsync();
        Assert.Equal(["a>", "b>", "c>", "<c", "<b", "<a"], order);

        order.Clear();
        await fixture.Db.Users.CountAsync();
        await fixture.Db.Users.Where(u => u.Id < 0).ToListAsync();
        Assert.Empty(order);
    }

    [Fact]
    public async Task An_interceptor_can_replace_a_result_or_short_circuit_the_statement()
    {
        var email = $"is-{Tag()}@x.io";
        var fake = new User { Id = -1, Email = email };
        var db = fixture.Db.WithExtensions(x => x.Intercept(async (context, next) => context.Operation switch
        {
            LinqOperation.Count => (int)(await next())! + 100,
            LinqOperation.Create => fake,                       // never sent
            LinqOperation.FindMany when context.Model?.Name == "User" => new List<User> { fake },
            _ => await next(),
        }));

        Assert.Equal(await fixture.Db.Users.CountAsync() + 100, await db.Users.CountAsync());
        Assert.Same(fake, await db.Users.CreateAsync(new() { Email = email }));
        Assert.Equal(0, await CountUsersAsync(email));
        Assert.Same(fake, Assert.Single(await db.Users.Where(u => u.Id > 0).ToListAsync()));
        var streamed = new List<User>();
        await foreach (var user in db.Users.Where(u => u.Id > 0).AsAsyncEnumerable())
        {
            streamed.Add(user);
        }

        Assert.Same(fake, Assert.Single(streamed));
    }

    [Fact]
    public async Task A_result_of_the_wrong_type_is_refused_with_advice()
    {
        var db = fixture.Db.WithExtensions(x => x.Intercept((_, _) => Task.FromResult<object?>("not a count")));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Users.CountAsync());
        Assert.Contains("Return the result of next()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exceptions_pass_through_interceptors_unchanged()
    {
        var own = new TimeoutException("from the interceptor");
        var throwing = fixture.Db.WithExtensions(x => x.Intercept((_, _) => throw own));
        Assert.Same(own, await Assert.ThrowsAsync<TimeoutException>(() => throwing.Users.CountAsync()));

        // A database error reaches the interceptor (which may log it) and then the caller, as the same typed exception.
        Exception? observed = null;
        var watching = fixture.Db.WithExtensions(x => x.Intercept(async (_, next) =>
        {
            try
            {
                return await next();
            }
            catch (Exception error)
            {
                observed = error;
                throw;
            }
        }));
        var email = $"ie-{Tag()}@x.io";
        await watching.Users.CreateAsync(new() { Email = email });
        var duplicate = await Assert.ThrowsAsync<UniqueConstraintViolationException>(() => watching.Users.CreateAsync(new() { Email = email }));
        Assert.Same(duplicate, observed);
        Assert.Equal(["Email"], duplicate.Fields);
    }
}

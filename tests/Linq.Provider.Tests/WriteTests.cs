using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests;

/// <summary>Update, updateMany, upsert, delete, deleteMany and the typed errors.</summary>
public sealed class WriteTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static string NewEmail() => $"w-{Guid.NewGuid():N}@x.io";

    [Fact]
    public async Task Update_sets_values_nulls_and_atomic_number_operations()
    {
        var email = NewEmail();
        var account = await fixture.Db.Accounts.CreateAsync(new() { Email = email, Balance = 100.50m });
        var user = await fixture.Db.Users.CreateAsync(new() { Email = email, Name = "Before" });

        var updated = await fixture.Db.Accounts.UpdateAsync(a => a.Email == email, new() { Balance = Op.Decrement(0.25m) });
        Assert.Equal(100.25m, updated.Balance);
        Assert.Equal(account.Id, updated.Id);
        Assert.Equal(200.50m, (await fixture.Db.Accounts.UpdateAsync(a => a.Id == account.Id, new() { Balance = Op.Multiply(2) })).Balance);
        Assert.Equal(205.50m, (await fixture.Db.Accounts.UpdateAsync(a => a.Id == account.Id, new() { Balance = Op.Increment(5) })).Balance);

        var renamed = await fixture.Db.Users.UpdateAsync(u => u.Id == user.Id, new() { Name = null, Role = Role.Admin });
        Assert.Null(renamed.Name);
        Assert.Equal(Role.Admin, renamed.Role);
        Assert.Equal(email, renamed.Email);

        var untouched = await fixture.Db.Users.UpdateAsync(u => u.Id == user.Id, new());
        Assert.Equal(Role.Admin, untouched.Role);
    }

    [Fact]
    public async Task Integer_operations_stay_integer()
    {
        var user = await fixture.Db.Users.CreateAsync(new() { Email = NewEmail() });
        var post = await fixture.Db.Posts.CreateAsync(new() { Title = "t", AuthorId = user.Id });
        var sample = await fixture.Db.Profiles.CreateAsync(new() { UserId = user.Id });
        Assert.NotNull(sample);
        var count = await fixture.Db.Posts.UpdateManyAsync(p => p.Id == post.Id, new() { AuthorId = Op.Multiply(1) });
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task UpdateMany_and_DeleteMany_are_set_based_and_return_counts()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 5; i++)
        {
            await fixture.Db.Users.CreateAsync(new() { Email = $"{tag}-{i}@x.io", Name = i < 3 ? "few" : "other" });
        }

        // Set-based: each write is one UPDATE/DELETE statement, never a read of the ids followed by per-row writes.
        using (var sent = new RoundTripCounter(fixture.ConnectionString))
        {
            Assert.Equal(3, await fixture.Db.Users.UpdateManyAsync(u => u.Email.StartsWith(tag) && u.Name == "few", new() { Role = Role.Admin }));
            Assert.Equal(1, sent.Count);
            Assert.StartsWith("UPDATE ", sent.Statements[0], StringComparison.Ordinal);
        }

        Assert.Equal(3L, await AdminsAsync(tag));
        Assert.Equal(0, await fixture.Db.Users.UpdateManyAsync(u => u.Email == "nobody", new() { Name = "x" }));
        using (var sent = new RoundTripCounter(fixture.ConnectionString))
        {
            Assert.Equal(5, await fixture.Db.Users.DeleteManyAsync(u => u.Email.StartsWith(tag)));
            Assert.Equal(1, sent.Count);
            Assert.StartsWith("DELETE ", sent.Statements[0], StringComparison.Ordinal);
        }

        Assert.Equal(0L, await PlainRows.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM \"User\" WHERE \"Email\" LIKE '{tag}%'"));
    }

    // Read with plain Npgsql: the write is not checked by a read through the same provider.
    private Task<long> AdminsAsync(string tag) =>
        PlainRows.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM \"User\" WHERE \"Email\" LIKE '{tag}%' AND \"Role\" = 'Admin'");

    [Fact]
    public async Task Delete_returns_the_deleted_row_and_missing_rows_are_P2025()
    {
        var user = await fixture.Db.Users.CreateAsync(new() { Email = NewEmail(), Name = "Gone" });
        var deleted = await fixture.Db.Users.DeleteAsync(u => u.Id == user.Id);
        Assert.Equal("Gone", deleted.Name);
        Assert.Null(await fixture.Db.Users.FindUniqueAsync(u => u.Id == user.Id));

        var notFound = await Assert.ThrowsAsync<RecordNotFoundException>(() => fixture.Db.Users.DeleteAsync(u => u.Id == user.Id));
        Assert.Equal("P2025", notFound.Code);
        Assert.Equal("User", notFound.Model);
        await Assert.ThrowsAsync<RecordNotFoundException>(() => fixture.Db.Users.UpdateAsync(u => u.Id == user.Id, new() { Name = "x" }));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.Users.DeleteAsync(u => u.Name == "Gone"));
    }

    [Fact]
    public async Task Upsert_creates_then_updates()
    {
        var email = NewEmail();
        var created = await fixture.Db.Users.UpsertAsync(u => u.Email == email, create: new() { Email = email, Name = "Viola" }, update: new() { Name = "Viola v2" });
        Assert.Equal("Viola", created.Name);
        var updated = await fixture.Db.Users.UpsertAsync(u => u.Email == email, create: new() { Email = email, Name = "Viola" }, update: new() { Name = "Viola v2" });
        Assert.Equal("Viola v2", updated.Name);
        Assert.Equal(created.Id, updated.Id);
        var same = await fixture.Db.Users.UpsertAsync(u => u.Email == email, create: new() { Email = email }, update: new());
        Assert.Equal("Viola v2", same.Name);
    }

    [Fact]
    public async Task Upsert_refuses_create_data_that_does_not_carry_the_filtered_key()
    {
        var email = NewEmail();
        var differs = await Assert.ThrowsAsync<ArgumentException>(() =>
            fixture.Db.Users.UpsertAsync(u => u.Email == email, create: new() { Email = "other-" + email }, update: new()));
        Assert.Contains("differ", differs.Message);

        var user = await fixture.Db.Users.CreateAsync(new() { Email = email });
        var generated = await Assert.ThrowsAsync<ArgumentException>(() =>
            fixture.Db.Users.UpsertAsync(u => u.Id == user.Id, create: new() { Email = email }, update: new() { Name = "x" }));
        Assert.Contains("generated by the database", generated.Message);
        Assert.Equal(1, await fixture.Db.Users.CountAsync(u => u.Email == email || u.Email == "other-" + email));
    }

    [Fact]
    public async Task Concurrent_upserts_of_one_key_make_one_row_and_no_error()
    {
        var email = NewEmail();
        var tasks = Enumerable.Range(0, 32).Select(i => Task.Run(() =>
            fixture.Db.Accounts.UpsertAsync(a => a.Email == email, create: new() { Email = email, Balance = 1 }, update: new() { Balance = Op.Increment(1) })));
        var results = await Task.WhenAll(tasks);

        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Equal(1, await fixture.Db.Accounts.CountAsync(a => a.Email == email));
        Assert.Equal(32m, (await fixture.Db.Accounts.FindUniqueAsync(a => a.Email == email))!.Balance);
    }

    [Fact]
    public async Task Constraint_violations_are_typed_with_model_and_fields_and_no_values()
    {
        var email = NewEmail();
        await fixture.Db.Users.CreateAsync(new() { Email = email });
        var unique = await Assert.ThrowsAsync<UniqueConstraintViolationException>(() => fixture.Db.Users.CreateAsync(new() { Email = email }));
        Assert.Equal("P2002", unique.Code);
        Assert.Equal("User", unique.Model);
        Assert.Equal(["Email"], unique.Fields);
        Assert.DoesNotContain(email, unique.Message);
        Assert.NotNull(unique.PostgresError);

        var foreignKey = await Assert.ThrowsAsync<ForeignKeyViolationException>(() => fixture.Db.Posts.CreateAsync(new() { Title = "orphan", AuthorId = -42 }));
        Assert.Equal("P2003", foreignKey.Code);
        Assert.Equal("Post", foreignKey.Model);
        Assert.Equal(["AuthorId"], foreignKey.Fields);

        var nullViolation = await Assert.ThrowsAsync<NullConstraintViolationException>(() => fixture.Db.Users.CreateAsync(new() { Email = null! }));
        Assert.Equal("P2011", nullViolation.Code);
        Assert.Equal(["Email"], nullViolation.Fields);

        var user = await fixture.Db.Users.CreateAsync(new() { Email = NewEmail() });
        await fixture.Db.Posts.CreateAsync(new() { Title = "keeps the user", AuthorId = user.Id });
        var restrict = await Assert.ThrowsAsync<ForeignKeyViolationException>(() => fixture.Db.Users.DeleteAsync(u => u.Id == user.Id));
        Assert.Equal(["AuthorId"], restrict.Fields);
        Assert.NotNull(await fixture.Db.Users.FindUniqueAsync(u => u.Id == user.Id));
    }

    [Fact]
    public async Task Idempotent_delivery_with_a_unique_key()
    {
        // The pattern: the message id is a unique key; a redelivered message finds the existing row.
        var messageId = NewEmail();
        async Task<Account> HandleAsync()
        {
            try
            {
                return await fixture.Db.Accounts.CreateAsync(new() { Email = messageId, Balance = 10 });
            }
            catch (UniqueConstraintViolationException)
            {
                return (await fixture.Db.Accounts.FindUniqueAsync(a => a.Email == messageId))!;
            }
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(HandleAsync)));
        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Equal(1, await fixture.Db.Accounts.CountAsync(a => a.Email == messageId));
    }
}

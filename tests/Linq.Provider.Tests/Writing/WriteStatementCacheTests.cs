using Linq.Contract;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Linq.Writing;
using Linq.Writing.Caching;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// Cached write statements: a repeated create, update, upsert or delete of one shape sends the very same text with
/// new values, and inputs whose text differs (NULL against a value, another number operation, another key, an
/// upsert with or without update data) never share a statement. Every row is read back with plain Npgsql.
/// </summary>
public sealed class WriteStatementCacheTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static ModelMetadata<T> MetadataOf<T>() where T : class, IModel<T> => T.Metadata;

    private static string NewEmail() => $"wc-{Guid.NewGuid():N}@x.io";

    private Task<List<(string Email, string? Name, string Role)>> UsersAsync(params string[] emails) =>
        PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT \"Email\", \"Name\", \"Role\"::text AS \"Role\" FROM \"User\" WHERE \"Email\" IN ({string.Join(", ", emails.Select(e => $"'{e}'"))}) ORDER BY \"Email\"",
            r => (r.Get<string>("Email"), r.Ref<string>("Name"), r.Get<string>("Role")));

    private Task<decimal> BalanceAsync(string email) =>
        PlainRows.ScalarAsync<decimal>(fixture.ConnectionString, $"SELECT \"Balance\" FROM \"Account\" WHERE \"Email\" = '{email}'");

    [Fact]
    public async Task Repeated_creates_of_one_shape_send_one_text_and_unset_fields_send_another()
    {
        string[] emails = [NewEmail(), NewEmail(), NewEmail(), NewEmail(), NewEmail()];
        using var sent = new RoundTripCounter(fixture.ConnectionString);
        await fixture.Db.Users.CreateAsync(new() { Email = emails[0], Name = "first", Role = Role.Admin });
        await fixture.Db.Users.CreateAsync(new() { Email = emails[1], Name = "second", Role = Role.User });
        await fixture.Db.Users.CreateAsync(new() { Email = emails[2], Name = null, Role = Role.Admin });
        await fixture.Db.Users.CreateAsync(new() { Email = emails[3] });
        await fixture.Db.Users.CreateAsync(new() { Email = emails[4], Name = "fifth", Role = Role.User });

        Assert.Equal(5, sent.Count);
        Assert.Equal(sent.Statements[0], sent.Statements[1]);
        Assert.Equal(sent.Statements[0], sent.Statements[4]);
        Assert.Equal(sent.Statements[0], sent.Statements[2]);
        Assert.NotEqual(sent.Statements[0], sent.Statements[3]);
        Assert.Contains("(\"Email\", \"Name\") VALUES", sent.Statements[3], StringComparison.Ordinal);

        var expected = new List<(string, string?, string)>
        {
            (emails[0], "first", "Admin"), (emails[1], "second", "User"), (emails[2], null, "Admin"), (emails[3], null, "User"), (emails[4], "fifth", "User"),
        };
        Assert.Equal(expected.OrderBy(e => e.Item1, StringComparer.Ordinal), await UsersAsync(emails));
    }

    [Fact]
    public async Task Updates_with_the_same_fields_but_other_null_ness_or_operations_are_other_statements()
    {
        var email = NewEmail();
        await fixture.Db.Accounts.CreateAsync(new() { Email = email, Balance = 100m });
        var expected = 100m;
        var operations = new (Func<AccountUpdateInput> Input, Func<decimal, decimal> Apply)[]
        {
            (() => new() { Balance = Op.Increment(10m) }, b => b + 10m),
            (() => new() { Balance = Op.Decrement(3.5m) }, b => b - 3.5m),
            (() => new() { Balance = Op.Multiply(2m) }, b => b * 2m),
            (() => new() { Balance = Op.Divide(4m) }, b => b / 4m),
            (() => new() { Balance = 7.25m }, _ => 7.25m),
        };
        var texts = new List<string>();

        // Twice round: the second pass runs every shape from the cache, and must compute exactly what the first did.
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var (input, apply) in operations)
            {
                using var sent = new RoundTripCounter(fixture.ConnectionString);
                var updated = await fixture.Db.Accounts.UpdateAsync(a => a.Email == email, input());
                expected = apply(expected);
                Assert.Equal(expected, updated.Balance);
                Assert.Equal(expected, await BalanceAsync(email));
                texts.Add(Assert.Single(sent.Statements));
            }
        }

        Assert.Equal(operations.Length, texts.Distinct().Count());
        Assert.Equal(texts[..operations.Length], texts[operations.Length..]);

        var user = NewEmail();
        await fixture.Db.Users.CreateAsync(new() { Email = user, Name = "n" });
        await fixture.Db.Users.UpdateAsync(u => u.Email == user, new() { Name = null });
        Assert.Null((await UsersAsync(user))[0].Name);
        await fixture.Db.Users.UpdateAsync(u => u.Email == user, new() { Name = "again" });
        Assert.Equal("again", (await UsersAsync(user))[0].Name);
        await fixture.Db.Users.UpdateAsync(u => u.Email == user, new() { Name = null });
        Assert.Null((await UsersAsync(user))[0].Name);
    }

    [Fact]
    public async Task Upserts_with_number_operations_compute_the_same_from_the_cache_as_on_their_first_call()
    {
        var email = NewEmail();
        var expected = 0m;
        var operations = new (Func<AccountUpdateInput> Input, Func<decimal, decimal> Apply)[]
        {
            (() => new() { Balance = Op.Increment(10m) }, b => b + 10m),
            (() => new() { Balance = Op.Multiply(1.5m) }, b => b * 1.5m),
            (() => new() { Balance = Op.Decrement(0.25m) }, b => b - 0.25m),
            (() => new(), b => b),
        };
        var texts = new List<string>();

        // The first upsert creates the row (its create data's balance), every later one updates it: twice round, so the
        // second pass is served from the cache (values only) and must compute exactly what the first pass rendered.
        var created = await fixture.Db.Accounts.UpsertAsync(a => a.Email == email, create: new() { Email = email, Balance = 40m }, update: new() { Balance = Op.Increment(1m) });
        expected = 40m;
        Assert.Equal(expected, created.Balance);
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var (input, apply) in operations)
            {
                using var sent = new RoundTripCounter(fixture.ConnectionString);

                // The key on either side of the equality: the same key, the same statement.
                var upserted = pass == 0
                    ? await fixture.Db.Accounts.UpsertAsync(a => a.Email == email, create: new() { Email = email, Balance = 1m }, update: input())
                    : await fixture.Db.Accounts.UpsertAsync(a => email == a.Email, create: new() { Email = email, Balance = 1m }, update: input());
                expected = apply(expected);
                Assert.Equal(expected, upserted.Balance);
                Assert.Equal(created.Id, upserted.Id);
                Assert.Equal(expected, await BalanceAsync(email));
                texts.Add(Assert.Single(sent.Statements));
            }
        }

        Assert.Equal(operations.Length, texts.Distinct().Count());
        Assert.Equal(texts[..operations.Length], texts[operations.Length..]);

        // The create data must name the filter's key value, on a cached shape as on the first call: nothing is written.
        var other = NewEmail();
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.Accounts.UpsertAsync(a => a.Email == other, create: new() { Email = email, Balance = 1m }, update: new()));
        Assert.Equal(expected, await BalanceAsync(email));
        Assert.Equal(0L, await PlainRows.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM \"Account\" WHERE \"Email\" = '{other}'"));
    }

    [Fact]
    public async Task Hostile_values_stay_parameters_on_a_cached_statement()
    {
        string[] hostile = ["x'); DROP TABLE \"User\"; --", "$1", "\\'; SELECT 1; --", "\"Name\" = 'a'"];
        var emails = hostile.Select(_ => NewEmail()).ToArray();
        using var sent = new RoundTripCounter(fixture.ConnectionString);
        for (var i = 0; i < hostile.Length; i++)
        {
            await fixture.Db.Users.CreateAsync(new() { Email = emails[i], Name = hostile[i] });
            await fixture.Db.Users.UpdateAsync(u => u.Email == emails[i], new() { Name = hostile[i] + "!" });
        }

        Assert.All(sent.Statements, s => Assert.DoesNotContain("DROP", s, StringComparison.Ordinal));
        Assert.Single(sent.Statements.Where(s => s.StartsWith("INSERT", StringComparison.Ordinal)).Distinct());
        Assert.Single(sent.Statements.Where(s => s.StartsWith("UPDATE", StringComparison.Ordinal)).Distinct());
        var stored = await UsersAsync(emails);
        Assert.Equal(emails.Zip(hostile, (e, h) => (e, (string?)(h + "!"), "User")).OrderBy(r => r.e, StringComparer.Ordinal), stored);
    }

    [Fact]
    public async Task Upserts_with_and_without_update_data_and_deletes_by_other_keys_are_other_statements()
    {
        var email = NewEmail();
        using var sent = new RoundTripCounter(fixture.ConnectionString);
        var created = await fixture.Db.Users.UpsertAsync(u => u.Email == email, create: new() { Email = email, Name = "created" }, update: new() { Name = "updated" });
        var updated = await fixture.Db.Users.UpsertAsync(u => u.Email == email, create: new() { Email = email, Name = "created" }, update: new() { Name = "updated" });
        var kept = await fixture.Db.Users.UpsertAsync(u => u.Email == email, create: new() { Email = email, Name = "created" }, update: new());
        var nulled = await fixture.Db.Users.UpsertAsync(u => u.Email == email, create: new() { Email = email, Name = "created" }, update: new() { Name = null });
        Assert.Equal(("created", "updated", "updated", (string?)null), (created.Name, updated.Name, kept.Name, nulled.Name));
        Assert.Equal(created.Id, nulled.Id);
        Assert.Equal(sent.Statements[0], sent.Statements[1]);
        Assert.NotEqual(sent.Statements[0], sent.Statements[2]);

        // A null of a nullable column is a value like any other: the same text, a typed NULL parameter.
        Assert.Equal(sent.Statements[0], sent.Statements[3]);
        Assert.Null((await UsersAsync(email))[0].Name);

        var other = NewEmail();
        var second = await fixture.Db.Users.CreateAsync(new() { Email = other });
        using var deletes = new RoundTripCounter(fixture.ConnectionString);
        Assert.Equal(created.Id, (await fixture.Db.Users.DeleteAsync(u => u.Id == created.Id)).Id);
        Assert.Equal(second.Id, (await fixture.Db.Users.DeleteAsync(u => u.Email == other)).Id);
        Assert.NotEqual(deletes.Statements[0], deletes.Statements[1]);
        Assert.Contains("\"Id\" = $1", deletes.Statements[0], StringComparison.Ordinal);
        Assert.Contains("\"Email\" = $1", deletes.Statements[1], StringComparison.Ordinal);
        Assert.Empty(await UsersAsync(email, other));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => fixture.Db.Users.DeleteAsync(u => u.Email == other));
    }

    [Fact]
    public async Task A_cached_update_with_a_stale_token_is_still_a_conflict_and_a_missing_row_still_not_found()
    {
        var code = Guid.NewGuid().ToString("N")[..12];
        var journal = await fixture.Db.Journals.CreateAsync(new() { Code = code, OpensAt = new DateTime(2026, 1, 1), BookedAt = DateTime.UtcNow });
        var first = await fixture.Db.Journals.UpdateAsync(j => j.Id == journal.Id && j.Version == journal.Version, new() { Label = "one" });
        var second = await fixture.Db.Journals.UpdateAsync(j => j.Id == journal.Id && j.Version == first.Version, new() { Label = "two" });
        Assert.Equal(journal.Version + 2, second.Version);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => fixture.Db.Journals.UpdateAsync(j => j.Id == journal.Id && j.Version == first.Version, new() { Label = "three" }));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => fixture.Db.Journals.UpdateAsync(j => j.Id == -1 && j.Version == first.Version, new() { Label = "three" }));
        var stored = await PlainRows.ReadAsync(fixture.ConnectionString, $"SELECT \"Label\", \"Version\" FROM \"Journal\" WHERE \"Id\" = {journal.Id}",
            r => (r.Ref<string>("Label"), r.Get<int>("Version")));
        Assert.Equal(("two", journal.Version + 2), Assert.Single(stored));
    }

    [Fact]
    public void Shapes_differ_in_null_ness_operations_keys_and_parts()
    {
        var balance = MetadataOf<Account>().GetColumn(nameof(Account.Balance));
        var name = MetadataOf<User>().GetColumn(nameof(User.Name));
        string Update(Action<UpdateValueWriter> write)
        {
            var shape = new WriteShape('U');
            write(new UpdateValueWriter("t", null, shape));
            return shape.Key.ToString();
        }

        string[] keys =
        [
            Update(w => w.SetNull(balance)),
            Update(w => w.Apply(balance, Op.Increment(1m))),
            Update(w => w.Apply(balance, Op.Decrement(1m))),
            Update(w => w.Apply(balance, Op.Multiply(1m))),
            Update(w => w.Apply(balance, Op.Divide(1m))),
            Update(w => w.Set(balance, 1m)),
        ];
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.Equal(Update(w => w.Set(name, "a")), Update(w => w.Set(name, "other value")));
        Assert.Equal(Update(w => w.Set(name, "a")), Update(w => w.Set(name, (string?)null)));

        var created = new WriteShape('C');
        new InsertValueWriter(created).WriteNull(name);
        var valued = new WriteShape('C');
        new InsertValueWriter(valued).Write(name, "a");
        Assert.NotEqual(created.Key.ToString(), valued.Key.ToString());
        Assert.Single(created.Parameters);
    }

    [Fact]
    public void A_shape_whose_parameters_are_not_the_recorded_ones_is_never_served_from_the_cache()
    {
        var cache = new WriteStatementCache();
        var name = MetadataOf<User>().GetColumn(nameof(User.Name));
        var shape = new WriteShape('C');
        var writer = new InsertValueWriter(shape);
        writer.Write(name, "a");

        // A statement built from other nodes than the shape recorded: rendered every time, its own values bound.
        var other = new InsertValueWriter();
        other.Write(name, "b");
        for (var i = 0; i < 2; i++)
        {
            var (_, parameters) = cache.Get(shape, other, static w => w.Statement(MetadataOf<User>()));
            Assert.Equal("b", Assert.Single(parameters).Value);
        }

        var (sql, bound) = cache.Get(shape, writer, static w => w.Statement(MetadataOf<User>()));
        Assert.Equal("a", Assert.Single(bound).Value);
        Assert.StartsWith("INSERT", sql, StringComparison.Ordinal);
        Assert.Equal(1, cache.Count);
    }
}

using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Reliability;

/// <summary>
/// Every value of <see cref="HostileCorpus"/> through every API that takes a value (LINQ filters, creates, updates,
/// upserts, raw SQL, identifiers, page tokens): storable values come back exactly as written (read with plain Npgsql),
/// the rest are refused with <see cref="ArgumentException"/> before any SQL, and a sentinel proves that no statement
/// was changed by a value (no table dropped, no row deleted or added beyond the test's own).
/// </summary>
public sealed class HostileCorpusTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    // In an interpolation hole "global::" would read as a format string, and "Sql" alone is the Linq.Sql namespace here.
    private static global::Linq.RawSql.SqlFragment Ident(string name) => global::Linq.RawSql.Sql.Identifier(name);

    private async Task<string> SentinelAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public')
                || '|' || (SELECT count(*) FROM "Category") || '|' || (SELECT coalesce(string_agg("Name", ',' ORDER BY "Id"), '') FROM "Category")
                || '|' || (SELECT count(*) FROM "Post") || '|' || (SELECT count(*) FROM "User" WHERE "Email" NOT LIKE 'hostile-%')
            """, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string?> StoredNameAsync(int id)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"Name\" FROM \"User\" WHERE \"Id\" = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return (string?)await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task The_corpus_has_over_500_values_with_unstorable_ones_among_them()
    {
        Assert.True(HostileCorpus.Values.Count >= 500, $"{HostileCorpus.Values.Count} values");
        Assert.Contains(HostileCorpus.Values, v => !HostileCorpus.IsStorable(v));
        Assert.Contains(HostileCorpus.Values, v => v.Length >= 1_000_000);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Every_value_through_every_api_is_exact_or_refused_and_changes_no_statement()
    {
        var db = fixture.Db;
        await db.Categories.CreateAsync(new() { Name = "sentinel-" + Guid.NewGuid().ToString("N") });
        var sentinel = await SentinelAsync();
        var page = await db.Users.OrderBy(u => u.Id).ToPageAsync(1);
        var refused = 0;

        for (var i = 0; i < HostileCorpus.Values.Count; i++)
        {
            var value = HostileCorpus.Values[i];
            var email = $"hostile-{i}@x.io";
            if (!HostileCorpus.IsStorable(value))
            {
                await Assert.ThrowsAsync<ArgumentException>(() => db.Users.CreateAsync(new() { Email = email, Name = value }));
                await Assert.ThrowsAsync<ArgumentException>(() => db.Users.Where(u => u.Name == value).ToListAsync());
                await Assert.ThrowsAsync<ArgumentException>(() => db.Users.CountAsync(u => u.Name!.Contains(value)));
                await Assert.ThrowsAsync<ArgumentException>(() => db.QueryRawAsync<int>($"SELECT count(*)::int FROM \"User\" WHERE \"Name\" = {value}"));
                await Assert.ThrowsAsync<ArgumentException>(() => db.ExecuteRawAsync($"SELECT 1 AS {Ident(value)}"));
                refused++;
                continue;
            }

            // Create, then the value reads back exactly, by every query form that should find it.
            var user = await db.Users.CreateAsync(new() { Email = email, Name = value });
            Assert.Equal(value, await StoredNameAsync(user.Id));
            Assert.Equal([user.Id], await db.Users.Where(u => u.Name == value && u.Email == email).Select(u => u.Id).ToListAsync());
            Assert.Equal(1, await db.Users.CountAsync(u => u.Email == email && u.Name!.StartsWith(value, StringComparison.Ordinal) && u.Name.EndsWith(value, StringComparison.Ordinal)));
            Assert.Equal(1, await db.Users.CountAsync(u => u.Email == email && u.Name!.Contains(value)));
            Assert.Equal(value, (await db.QueryRawAsync<User>($"SELECT * FROM \"User\" WHERE \"Name\" = {value} AND \"Email\" = {email}")).Single().Name);

            // Update and upsert write it again; the identifier form quotes it as one name.
            var reversed = new string(value.Reverse().ToArray());
            if (HostileCorpus.IsStorable(reversed))
            {
                await db.Users.UpdateAsync(u => u.Id == user.Id, new() { Name = reversed });
                Assert.Equal(reversed, await StoredNameAsync(user.Id));
            }

            await db.Users.UpsertAsync(u => u.Email == email, create: new() { Email = email, Name = value }, update: new() { Name = value });
            Assert.Equal(value, await StoredNameAsync(user.Id));
            if (value.Length < 60)
            {
                Assert.Equal(1, await db.ExecuteRawAsync($"UPDATE \"User\" SET {Ident("Name")} = {value} WHERE \"Id\" = {user.Id}"));
                var aliased = await db.QueryRawAsync<Dictionary<string, object?>>($"SELECT 7 AS {Ident(value)}");
                Assert.Equal(7, aliased.Single().Values.Single());
            }

            // As a page token: never accepted, never reaches SQL.
            await Assert.ThrowsAsync<ArgumentException>(() => db.Users.OrderBy(u => u.Id).ToPageAsync(1, value));
            await db.Users.DeleteAsync(u => u.Id == user.Id);
        }

        Assert.True(refused > 10);
        Assert.Equal(sentinel, await SentinelAsync());
        Assert.NotNull((await db.Users.OrderBy(u => u.Id).ToPageAsync(1, page.NextCursor)).Items);
    }
}

using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Reliability;

/// <summary>
/// Bad arguments are refused before any SQL (ArgumentException naming the argument), or take LINQ's meaning where
/// LINQ defines one (<c>Skip(-1)</c> is <c>Skip(0)</c>). Stored rows are read back with plain Npgsql.
/// </summary>
public sealed class ArgumentValidationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Prefix = "args-";
    private List<(int Id, string Email)> _users = [];

    public async Task InitializeAsync()
    {
        if (await fixture.Db.Users.CountAsync(u => u.Email.StartsWith(Prefix)) == 0)
        {
            for (var i = 0; i < 8; i++)
            {
                var user = await fixture.Db.Users.CreateAsync(new() { Email = $"{Prefix}{i}@x.io" });
                for (var j = 0; j < i % 4; j++)
                {
                    await fixture.Db.Posts.CreateAsync(new() { Title = $"p{i}-{j}", AuthorId = user.Id });
                }
            }
        }

        _users = await ReadUsersAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<(int Id, string Email)>> ReadUsersAsync()
    {
        var users = new List<(int, string)>();
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"Id\", \"Email\" FROM \"User\" WHERE \"Email\" LIKE 'args-%' ORDER BY \"Id\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            users.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return users;
    }

    private IQueryable<User> Mine => fixture.Db.Users.Where(u => u.Email.StartsWith(Prefix)).OrderBy(u => u.Id);

    [Theory]
    [InlineData(-1, 3)]
    [InlineData(-100, -1)]
    [InlineData(2, -5)]
    [InlineData(int.MinValue, 2)]
    [InlineData(3, int.MinValue)]
    [InlineData(0, 0)]
    public async Task Negative_skip_and_take_mean_what_they_mean_in_linq(int skip, int take)
    {
        var ids = _users.Select(u => u.Id).ToList();
        Assert.Equal(ids.Skip(skip).Take(take).ToList(), await Mine.Skip(skip).Take(take).Select(u => u.Id).ToListAsync());
        Assert.Equal(ids.Take(take).Skip(skip).ToList(), await Mine.Take(take).Skip(skip).Select(u => u.Id).ToListAsync());
        Assert.Equal(ids.Skip(skip).Count(), await Mine.Skip(skip).CountAsync());

        // Inside a filtered include, with both load strategies.
        foreach (var strategy in new[] { LoadStrategy.Join, LoadStrategy.Query })
        {
            var loaded = await Mine.Include(u => u.Posts.OrderBy(p => p.Id).Skip(skip).Take(take)).RelationLoadStrategy(strategy).ToListAsync();
            Assert.Equal(_users.Count, loaded.Count);
            Assert.All(loaded, u => Assert.True(u.Posts.Count <= Math.Max(0, take)));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public async Task Page_sizes_outside_the_range_are_refused(int take)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Mine.ToPageAsync(take));
        Assert.Equal("take", error.ParamName);
    }

    [Fact]
    public async Task A_large_page_size_just_below_the_limit_works()
    {
        var page = await Mine.ToPageAsync(int.MaxValue - 1);
        Assert.Equal(_users.Select(u => u.Id), page.Items.Select(u => u.Id));
        Assert.False(page.HasMore);
    }

    // By index: xunit's test-case serialization would replace a lone surrogate in a string argument with U+FFFD.
    private static readonly string[] Bad =
    [
        "nul\0inside",
        "\0",
        "lone high \ud800 surrogate",
        "lone low \udc00 surrogate",
        "reversed \udc00\ud800 pair",
        "ends with high \ud83d",
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Text_postgres_cannot_store_is_refused_before_any_sql_on_every_path(int which)
    {
        var bad = Bad[which];
        var before = await ReadUsersAsync();
        var email = "args-bad-" + bad + "@x.io";

        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.Users.Where(u => u.Email == bad).ToListAsync());
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.Users.Where(u => u.Email.Contains(bad)).CountAsync());
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.Users.CreateAsync(new() { Email = email }));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.Users.UpdateManyAsync(u => u.Email.StartsWith(Prefix), new() { Name = bad }));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.Users.CreateManyAsync(new List<UserCreateInput> { new() { Email = email }, new() { Email = "args-ok-" + Guid.NewGuid().ToString("N") } }));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.QueryRawAsync<User>($"SELECT * FROM \"User\" WHERE \"Email\" = {bad}"));
        var list = new[] { "fine", bad };
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.Users.Where(u => list.Contains(u.Email)).ToListAsync());

        // COPY (createMany of many rows): refused, nothing of the batch written.
        var many = Enumerable.Range(0, 1_200).Select(i => new UserCreateInput { Email = $"args-copy-{i}-{Guid.NewGuid():N}@x.io", Name = i == 900 ? bad : "ok" }).ToList();
        var copy = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Db.Users.CreateManyAsync(many));
        Assert.Contains("Name", copy.Message);

        Assert.Equal(before, await ReadUsersAsync());
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM \"User\" WHERE \"Email\" LIKE 'args-copy-%' OR \"Email\" LIKE 'args-ok-%' OR \"Name\" IS NOT NULL AND \"Email\" LIKE 'args-%'", connection);
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Valid_surrogate_pairs_and_other_control_characters_round_trip()
    {
        var text = "emoji 😀 pair 𝄞 tab\t bell\u0007 end";
        var user = await fixture.Db.Users.CreateAsync(new() { Email = $"args-ok-{Guid.NewGuid():N}@x.io", Name = text });
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"Name\" FROM \"User\" WHERE \"Id\" = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = user.Id });
        Assert.Equal(text, (string)(await command.ExecuteScalarAsync())!);
        Assert.Equal(user.Id, (await fixture.Db.Users.SingleAsync(u => u.Name == text)).Id);
        await fixture.Db.Users.DeleteAsync(u => u.Id == user.Id);
    }
}

using Blog.Model;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests;

/// <summary>
/// <see cref="LinqDatabaseOptions.PrepareStatements"/>: the client's statements are prepared on the server session
/// (seen in <c>pg_prepared_statements</c>) and return what plain Npgsql reads, in queries, includes (both strategies),
/// transactions and batches, and after <c>DISCARD ALL</c> and a schema change. The prepared client has a pool of one
/// connection, so every statement runs on the session the test inspects. Its own database (this class's fixture):
/// one test changes a column's type.
/// </summary>
public sealed class PreparedStatementTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private string _tag = "";
    private TestDb _db = null!;

    public async Task InitializeAsync()
    {
        _tag = "prep-" + Guid.NewGuid().ToString("N")[..8];
        for (var u = 0; u < 4; u++)
        {
            var user = await fixture.Db.Users.CreateAsync(new() { Email = $"{_tag}-{u}@x.io", Name = u % 2 == 0 ? "even" : null });
            for (var p = 0; p < u; p++)
            {
                var post = await fixture.Db.Posts.CreateAsync(new() { Title = $"{_tag}-u{u}p{p}", AuthorId = user.Id });
                await fixture.Db.Comments.CreateAsync(new() { Text = $"{_tag}-u{u}p{p}c", PostId = post.Id });
            }
        }

        _db = new TestDb(new LinqDatabaseOptions().UseNpgsql(fixture.ConnectionString + ";Maximum Pool Size=1").UsePreparedStatements());
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<List<User>> MineAsync(TestDb db) =>
        db.Users.Where(u => u.Email.StartsWith(_tag)).OrderBy(u => u.Email).ToListAsync();

    // The session's statements prepared through the protocol (Npgsql's), not by SQL PREPARE.
    private async Task<List<string>> PreparedAsync(TestDb db) =>
        await db.QueryRawAsync<string>($"SELECT statement FROM pg_prepared_statements WHERE NOT from_sql");

    private async Task<List<(string Email, string? Name)>> ExpectedUsersAsync() =>
        (await PlainRows.ReadAsync(fixture.ConnectionString, $"SELECT \"Email\", \"Name\" FROM \"User\" WHERE \"Email\" LIKE '{_tag}%'",
            r => (r.Get<string>("Email"), r.Ref<string>("Name")))).OrderBy(r => r.Item1, StringComparer.Ordinal).ToList();

    [Fact]
    public async Task A_repeated_query_is_prepared_on_the_session_and_reads_what_plain_npgsql_reads()
    {
        var expected = await ExpectedUsersAsync();
        Assert.Equal(4, expected.Count);
        for (var i = 0; i < 3; i++)
        {
            var users = await MineAsync(_db);
            Assert.Equal(expected, users.Select(u => (u.Email, u.Name)));
        }

        var prepared = await PreparedAsync(_db);
        Assert.Contains(prepared, s => s.Contains("FROM \"User\"", StringComparison.Ordinal) && s.Contains("LIKE", StringComparison.Ordinal));

        // A one-off statement is not prepared (Auto Prepare Min Usages=2): nothing with this marker is.
        var marker = "oneoff" + Guid.NewGuid().ToString("N")[..6];
        Assert.Null(await _db.Users.FirstOrDefaultAsync(u => u.Email == marker && u.Name == marker + "x"));
        Assert.DoesNotContain(await PreparedAsync(_db), s => s.Contains("\"Name\" = $2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_option_nothing_is_prepared()
    {
        await using var plain = new TestDb(new LinqDatabaseOptions().UseNpgsql(fixture.ConnectionString + ";Maximum Pool Size=1"));
        for (var i = 0; i < 3; i++)
        {
            await MineAsync(plain);
        }

        Assert.Empty(await PreparedAsync(plain));
    }

    [Theory]
    [InlineData(LoadStrategy.Join)]
    [InlineData(LoadStrategy.Query)]
    public async Task Includes_read_the_same_graph_prepared(LoadStrategy strategy)
    {
        var expected = (await PlainRows.ReadAsync(fixture.ConnectionString,
                $"SELECT u.\"Email\", p.\"Title\", c.\"Text\" FROM \"User\" u JOIN \"Post\" p ON p.\"AuthorId\" = u.\"Id\" JOIN comments c ON c.post_id = p.\"Id\" WHERE u.\"Email\" LIKE '{_tag}%'",
                r => $"{r.Get<string>("Email")}/{r.Get<string>("Title")}/{r.Get<string>("Text")}"))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(6, expected.Count);
        for (var i = 0; i < 3; i++)
        {
            var users = await _db.Users.Where(u => u.Email.StartsWith(_tag)).OrderBy(u => u.Email)
                .Include(u => u.Posts).ThenInclude(p => p.Comments).RelationLoadStrategy(strategy).ToListAsync();
            var graph = users.SelectMany(u => u.Posts.SelectMany(p => p.Comments.Select(c => $"{u.Email}/{p.Title}/{c.Text}"))).Order(StringComparer.Ordinal);
            Assert.Equal(expected, graph);
        }

        Assert.Contains(await PreparedAsync(_db), s => s.Contains("\"Post\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Transactions_and_batches_run_prepared_and_roll_back()
    {
        var expected = await ExpectedUsersAsync();
        for (var i = 0; i < 3; i++)
        {
            var inside = await _db.TransactionAsync(async tx =>
            {
                await tx.Users.UpdateManyAsync(u => u.Email == $"{_tag}-1@x.io", new() { Name = "tx" + i });
                return await tx.Users.Where(u => u.Email.StartsWith(_tag)).OrderBy(u => u.Email).ToListAsync();
            });
            Assert.Equal(expected.Select(e => e.Email == $"{_tag}-1@x.io" ? (e.Email, (string?)("tx" + i)) : e), inside.Select(u => (u.Email, u.Name)));

            var (count, first) = await _db.TransactionAsync(
                Batch.Count(_db.Users.Where(u => u.Email.StartsWith(_tag))),
                Batch.FirstOrDefault(_db.Users.Where(u => u.Email == $"{_tag}-0@x.io")));
            Assert.Equal(4, count);
            Assert.Equal("even", first!.Name);
        }

        // A rolled-back transaction's prepared update leaves no trace, and the session goes on working.
        await Assert.ThrowsAsync<InvalidOperationException>(() => _db.TransactionAsync<TestDb, int>(async tx =>
        {
            await tx.Users.UpdateManyAsync(u => u.Email == $"{_tag}-1@x.io", new() { Name = "rolled back" });
            throw new InvalidOperationException("roll back");
        }));
        Assert.Equal("tx2", await PlainRows.ScalarAsync<string>(fixture.ConnectionString, $"SELECT \"Name\" FROM \"User\" WHERE \"Email\" = '{_tag}-1@x.io'"));
        Assert.Contains(await PreparedAsync(_db), s => s.StartsWith("UPDATE", StringComparison.Ordinal));
        Assert.Equal(4, (await MineAsync(_db)).Count);
    }

    [Fact]
    public async Task Discard_all_drops_the_prepared_statements_and_the_next_queries_prepare_them_again()
    {
        var expected = await ExpectedUsersAsync();
        await MineAsync(_db);
        await MineAsync(_db);
        Assert.NotEmpty(await PreparedAsync(_db));

        await _db.ExecuteRawAsync($"DISCARD ALL");
        Assert.Empty(await PlainOnSessionAsync());

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected, (await MineAsync(_db)).Select(u => (u.Email, u.Name)));
        }

        Assert.Contains(await PreparedAsync(_db), s => s.Contains("FROM \"User\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Discard_all_under_an_include_with_follow_ups_recovers_too()
    {
        // The follow-up statement of LoadStrategy.Query runs in a batch of its own.
        Task<List<User>> WithPostsAsync() => _db.Users.Where(u => u.Email.StartsWith(_tag)).OrderBy(u => u.Email)
            .Include(u => u.Posts).RelationLoadStrategy(LoadStrategy.Query).ToListAsync();
        var posts = (await WithPostsAsync()).Select(u => u.Posts.Count).ToList();
        Assert.Equal([0, 1, 2, 3], posts);
        await WithPostsAsync();
        await _db.ExecuteRawAsync($"DISCARD ALL");
        Assert.Equal(posts, (await WithPostsAsync()).Select(u => u.Posts.Count));
    }

    // pg_prepared_statements read by a statement that is itself never prepared (its text is new each time).
    private async Task<List<string>> PlainOnSessionAsync() =>
        await _db.QueryRawAsync<string>($"SELECT statement FROM pg_prepared_statements WHERE NOT from_sql {Linq.RawSql.Sql.RawUnsafe("-- " + Guid.NewGuid().ToString("N"))}");

    [Fact]
    public async Task A_column_type_change_under_a_prepared_query_does_not_fail_the_query()
    {
        var expected = await ExpectedUsersAsync();
        await MineAsync(_db);
        await MineAsync(_db);
        Assert.Contains(await PreparedAsync(_db), s => s.Contains("FROM \"User\"", StringComparison.Ordinal));

        // The prepared statement's result type changes (text to varchar): PostgreSQL refuses to run the cached plan.
        await using (var plain = NpgsqlDataSource.Create(fixture.ConnectionString))
        {
            await plain.CreateCommand("ALTER TABLE \"User\" ALTER COLUMN \"Name\" TYPE varchar(200)").ExecuteNonQueryAsync();
        }

        try
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(expected, (await MineAsync(_db)).Select(u => (u.Email, u.Name)));
            }
        }
        finally
        {
            await using var plain = NpgsqlDataSource.Create(fixture.ConnectionString);
            await plain.CreateCommand("ALTER TABLE \"User\" ALTER COLUMN \"Name\" TYPE text").ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task A_given_data_source_is_refused_with_advice()
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        var error = Assert.Throws<ArgumentException>(() => new TestDb(new LinqDatabaseOptions { PrepareStatements = true }.UseDataSource(dataSource)));
        Assert.Contains("Max Auto Prepare", error.Message, StringComparison.Ordinal);
    }
}

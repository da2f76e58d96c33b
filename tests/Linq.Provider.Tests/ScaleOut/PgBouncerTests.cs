using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.ScaleOut;

/// <summary>
/// The client through a real PgBouncer in transaction pooling mode, with Npgsql's default settings: queries,
/// includes with both load strategies, paging, nested writes, interactive and batch transactions and raw SQL, under
/// concurrency (more client connections than PgBouncer has server connections). Results are compared with rows read
/// with plain Npgsql directly from the primary. What cannot work through a transaction pooler is shown failing.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class PgBouncerTests(ScaleOutServers servers)
{
    private TestDb Client() => new(new LinqDatabaseOptions().UseNpgsql(servers.BouncerUrl + ";Maximum Pool Size=40").BehindTransactionPooler());

    [Fact]
    public async Task The_client_really_goes_through_pgbouncer()
    {
        await using var db = Client();
        var bouncerPort = new NpgsqlConnectionStringBuilder(servers.BouncerUrl).Port;
        var serverPort = new NpgsqlConnectionStringBuilder(servers.PrimaryUrl).Port;
        Assert.NotEqual(bouncerPort, serverPort);

        // PgBouncer passes the server's version and parameters through; only the server's own port gives it away.
        Assert.Equal([serverPort], await db.QueryRawAsync<int>($"SELECT inet_server_port()"));
        Assert.Equal(await ServerVersionAsync(servers.PrimaryUrl), await ServerVersionAsync(servers.BouncerUrl));
    }

    [Theory]
    [InlineData(LoadStrategy.Join)]
    [InlineData(LoadStrategy.Query)]
    public async Task Nested_writes_includes_and_paging_match_plain_npgsql(LoadStrategy strategy)
    {
        await using var db = Client();
        var tag = Guid.NewGuid().ToString("N")[..8];

        // Concurrent nested creates: more client connections than PgBouncer's server pool (10).
        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => db.Users.CreateAsync(new()
        {
            Email = $"{tag}-{i:D2}@x.io",
            Name = i % 3 == 0 ? null : "n" + i,
            Posts = new()
            {
                Create = Enumerable.Range(0, i % 4).Select(j => new PostCreateWithoutAuthorInput
                {
                    Title = $"{tag} {i}-{j}",
                    Published = j % 2 == 0,
                    Comments = new() { Create = Enumerable.Range(0, j).Select(k => new CommentCreateWithoutPostInput { Text = $"c{k}" }).ToList() },
                }).ToList(),
            },
        })));

        var expected = await PlainTreeAsync(servers.PrimaryUrl, tag);
        var queries = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => db.Users.Where(u => u.Email.StartsWith(tag))
            .Include(u => u.Posts.Where(p => p.Published).OrderBy(p => p.Title)).ThenInclude(p => p.Comments)
            .RelationLoadStrategy(strategy)
            .OrderBy(u => u.Email)
            .ToListAsync()));
        foreach (var users in queries)
        {
            Assert.Equal(expected.Where(r => r.Published).Select(r => r.Key).ToList(), Flatten(users));
        }

        // Skip/Take and keyset pages walk the same rows.
        var skipTake = await db.Users.Where(u => u.Email.StartsWith(tag)).OrderBy(u => u.Email).Skip(5).Take(7).Select(u => u.Email).ToListAsync();
        var emails = expected.Select(r => r.Email).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(emails.Skip(5).Take(7), skipTake);
        var paged = new List<string>();
        string? cursor = null;
        do
        {
            var page = await db.Users.Where(u => u.Email.StartsWith(tag)).Include(u => u.Posts).RelationLoadStrategy(strategy).OrderBy(u => u.Email).ToPageAsync(5, cursor);
            paged.AddRange(page.Items.Select(u => u.Email));
            Assert.All(page.Items, u => Assert.Equal(expected.Where(r => r.Email == u.Email && r.Title is not null).Select(r => r.Title).Distinct().Count(), u.Posts.Count));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal(emails, paged);
        Assert.Equal(emails.Count(e => int.Parse(e[9..11], System.Globalization.CultureInfo.InvariantCulture) % 3 != 0),
            await db.Users.CountAsync(u => u.Email.StartsWith(tag) && u.Name != null));
    }

    [Fact]
    public async Task Interactive_and_batch_transactions_commit_and_roll_back_through_pgbouncer()
    {
        await using var db = Client();
        var tag = Guid.NewGuid().ToString("N")[..8];

        // Interactive transactions, concurrently: each holds one server connection from BEGIN to COMMIT.
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => db.TransactionAsync(async tx =>
        {
            var user = await tx.Users.CreateAsync(new() { Email = $"{tag}-tx{i:D2}@x.io" });
            await tx.Posts.CreateAsync(new() { Title = tag + " tx", AuthorId = user.Id });
            Assert.Equal(1, await tx.Posts.CountAsync(p => p.AuthorId == user.Id));
        })));
        var rolledBack = await Assert.ThrowsAsync<InvalidOperationException>(() => db.TransactionAsync(async tx =>
        {
            await tx.Users.CreateAsync(new() { Email = $"{tag}-gone@x.io" });
            throw new InvalidOperationException("undo");
        }));
        Assert.Equal("undo", rolledBack.Message);

        // Batch transactions: BEGIN … COMMIT in one round trip, and one that fails rolls back as a whole.
        var (created, renamed, count) = await db.TransactionAsync(
            Batch.Create(db.Users, new UserCreateInput { Email = $"{tag}-batch@x.io" }),
            Batch.UpdateMany(db.Users, u => u.Email.StartsWith(tag + "-tx0"), new UserUpdateInput { Name = "renamed" }),
            Batch.Count(db.Users.Where(u => u.Email.StartsWith(tag))));
        Assert.Equal((10, 13), (renamed, count));
        await Assert.ThrowsAsync<UniqueConstraintViolationException>(() => db.TransactionAsync(
            Batch.Create(db.Users, new UserCreateInput { Email = $"{tag}-batch2@x.io" }),
            Batch.Create(db.Users, new UserCreateInput { Email = created.Email })));

        var emails = await PlainRows.ReadAsync(servers.PrimaryUrl, $"SELECT \"Email\" FROM \"User\" WHERE \"Email\" LIKE '{tag}%'", r => r.Get<string>("Email"));
        Assert.Equal(13, emails.Count);
        Assert.DoesNotContain($"{tag}-gone@x.io", emails);
        Assert.DoesNotContain($"{tag}-batch2@x.io", emails);
        Assert.Equal(12L, await PlainRows.ScalarAsync<long>(servers.PrimaryUrl, $"SELECT count(*) FROM \"Post\" WHERE \"Title\" = '{tag} tx'"));
        Assert.Equal(10L, await PlainRows.ScalarAsync<long>(servers.PrimaryUrl, $"SELECT count(*) FROM \"User\" WHERE \"Email\" LIKE '{tag}-tx0%' AND \"Name\" = 'renamed'"));
    }

    [Fact]
    public async Task Behind_the_pooler_the_client_skips_npgsql_connection_reset()
    {
        // Statements are logged for a moment; the collection's tests run one at a time, so the log holds only these.
        await ScaleOutServers.ScalarAsync<object>(servers.Primary.ConnectionString, "SELECT 1");
        await SetStatementLoggingAsync("all");
        try
        {
            var log = Path.Combine(servers.Primary.RootDirectory, "postgres.log");
            async Task<int> DiscardsAsync(TestDb db)
            {
                var before = CountDiscards(log);
                for (var i = 0; i < 4; i++)
                {
                    Assert.Equal([i], await db.QueryRawAsync<int>($"SELECT {i}"));
                    await db.TransactionAsync(async tx => await tx.Users.CountAsync());
                }

                // Each backend writes its log line before it runs the statement, so the log is complete here.
                return CountDiscards(log) - before;
            }

            await using (var hinted = Client())
            {
                Assert.Equal(0, await DiscardsAsync(hinted));
            }

            await using var plain = new TestDb(new LinqDatabaseOptions().UseNpgsql(servers.BouncerUrl));
            Assert.True(await DiscardsAsync(plain) > 0, "Npgsql resets a reused connection with DISCARD ALL by default");
        }
        finally
        {
            await SetStatementLoggingAsync("none");
        }
    }

    private async Task SetStatementLoggingAsync(string level)
    {
        await using var connection = new NpgsqlConnection(servers.Primary.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var set = new NpgsqlCommand($"ALTER SYSTEM SET log_statement = '{level}'", connection);
        await set.ExecuteNonQueryAsync();
        await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection);
        await reload.ExecuteNonQueryAsync();
        await Task.Delay(200); // the postmaster signals its backends; a new session sees the setting at once, an idle one at its next statement
    }

    private static int CountDiscards(string log)
    {
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n').Count(line => line.EndsWith("statement: DISCARD ALL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Startup_parameters_pgbouncer_does_not_know_are_refused()
    {
        // Npgsql sends Search Path as the startup parameter search_path; PgBouncer (without ignore_startup_parameters or
        // track_extra_parameters) refuses the connection. Set it on the role instead (ALTER ROLE … SET search_path).
        await using var connection = new NpgsqlConnection(servers.BouncerUrl + ";Pooling=false;Search Path=public");
        var error = await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync());
        Assert.Contains("unsupported startup parameter", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Raw_sql_with_parameters_runs_through_pgbouncer()
    {
        await using var db = Client();
        var tag = Guid.NewGuid().ToString("N")[..8];
        await db.Users.CreateManyAsync(Enumerable.Range(0, 5).Select(i => new UserCreateInput { Email = $"{tag}-{i}@x.io" }));
        Assert.Equal(2, await db.ExecuteRawAsync($"UPDATE \"User\" SET \"Name\" = {"raw"} WHERE \"Email\" = ANY({new[] { tag + "-1@x.io", tag + "-3@x.io" }})"));
        var rows = await db.QueryRawAsync<User>($"SELECT * FROM \"User\" WHERE \"Email\" LIKE {tag + "%"} AND \"Name\" = {"raw"} ORDER BY \"Email\"");
        var expected = await PlainRows.ReadAsync(servers.PrimaryUrl, $"SELECT \"Email\" FROM \"User\" WHERE \"Email\" LIKE '{tag}%' AND \"Name\" = 'raw' ORDER BY \"Email\"", r => r.Get<string>("Email"));
        Assert.Equal(expected, rows.Select(u => u.Email));
        Assert.Equal(2, expected.Count);
    }

    [Fact]
    public async Task Deploying_migrations_behind_the_pooler_needs_the_direct_url()
    {
        await using (var admin = new NpgsqlConnection(servers.Primary.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE deploy_target", admin);
            await create.ExecuteNonQueryAsync();
        }

        var folder = Path.Combine(Path.GetTempPath(), "linq_pgb_" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(folder, "20260101000000_init"));
        await File.WriteAllTextAsync(Path.Combine(folder, "20260101000000_init", "migration.sql"), "CREATE TABLE \"Thing\" (\"Id\" int PRIMARY KEY);");
        try
        {
            var pooled = new NpgsqlConnectionStringBuilder(servers.BouncerUrl) { Database = "deploy_target" }.ConnectionString;
            var direct = new NpgsqlConnectionStringBuilder(servers.PrimaryUrl) { Database = "deploy_target" }.ConnectionString;

            // Prisma's flag in the URL says the same as BehindTransactionPooler().
            var url = $"postgresql://postgres:{new NpgsqlConnectionStringBuilder(pooled).Password}@127.0.0.1:{servers.Bouncer.Port}/deploy_target?pgbouncer=true";
            await using (var refused = new TestDb(new LinqDatabaseOptions().UseNpgsql(url)))
            {
                var error = await Assert.ThrowsAsync<DirectConnectionRequiredException>(() => refused.Migrations.DeployAsync(folder));
                Assert.Contains("UseMigrationsConnection(DIRECT_URL)", error.Message, StringComparison.Ordinal);
                Assert.Contains("pool_mode=transaction", error.Message, StringComparison.Ordinal);

                // Status only reads the history table: fine through the pooler.
                Assert.Single((await refused.Migrations.StatusAsync(folder)).Pending);
            }

            Assert.Equal(0L, await PlainRows.ScalarAsync<long>(direct, "SELECT count(*) FROM pg_tables WHERE tablename = 'Thing'"));
            await using var db = new TestDb(new LinqDatabaseOptions().UseNpgsql(pooled).BehindTransactionPooler().UseMigrationsConnection(direct));
            var result = await db.Migrations.DeployAsync(folder);
            Assert.Equal(["20260101000000_init"], result.Applied);
            Assert.Equal(1L, await PlainRows.ScalarAsync<long>(direct, "SELECT count(*) FROM pg_tables WHERE tablename = 'Thing'"));
            Assert.Equal(0, await db.ExecuteRawAsync($"DELETE FROM \"Thing\""));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Session_state_does_not_survive_a_transaction_pooler()
    {
        // Why deploy refuses the pooled connection: a session advisory lock taken by one client stays on a server
        // connection that PgBouncer hands to the next client, which then "holds" the same lock.
        const long key = 0x5C41E0; // any key; nothing else in the tests uses it
        await using var first = new NpgsqlConnection(servers.BouncerUrl + ";Pooling=false");
        await using var second = new NpgsqlConnection(servers.BouncerUrl + ";Pooling=false");
        await first.OpenAsync();
        await second.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({key})", first))
        {
            await take.ExecuteNonQueryAsync();
        }

        await using (var direct = new NpgsqlConnection(servers.PrimaryUrl + ";Pooling=false"))
        {
            await direct.OpenAsync();
            await using var holder = new NpgsqlCommand($"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = {key} AND granted", direct);
            Assert.Equal(1L, await holder.ExecuteScalarAsync());
        }

        await using (var tryTake = new NpgsqlCommand($"SELECT pg_try_advisory_lock({key})", second))
        {
            Assert.Equal(true, await tryTake.ExecuteScalarAsync());
        }

        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock_all()", second))
        {
            await release.ExecuteNonQueryAsync();
        }

        // LISTEN goes to whichever server connection runs it; the notification is never delivered to this client.
        await using (var listen = new NpgsqlCommand("LISTEN linq_scaleout", first))
        {
            await listen.ExecuteNonQueryAsync();
        }

        await ServerNotifyAsync(servers.PrimaryUrl, "linq_scaleout");
        Assert.False(await first.WaitAsync(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Automatic_preparation_breaks_through_pgbouncer_before_1_21()
    {
        // Npgsql's Max Auto Prepare names server-side statements on one server connection; a later transaction of the
        // same client may run on another one, where the name does not exist. PgBouncer 1.21+ with max_prepared_statements
        // tracks them; the Debian package here is older, so the docs say: leave Max Auto Prepare at 0 (Npgsql's default).
        var version = await PgBouncerVersionAsync();
        await using var prepared = new NpgsqlConnection(servers.BouncerUrl + ";Pooling=false;Max Auto Prepare=5;Auto Prepare Min Usages=1");
        await using var other = new NpgsqlConnection(servers.BouncerUrl + ";Pooling=false");
        await prepared.OpenAsync();
        await other.OpenAsync();
        await using (var warm = new NpgsqlCommand("SELECT count(*) FROM \"User\" WHERE \"Email\" <> $1", prepared) { Parameters = { new() { Value = "x" } } })
        {
            await warm.ExecuteScalarAsync();
            await warm.ExecuteScalarAsync();
        }

        // Keep the server connection that knows the statement busy, so the next run gets another one.
        await using var hold = await other.BeginTransactionAsync();
        await using (var busy = new NpgsqlCommand("SELECT 1", other, hold))
        {
            await busy.ExecuteScalarAsync();
        }

        await using var again = new NpgsqlCommand("SELECT count(*) FROM \"User\" WHERE \"Email\" <> $1", prepared) { Parameters = { new() { Value = "x" } } };
        if (version < new Version(1, 21))
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => again.ExecuteScalarAsync());
            Assert.Equal(PostgresErrorCodes.InvalidSqlStatementName, error.SqlState);
        }
        else
        {
            Assert.IsType<long>(await again.ExecuteScalarAsync());
        }
    }

    private static async Task<Version> PgBouncerVersionAsync()
    {
        var program = Linq.LocalPostgres.LocalPgBouncer.FindProgram()!;
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(program, "--version") { RedirectStandardOutput = true })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = System.Text.RegularExpressions.Regex.Match(text, @"PgBouncer (\d+)\.(\d+)");
        return new Version(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<string> ServerVersionAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        return connection.ServerVersion;
    }

    private static async Task ServerNotifyAsync(string connectionString, string channel)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var notify = new NpgsqlCommand("NOTIFY " + channel, connection);
        await notify.ExecuteNonQueryAsync();
    }

    private sealed record TreeRow(string Email, string? Title, bool Published, string? Comment)
    {
        public string Key => $"{Email}|{Title}|{Comment ?? "-"}";
    }

    // Users with their published posts (by title) and comments (by text), one line per leaf.
    private static List<string> Flatten(List<User> users) => users
        .SelectMany(u => u.Posts.SelectMany(p => p.Comments.OrderBy(c => c.Text, StringComparer.Ordinal).Select(c => $"{u.Email}|{p.Title}|{c.Text}").DefaultIfEmpty($"{u.Email}|{p.Title}|-")))
        .ToList();

    private static async Task<List<TreeRow>> PlainTreeAsync(string connectionString, string tag)
    {
        var rows = await PlainRows.ReadAsync(connectionString, $"""
            SELECT u."Email", p."Title", coalesce(p."Published", false) AS "Published", c."Text"
            FROM "User" u LEFT JOIN "Post" p ON p."AuthorId" = u."Id" LEFT JOIN "comments" c ON c."post_id" = p."Id"
            WHERE u."Email" LIKE '{tag}%'
            """, r => new TreeRow(r.Get<string>("Email"), r.Ref<string>("Title"), r.Get<bool>("Published"), r.Ref<string>("Text")));
        return rows.OrderBy(r => r.Email, StringComparer.Ordinal).ThenBy(r => r.Title, StringComparer.Ordinal).ThenBy(r => r.Comment, StringComparer.Ordinal).ToList();
    }
}

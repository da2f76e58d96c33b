using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Linq.Provider.Tests.ScaleOut;

/// <summary>
/// options.ReadReplicas(…) against a real streaming replica: reads outside a transaction run on the replica, writes,
/// transactions, raw SQL and OnPrimary() reads on the primary. Where a statement ran is proven by pausing the
/// replica's replay: the replica then lacks the primary's newest rows, so each read shows which server answered.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class ReadReplicaTests(ScaleOutServers servers)
{
    private TestDb Client(TimeSpan? retryDelay = null, params string[] replicas)
    {
        var options = new LinqDatabaseOptions().UseNpgsql(servers.PrimaryUrl).ReadReplicas(replicas.Length > 0 ? replicas : [servers.ReplicaUrl]);
        options.ReplicaRetryDelay = retryDelay ?? TimeSpan.FromSeconds(2);
        return new TestDb(options);
    }

    [Fact]
    public async Task Reads_go_to_the_replica_writes_transactions_raw_sql_and_OnPrimary_to_the_primary()
    {
        await using var db = Client();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var author = await db.Users.CreateAsync(new() { Email = tag + "@x.io", Name = "before" });
        await servers.WaitForReplayAsync();
        Assert.Equal([true], await db.QueryRawOnReplicaAsync<bool>($"SELECT pg_is_in_recovery()"));
        Assert.Equal([false], await db.QueryRawAsync<bool>($"SELECT pg_is_in_recovery()"));

        await servers.PauseReplayAsync();
        try
        {
            // Writes reach the primary (a replica would refuse them: read-only transaction).
            await db.Users.CreateAsync(new() { Email = tag + "-late@x.io" });
            Assert.Equal(1, await db.Users.UpdateManyAsync(u => u.Email == tag + "@x.io", new() { Name = "after" }));
            Assert.Equal(1, await db.ExecuteRawAsync($"UPDATE \"User\" SET \"Role\" = 'Admin' WHERE \"Email\" = {tag + "@x.io"}"));
            var expectedOnPrimary = await PlainEmailsAsync(servers.PrimaryUrl, tag);
            var expectedOnReplica = await PlainEmailsAsync(servers.ReplicaUrl, tag);
            Assert.Equal(2, expectedOnPrimary.Count);
            Assert.Equal([tag + "@x.io"], expectedOnReplica);

            // Reads outside a transaction: the replica's rows, through every kind of read.
            Assert.Equal(expectedOnReplica, await db.Users.Where(u => u.Email.StartsWith(tag)).OrderBy(u => u.Email).Select(u => u.Email).ToListAsync());
            Assert.Equal(1, await db.Users.CountAsync(u => u.Email.StartsWith(tag)));
            Assert.Equal("before", (await db.Users.FindUniqueAsync(u => u.Email == tag + "@x.io"))!.Name);
            Assert.Null(await db.Users.FindUniqueAsync(u => u.Email == tag + "-late@x.io"));
            var streamed = new List<string>();
            await foreach (var email in db.Users.Where(u => u.Email.StartsWith(tag)).Select(u => u.Email).AsAsyncEnumerable())
            {
                streamed.Add(email);
            }

            Assert.Equal(expectedOnReplica, streamed);
            var page = await db.Users.Where(u => u.Email.StartsWith(tag)).OrderBy(u => u.Id).ToPageAsync(10);
            Assert.Equal(expectedOnReplica, page.Items.Select(u => u.Email));

            // OnPrimary, anywhere in the chain, and raw SQL: the primary's rows.
            Assert.Equal(expectedOnPrimary, await db.Users.OnPrimary().Where(u => u.Email.StartsWith(tag)).OrderBy(u => u.Email).Select(u => u.Email).ToListAsync());
            Assert.Equal(2, await db.Users.Where(u => u.Email.StartsWith(tag)).OnPrimary().CountAsync());
            Assert.Equal(Role.Admin, (await db.Users.OnPrimary().FirstAsync(u => u.Email == tag + "@x.io")).Role);
            Assert.Equal(expectedOnPrimary, await db.QueryRawAsync<string>($"SELECT \"Email\" FROM \"User\" WHERE \"Email\" LIKE {tag + "%"} ORDER BY 1"));
            Assert.Equal(expectedOnReplica, await db.QueryRawOnReplicaAsync<string>($"SELECT \"Email\" FROM \"User\" WHERE \"Email\" LIKE {tag + "%"} ORDER BY 1"));

            // Interactive and batch transactions run on the primary, their reads included.
            var inTransaction = await db.TransactionAsync(async tx =>
            {
                await tx.Users.CreateAsync(new() { Email = tag + "-tx@x.io" });
                return (await tx.Users.Where(u => u.Email.StartsWith(tag)).CountAsync(), await tx.QueryRawOnReplicaAsync<bool>($"SELECT pg_is_in_recovery()"));
            });
            Assert.Equal(3, inTransaction.Item1);
            Assert.Equal([false], inTransaction.Item2);
            var (batchCount, _) = await db.TransactionAsync(
                Batch.Count(db.Users.Where(u => u.Email.StartsWith(tag))),
                Batch.Count(db.Posts.Where(p => p.AuthorId == author.Id)));
            Assert.Equal(3, batchCount);

            // A create that reads its row back with includes reads it where it was written.
            var created = await db.Users.CreateAsync(new() { Email = tag + "-inc@x.io", Posts = new() { Create = [new() { Title = "p" }] } }, q => q.Include(u => u.Posts));
            Assert.Equal(["p"], created.Posts.Select(p => p.Title));
            Assert.Equal(1, await db.Users.CountAsync(u => u.Email.StartsWith(tag)));
        }
        finally
        {
            await servers.ResumeReplayAsync();
        }

        // Once the replica has caught up, a read sees what was written on the primary.
        await servers.WaitForReplayAsync();
        Assert.Equal(await PlainEmailsAsync(servers.PrimaryUrl, tag), await db.Users.Where(u => u.Email.StartsWith(tag)).OrderBy(u => u.Email).Select(u => u.Email).ToListAsync());
    }

    [Theory]
    [InlineData(LoadStrategy.Join)]
    [InlineData(LoadStrategy.Query)]
    public async Task An_extended_client_routes_like_its_root_with_its_interceptors_and_filters_on_the_replica(LoadStrategy strategy)
    {
        await using var root = Client();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var author = await root.Users.CreateAsync(new() { Email = tag + "@x.io", Posts = new() { Create = [new() { Title = tag + " pub", Published = true }, new() { Title = tag + " draft" }] } });
        await servers.WaitForReplayAsync();
        var seen = new List<string>();
        var db = root.WithExtensions(x => x
            .Filter<Post>(p => p.Published)
            .Intercept(async (context, next) =>
            {
                lock (seen)
                {
                    seen.Add(context.Operation.ToString());
                }

                return await next();
            }));

        await servers.PauseReplayAsync();
        try
        {
            // A write through the extended client goes to the primary (a replica would refuse it), with its interceptor.
            await db.Users.CreateAsync(new() { Email = tag + "-late@x.io" });
            await db.Posts.CreateAsync(new() { Title = tag + " late", Published = true, AuthorId = author.Id });
            var expectedOnReplica = await PlainEmailsAsync(servers.ReplicaUrl, tag);
            Assert.Equal([tag + "@x.io"], expectedOnReplica);
            Assert.Equal(2, (await PlainEmailsAsync(servers.PrimaryUrl, tag)).Count);

            seen.Clear();
            Assert.Equal(expectedOnReplica, await db.Users.Where(u => u.Email.StartsWith(tag)).OrderBy(u => u.Email).Select(u => u.Email).ToListAsync());
            Assert.Equal(1, await db.Users.CountAsync(u => u.Email.StartsWith(tag)));
            Assert.Equal([true], await db.QueryRawOnReplicaAsync<bool>($"SELECT pg_is_in_recovery()"));
            Assert.Equal([false], await db.QueryRawAsync<bool>($"SELECT pg_is_in_recovery()"));
            var onReplica = await db.Users.Where(u => u.Email == tag + "@x.io").Include(u => u.Posts).RelationLoadStrategy(strategy).SingleAsync();
            // The filter applies on the replica too (the draft is left out), and the replica lacks the late post.
            Assert.Equal([tag + " pub"], onReplica.Posts.Select(p => p.Title));
            Assert.Contains(nameof(LinqOperation.FindMany), seen);

            // OnPrimary: the primary's rows, still filtered.
            Assert.Equal(2, await db.Users.OnPrimary().CountAsync(u => u.Email.StartsWith(tag)));
            var onPrimary = await db.Users.OnPrimary().Where(u => u.Email == tag + "@x.io").Include(u => u.Posts).RelationLoadStrategy(strategy).SingleAsync();
            Assert.Equal([tag + " late", tag + " pub"], onPrimary.Posts.Select(p => p.Title).Order(StringComparer.Ordinal));

            // Its transactions read on the primary.
            Assert.Equal(2, await db.TransactionAsync(tx => tx.Users.CountAsync(u => u.Email.StartsWith(tag))));
        }
        finally
        {
            await servers.ResumeReplayAsync();
        }

        // Disposing an extended client leaves the root's replicas open.
        await using (db)
        {
        }

        await servers.WaitForReplayAsync();
        Assert.Equal(2, await root.Users.CountAsync(u => u.Email.StartsWith(tag)));
    }

    [Theory]
    [InlineData(LoadStrategy.Join)]
    [InlineData(LoadStrategy.Query)]
    public async Task Includes_read_every_level_from_the_same_replica(LoadStrategy strategy)
    {
        await using var db = Client();
        var tag = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++)
        {
            await db.Users.CreateAsync(new()
            {
                Email = $"{tag}-{i}@x.io",
                Posts = new() { Create = [new() { Title = $"{tag} a{i}", Comments = new() { Create = [new() { Text = "c" + i }] } }, new() { Title = $"{tag} b{i}" }] },
            });
        }

        await servers.WaitForReplayAsync();
        await servers.PauseReplayAsync();
        try
        {
            // Rows the replica does not have yet, at every level: a follow-up statement on the primary would show them.
            var first = await db.Users.OnPrimary().FirstAsync(u => u.Email == tag + "-0@x.io");
            await db.Posts.CreateAsync(new() { Title = tag + " late", AuthorId = first.Id });
            var firstPost = await db.Posts.OnPrimary().FirstAsync(p => p.Title == tag + " a0");
            await db.Comments.CreateAsync(new() { Text = "late", PostId = firstPost.Id });

            var expected = await PlainTreeAsync(servers.ReplicaUrl, tag);
            Assert.DoesNotContain(expected, row => row.Contains("late", StringComparison.Ordinal));
            var users = await db.Users.Where(u => u.Email.StartsWith(tag))
                .Include(u => u.Posts).ThenInclude(p => p.Comments)
                .RelationLoadStrategy(strategy)
                .OrderBy(u => u.Email).Skip(0).Take(3)
                .ToListAsync();
            var actual = users.SelectMany(u => u.Posts.SelectMany(p => p.Comments.Select(c => c.Text).DefaultIfEmpty("-").Select(c => $"{u.Email}|{p.Title}|{c}")))
                .Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, actual);

            var onPrimary = await db.Users.OnPrimary().Where(u => u.Email.StartsWith(tag)).Include(u => u.Posts).ThenInclude(p => p.Comments)
                .RelationLoadStrategy(strategy).ToListAsync();
            Assert.Equal(3, onPrimary.Single(u => u.Email == tag + "-0@x.io").Posts.Count);
        }
        finally
        {
            await servers.ResumeReplayAsync();
        }
    }

    [Fact]
    public async Task Replicas_take_reads_in_turn()
    {
        // The same server twice under two application names: which entry answered shows in the session.
        var one = new NpgsqlConnectionStringBuilder(servers.ReplicaUrl) { ApplicationName = "replica-one" }.ConnectionString;
        var two = new NpgsqlConnectionStringBuilder(servers.ReplicaUrl) { ApplicationName = "replica-two" }.ConnectionString;
        await using var db = Client(null, one, two);
        var names = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            names.AddRange(await db.QueryRawOnReplicaAsync<string>($"SELECT current_setting('application_name')"));
        }

        Assert.Equal(3, names.Count(n => n == "replica-one"));
        Assert.Equal(3, names.Count(n => n == "replica-two"));
        Assert.All(names.Zip(names.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public async Task A_stopped_replica_is_skipped_reads_go_to_the_primary_and_it_is_used_again_when_back()
    {
        await using var db = Client(TimeSpan.FromMilliseconds(200));
        var tag = Guid.NewGuid().ToString("N")[..8];
        await db.Users.CreateManyAsync(Enumerable.Range(0, 4).Select(i => new UserCreateInput { Email = $"{tag}-{i}@x.io", Name = i % 2 == 0 ? "even" : null }));
        await servers.WaitForReplayAsync();
        Assert.Equal([true], await db.QueryRawOnReplicaAsync<bool>($"SELECT pg_is_in_recovery()"));

        // Warm the replica's pool: its idle connections die with the server, and the next read finds them closed.
        Assert.Equal(2, await db.Users.CountAsync(u => u.Email.StartsWith(tag) && u.Name == "even"));
        var expected = (await PlainEmailsAsync(servers.PrimaryUrl, tag)).Where((_, i) => i % 2 == 0).ToList();

        await servers.Replica.StopAsync("fast", CancellationToken.None);
        try
        {
            // No error reaches the caller: each read moves on to the primary.
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(expected, await db.Users.Where(u => u.Email.StartsWith(tag) && u.Name == "even").OrderBy(u => u.Email).Select(u => u.Email).ToListAsync());
                Assert.Equal([false], await db.QueryRawOnReplicaAsync<bool>($"SELECT pg_is_in_recovery()"));
                var streamed = new List<string>();
                await foreach (var email in db.Users.Where(u => u.Email.StartsWith(tag) && u.Name == "even").OrderBy(u => u.Email).Select(u => u.Email).AsAsyncEnumerable())
                {
                    streamed.Add(email);
                }

                Assert.Equal(expected, streamed);
            }
        }
        finally
        {
            await servers.Replica.StartAgainAsync(CancellationToken.None);
        }

        // Back: after its back-off a read tries it again and stays there. Polled, bounded; each read is a real check.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(await db.QueryRawOnReplicaAsync<bool>($"SELECT pg_is_in_recovery()"))[0])
        {
            Assert.True(DateTime.UtcNow < deadline, "the replica was not used again within 20 s of coming back");
            await Task.Delay(50);
        }

        await servers.WaitForReplayAsync();
        Assert.Equal([true], await db.QueryRawOnReplicaAsync<bool>($"SELECT pg_is_in_recovery()"));
        Assert.Equal(expected, await db.Users.Where(u => u.Email.StartsWith(tag) && u.Name == "even").OrderBy(u => u.Email).Select(u => u.Email).ToListAsync());
    }

    [Fact]
    public async Task With_every_replica_unreachable_reads_go_to_the_primary()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(servers.ReplicaUrl) { Port = FreePort() }.ConnectionString;
        await using var db = Client(TimeSpan.FromSeconds(30), unreachable);
        Assert.Equal([false], await db.QueryRawOnReplicaAsync<bool>($"SELECT pg_is_in_recovery()"));
        Assert.Equal(await PlainCountAsync(servers.PrimaryUrl), await db.Users.CountAsync());
    }

    [Fact]
    public async Task Replicas_bind_from_configuration_through_dependency_injection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = servers.PrimaryUrl,
            ["Database:ReadReplicaConnectionStrings:0"] = servers.ReplicaUrl,
            ["Database:ReplicaRetryDelay"] = "00:00:05",
        }).Build();
        var services = new ServiceCollection();
        services.AddLinqDatabase<TestDb>(o => configuration.GetSection("Database").Bind(o));
        await using var provider = services.BuildServiceProvider();
        var db = provider.GetRequiredService<TestDb>();
        Assert.Equal(TimeSpan.FromSeconds(5), db.Options.ReplicaRetryDelay);
        Assert.Equal([true], await db.QueryRawOnReplicaAsync<bool>($"SELECT pg_is_in_recovery()"));
        Assert.Equal([false], await db.QueryRawAsync<bool>($"SELECT pg_is_in_recovery()"));
    }

    [Fact]
    public void OnPrimary_changes_where_a_query_runs_not_its_sql()
    {
        using var db = Client();
        var plain = db.Users.Where(u => u.Name != null).Include(u => u.Posts).OrderBy(u => u.Id).Take(3).ToSql();
        Assert.Equal(plain, db.Users.OnPrimary().Where(u => u.Name != null).Include(u => u.Posts).OrderBy(u => u.Id).Take(3).ToSql());
        Assert.Equal(plain, db.Users.Where(u => u.Name != null).Include(u => u.Posts).OrderBy(u => u.Id).Take(3).OnPrimary().ToSql());
        Assert.Equal(
            "SELECT \"t0\".\"Id\", \"t0\".\"Email\" FROM \"User\" AS \"t0\" WHERE \"t0\".\"Name\" IS NOT NULL ORDER BY \"t0\".\"Id\" LIMIT $1",
            db.Users.OnPrimary().Where(u => u.Name != null).OrderBy(u => u.Id).Select(u => new { u.Id, u.Email }).Take(3).ToSql());
    }

    [Fact]
    public void Replica_urls_are_converted_and_bad_ones_refused_without_their_password()
    {
        var options = new LinqDatabaseOptions().ReadReplicas("postgresql://u:s3cret@replica-1:5433/app", "Host=replica-2;Username=u");
        Assert.Equal(2, options.ReadReplicaConnectionStrings.Count);
        Assert.Equal("replica-1", new NpgsqlConnectionStringBuilder(options.ReadReplicaConnectionStrings[0]).Host);
        Assert.Equal(5433, new NpgsqlConnectionStringBuilder(options.ReadReplicaConnectionStrings[0]).Port);
        var error = Assert.Throws<ArgumentException>(() => options.ReadReplicas("postgresql://u:s3cr#t@host/app"));
        Assert.DoesNotContain("s3cr", error.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static Task<List<string>> PlainEmailsAsync(string connectionString, string tag) =>
        PlainRows.ReadAsync(connectionString, $"SELECT \"Email\" FROM \"User\" WHERE \"Email\" LIKE '{tag}%' ORDER BY \"Email\" COLLATE \"C\"", r => r.Get<string>("Email"));

    private static Task<long> PlainCountAsync(string connectionString) => PlainRows.ScalarAsync<long>(connectionString, "SELECT count(*) FROM \"User\"");

    // Every (user, post, comment) of the tag on one server, as "email|title|comment" ("-" for a post without comments).
    private static async Task<List<string>> PlainTreeAsync(string connectionString, string tag)
    {
        var rows = await PlainRows.ReadAsync(connectionString, $"""
            SELECT u."Email", p."Title", coalesce(c."Text", '-') AS "Text"
            FROM "User" u JOIN "Post" p ON p."AuthorId" = u."Id" LEFT JOIN "comments" c ON c."post_id" = p."Id"
            WHERE u."Email" LIKE '{tag}%'
            """, r => $"{r.Get<string>("Email")}|{r.Get<string>("Title")}|{r.Get<string>("Text")}");
        return rows.Order(StringComparer.Ordinal).ToList();
    }
}

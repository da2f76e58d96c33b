using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using System.Linq.Expressions;
using Npgsql;

namespace Linq.Provider.Tests.Relations;

/// <summary>
/// LoadStrategy.Query as one round trip (every level in one NpgsqlBatch, each selecting its parents' keys with
/// <c>= ANY(ARRAY(SELECT …))</c>) against LoadStrategy.Join and against LINQ-to-Objects over rows read with plain Npgsql:
/// paging (none, Skip/Take, keyset cursor) × direction × include shape (plain, filtered/ordered/paged, ThenInclude, filtered
/// ThenInclude, three levels deep with a to-one, to-one from the root), exact numbers, the single-row operators, and one
/// snapshot for the whole batch while a writer commits between its statements.
/// </summary>
public sealed class RelationBatchTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly List<int> _users = [];
    private string _tag = "";

    public enum Paging { None, SkipTake, Cursor }

    public enum Shape { Include, FilteredInclude, ThenInclude, FilteredThenInclude, Deep, ToOne }

    public async Task InitializeAsync()
    {
        _tag = Guid.NewGuid().ToString("N")[..6];
        var start = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var u = 0; u < 7; u++)
        {
            // Names repeat (ties broken by the key) and one is null.
            var user = await fixture.Db.Users.CreateAsync(new() { Email = $"rb-{_tag}-{u}@x.io", Name = u == 3 ? null : "N" + (u % 3) });
            _users.Add(user.Id);
        }

        // Posts and comments are created round-robin over their parents, so in key order a parent's rows are spread over
        // the level (a Query level is ordered by the include's order, not the parent key, and grouped in the client).
        var posts = new List<(Post Post, int User, int Index)>();
        for (var p = 0; p < 4; p++)
        {
            for (var u = 0; u < 7; u++)
            {
                if (p < (u * 3) % 5)
                {
                    var post = await fixture.Db.Posts.CreateAsync(new()
                    {
                        Title = $"u{u}p{p}", Content = p % 2 == 0 ? null : "c", AuthorId = _users[u], Published = p % 2 == 1,
                        CreatedAt = start.AddMinutes((p * 7) % 4).AddTicks(u * 10 + 1),
                    });
                    posts.Add((post, u, p));
                }
            }
        }

        for (var c = 0; c < 3; c++)
        {
            foreach (var (post, u, p) in posts.Where(x => c < (x.Index + x.User) % 4))
            {
                await fixture.Db.Comments.CreateAsync(new() { Text = $"u{u}p{p}c{c}", PostId = post.Id, CreatedAt = start.AddSeconds(c * 13 % 3) });
            }
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<Paging, Shape, LoadStrategy, bool> Matrix()
    {
        var data = new TheoryData<Paging, Shape, LoadStrategy, bool>();
        foreach (var paging in Enum.GetValues<Paging>())
        {
            foreach (var shape in Enum.GetValues<Shape>())
            {
                foreach (var strategy in new[] { LoadStrategy.Join, LoadStrategy.Query })
                {
                    foreach (var descending in new[] { false, true })
                    {
                        data.Add(paging, shape, strategy, descending);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Every_strategy_loads_what_linq_to_objects_computes(Paging paging, Shape shape, LoadStrategy strategy, bool descending)
    {
        var graph = await ExpectedGraphAsync();
        if (shape == Shape.ToOne)
        {
            var posts = graph.SelectMany(u => u.Posts).Where(p => p.Title != "u2p1");
            var expectedPosts = Arrange(posts, paging, descending, p => p.Title, p => p.Id, out var afterPost).Select(p => DescribePost(p, withAuthor: true));
            var query = fixture.Db.Posts.Where(p => _users.Contains(p.AuthorId) && p.Title != "u2p1");
            var actualPosts = await Arrange(query, paging, descending, p => p.Title, p => p.Id, afterPost)
                .Include(p => p.Author).ThenInclude(a => a!.Posts).RelationLoadStrategy(strategy).ToListAsync();
            Assert.Equal(expectedPosts, actualPosts.Select(p => DescribePost(p, withAuthor: true)));
            return;
        }

        var expected = Arrange(graph.Where(u => u.Id != _users[1]), paging, descending, u => u.Name, u => u.Id, out var after)
            .Select(u => DescribeUser(u, shape, expected: true));
        var users = fixture.Db.Users.Where(u => _users.Contains(u.Id) && u.Id != _users[1]);
        var actual = await Include(Arrange(users, paging, descending, u => u.Name, u => u.Id, after), shape).RelationLoadStrategy(strategy).ToListAsync();
        Assert.NotEmpty(actual);
        Assert.Equal(expected, actual.Select(u => DescribeUser(u, shape, expected: false)));
    }

    [Theory]
    [InlineData(LoadStrategy.Join)]
    [InlineData(LoadStrategy.Query)]
    public async Task Single_row_operators_keep_their_rules(LoadStrategy strategy)
    {
        var graph = await ExpectedGraphAsync();
        var four = graph.Single(u => u.Id == _users[4]);
        var mine = fixture.Db.Users.Where(u => _users.Contains(u.Id)).Include(u => u.Posts).ThenInclude(p => p.Comments).RelationLoadStrategy(strategy);
        var id = _users[4];

        Assert.Equal(DescribeUser(four, Shape.ThenInclude, true), DescribeUser(await mine.SingleAsync(u => u.Id == id), Shape.ThenInclude, false));
        Assert.Equal(DescribeUser(four, Shape.ThenInclude, true), DescribeUser(await mine.OrderBy(u => u.Id).FirstAsync(u => u.Id >= id), Shape.ThenInclude, false));
        Assert.Null(await mine.FirstOrDefaultAsync(u => u.Id == -1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => mine.SingleAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => mine.FirstAsync(u => u.Id == -1));
    }

    [Theory]
    [InlineData(LoadStrategy.Join)]
    [InlineData(LoadStrategy.Query)]
    public async Task Numbers_of_every_width_come_back_exactly(LoadStrategy strategy)
    {
        var ledger = await fixture.Db.Ledgers.CreateAsync(new() { Name = "rb-" + _tag });
        decimal?[] nullable = [null, 0.0000000001m, -79228162514264337593543950335m];
        for (var i = 0; i < 3; i++)
        {
            await fixture.Db.LedgerEntries.CreateAsync(new()
            {
                LedgerId = ledger.Id, Hits = int.MinValue + i, Total = long.MaxValue - i, Small = (short)(short.MinValue + i),
                Amount = 79228162514264337593543950335m - i, AmountN = nullable[i], Ratio = 1.0 / (i + 3),
            });
        }

        var expected = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT \"Id\", \"Hits\", \"Total\", \"Small\", \"Amount\", \"AmountN\", \"Ratio\" FROM \"LedgerEntry\" WHERE \"LedgerId\" = {ledger.Id}",
            r => $"{r.Get<int>("Id")}|{r.Get<int>("Hits")}|{r.Get<long>("Total")}|{r.Get<short>("Small")}|{r.Get<decimal>("Amount")}|{r.Value<decimal>("AmountN")}|{r.Get<double>("Ratio"):R}");
        var name = ledger.Name;
        var loaded = await fixture.Db.Ledgers.Where(l => l.Name == name).Include(l => l.Entries.OrderByDescending(e => e.Total)).RelationLoadStrategy(strategy).SingleAsync();
        Assert.Equal(expected.OrderByDescending(e => long.Parse(e.Split('|')[2])),
            loaded.Entries.Select(e => $"{e.Id}|{e.Hits}|{e.Total}|{e.Small}|{e.Amount}|{e.AmountN}|{e.Ratio:R}"));
    }

    [Fact]
    public async Task Query_strategy_takes_one_round_trip_for_three_levels()
    {
        using var counter = new RoundTripCounter(fixture.ConnectionString);
        var users = await fixture.Db.Users.Where(u => _users.Contains(u.Id)).OrderBy(u => u.Id).Skip(1).Take(4)
            .Include(u => u.Posts).ThenInclude(p => p.Comments).ThenInclude(c => c.Post).RelationLoadStrategy(LoadStrategy.Query).ToListAsync();

        Assert.Equal(1, counter.Count);
        var statements = counter.Statements[0].Split(";\n");
        Assert.Equal(["BEGIN ISOLATION LEVEL REPEATABLE READ", "COMMIT"], [statements[0], statements[^1]]);
        Assert.Equal(6, statements.Length);
        // Every level selects the page of users again, with its order, offset and limit.
        Assert.All(statements[2..5], s => Assert.Contains("ORDER BY \"t0\".\"Id\" LIMIT $2 OFFSET $3", s, StringComparison.Ordinal));
        var graph = await ExpectedGraphAsync();
        Assert.Equal(graph.OrderBy(u => u.Id).Skip(1).Take(4).Select(u => DescribeUser(u, Shape.Deep, true)), users.Select(u => DescribeUser(u, Shape.Deep, false)));
    }

    [Fact]
    public async Task Query_strategy_in_a_transaction_runs_in_it_in_one_round_trip()
    {
        var id = _users[4];
        var graph = await ExpectedGraphAsync();
        using var counter = new RoundTripCounter(fixture.ConnectionString);
        var user = await fixture.Db.TransactionAsync(async tx => await tx.Users.Where(u => u.Id == id)
            .Include(u => u.Posts).ThenInclude(p => p.Comments).RelationLoadStrategy(LoadStrategy.Query).SingleAsync());

        Assert.Equal(DescribeUser(graph.Single(u => u.Id == id), Shape.ThenInclude, true), DescribeUser(user, Shape.ThenInclude, false));
        // The batch (under a savepoint, so the transaction stays usable if it fails; the transaction's BEGIN travels with it), then COMMIT.
        Assert.True(counter.Count == 2, string.Join("\n----\n", counter.Statements));
        Assert.StartsWith("SAVEPOINT", counter.Statements[0], StringComparison.Ordinal);
        Assert.DoesNotContain("ISOLATION", counter.Statements[0], StringComparison.Ordinal);
        Assert.Equal("COMMIT", counter.Statements[1]);
    }

    /// <summary>
    /// A writer holds the comments table while the batch's users and posts statements run, deletes a post's comments and
    /// commits; only then can the comments statement start. One snapshot for the batch (REPEATABLE READ) still shows the
    /// comments that were there when its first statement ran; a snapshot per statement (READ COMMITTED) would show none.
    /// </summary>
    [Fact]
    public async Task Every_statement_of_the_batch_sees_the_snapshot_of_the_first()
    {
        var id = _users[4];
        var before = DescribeUser((await ExpectedGraphAsync()).Single(u => u.Id == id), Shape.ThenInclude, true);
        var postIds = await PlainRows.ReadAsync(fixture.ConnectionString, $"SELECT \"Id\" FROM \"Post\" WHERE \"AuthorId\" = {id}", r => r.Get<int>("Id"));
        // Comment texts ("u4p0c1") are what the description shows of them; the user's posts have some before the delete.
        Assert.Contains("c0", before, StringComparison.Ordinal);

        await using var writer = new NpgsqlConnection(fixture.ConnectionString);
        await writer.OpenAsync();
        await using var transaction = await writer.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE comments IN ACCESS EXCLUSIVE MODE", writer, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        // The batch's own client, named, so the watcher below sees its session and no other test's waiting on the table.
        var application = "snapshot-" + _tag;
        await using var db = new TestDb(new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { ApplicationName = application }.ConnectionString);
        var load = db.Users.Where(u => u.Id == id).Include(u => u.Posts).ThenInclude(p => p.Comments)
            .RelationLoadStrategy(LoadStrategy.Query).SingleAsync();

        // Wait until the batch waits for the table (its users and posts statements have run).
        await using var watcher = new NpgsqlConnection(fixture.ConnectionString);
        await watcher.OpenAsync();
        for (var waiting = 0L; waiting == 0;)
        {
            await using var probe = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock' AND query LIKE '%comments%'", watcher)
            {
                Parameters = { new() { Value = application } },
            };
            waiting = (long)(await probe.ExecuteScalarAsync())!;
            Assert.False(load.IsCompleted, "the load finished without waiting for the locked table");
            await Task.Delay(20);
        }

        await using (var delete = new NpgsqlCommand($"DELETE FROM comments WHERE post_id IN ({string.Join(",", postIds)})", writer, transaction))
        {
            Assert.True(await delete.ExecuteNonQueryAsync() > 0);
        }

        await transaction.CommitAsync();
        Assert.Equal(before, DescribeUser(await load, Shape.ThenInclude, false));
        // A load after the delete sees its posts without comments (the description's text could hold "c0" in an e-mail's
        // random tag, so the lists are checked themselves).
        var after = await fixture.Db.Users.Where(u => u.Id == id).Include(u => u.Posts).ThenInclude(p => p.Comments)
            .RelationLoadStrategy(LoadStrategy.Query).SingleAsync();
        Assert.Equal(postIds.Order(), after.Posts.Select(p => p.Id).Order());
        Assert.All(after.Posts, p => Assert.Empty(p.Comments));
    }

    [Fact]
    public async Task The_default_batches_collections_and_joins_to_one_rows()
    {
        var query = fixture.Db.Users.Where(u => u.Id == 1).OrderBy(u => u.Id).Take(5).Include(u => u.Posts).ThenInclude(p => p.Comments).Include(u => u.Profile);
        // The profile (to-one) rides in the users' statement (a LATERAL); posts and comments (collections) come in statements of their own.
        Assert.Equal(
            "SELECT \"t1\".\"Id\", \"t1\".\"Email\", \"t1\".\"Name\", \"t1\".\"Role\", \"t3\".\"value\" FROM (SELECT \"t0\".\"Id\", \"t0\".\"Email\", \"t0\".\"Name\", \"t0\".\"Role\" FROM "
            + "\"User\" AS \"t0\" WHERE \"t0\".\"Id\" = $1 ORDER BY \"t0\".\"Id\" LIMIT $2) AS \"t1\" LEFT JOIN LATERAL (SELECT json_build_array(\"t2\".\"Id\", \"t2\".\"Bio\", "
            + "\"t2\".\"Handle\", \"t2\".\"UserId\") AS \"value\" FROM \"Profile\" AS \"t2\" WHERE \"t2\".\"UserId\" = \"t1\".\"Id\") AS \"t3\" ON TRUE ORDER BY \"t1\".\"Id\";\n"
            + "SELECT \"t4\".\"Id\", \"t4\".\"Title\", \"t4\".\"Content\", \"t4\".\"Published\", \"t4\".\"AuthorId\", \"t4\".\"CreatedAt\" FROM \"Post\" AS \"t4\" WHERE "
            + "\"t4\".\"AuthorId\" = ANY(ARRAY(SELECT \"t1\".\"Id\" FROM (SELECT \"t0\".\"Id\", \"t0\".\"Email\", \"t0\".\"Name\", \"t0\".\"Role\" FROM \"User\" AS \"t0\" WHERE "
            + "\"t0\".\"Id\" = $1 ORDER BY \"t0\".\"Id\" LIMIT $2) AS \"t1\")) ORDER BY \"t4\".\"Id\";\n"
            + "SELECT \"t5\".\"Id\", \"t5\".\"Text\", \"t5\".\"post_id\", \"t5\".\"CreatedAt\" FROM \"comments\" AS \"t5\" WHERE \"t5\".\"post_id\" = ANY(ARRAY(SELECT \"t4\".\"Id\" "
            + "FROM \"Post\" AS \"t4\" WHERE \"t4\".\"AuthorId\" = ANY(ARRAY(SELECT \"t1\".\"Id\" FROM (SELECT \"t0\".\"Id\", \"t0\".\"Email\", \"t0\".\"Name\", \"t0\".\"Role\" FROM "
            + "\"User\" AS \"t0\" WHERE \"t0\".\"Id\" = $1 ORDER BY \"t0\".\"Id\" LIMIT $2) AS \"t1\")))) ORDER BY \"t5\".\"Id\"",
            query.ToSql());
    }

    [Fact]
    public async Task The_default_takes_one_statement_where_a_batch_cannot_go()
    {
        var graph = await ExpectedGraphAsync();
        var id = _users[4];
        var expected = DescribeUser(graph.Single(u => u.Id == id), Shape.ThenInclude, true);
        var query = fixture.Db.Users.Where(u => u.Id == id).Include(u => u.Posts).ThenInclude(p => p.Comments);

        using var counter = new RoundTripCounter(fixture.ConnectionString);
        // Streamed: rows go out as they come, so the relations ride in the rows' statement.
        var streamed = new List<User>();
        await foreach (var user in query.AsAsyncEnumerable())
        {
            streamed.Add(user);
        }

        Assert.Equal(expected, DescribeUser(Assert.Single(streamed), Shape.ThenInclude, false));
        Assert.Single(counter.Statements);
        Assert.Contains("LEFT JOIN LATERAL", counter.Statements[0], StringComparison.Ordinal);

        // A batch transaction's item is one statement.
        var (items, count) = await fixture.Db.TransactionAsync(Batch.ToList(query), Batch.Count(fixture.Db.Users.Where(u => u.Id == id)));
        Assert.Equal(1, count);
        Assert.Equal(expected, DescribeUser(Assert.Single(items), Shape.ThenInclude, false));

        // READ COMMITTED: each statement of a batch would see its own snapshot, so one statement; REPEATABLE READ: the batch.
        foreach (var (isolation, statements) in new[] { (System.Data.IsolationLevel.ReadCommitted, 1), (System.Data.IsolationLevel.RepeatableRead, 3) })
        {
            using var inTransaction = new RoundTripCounter(fixture.ConnectionString);
            var loaded = await fixture.Db.TransactionAsync(tx => tx.Users.Where(u => u.Id == id).Include(u => u.Posts).ThenInclude(p => p.Comments).SingleAsync(),
                new TransactionOptions { IsolationLevel = isolation });
            Assert.Equal(expected, DescribeUser(loaded, Shape.ThenInclude, false));
            var sent = inTransaction.Statements.Single(s => s.Contains("\"User\"", StringComparison.Ordinal));
            Assert.Equal(statements, sent.Split(";\n").Count(s => s.StartsWith("SELECT", StringComparison.Ordinal)));
        }
    }

    // ---- the query side ----

    // Skip/Take after an ordering on a column with ties and nulls (the key breaks ties), or a keyset cursor on the key.
    private static IQueryable<T> Arrange<T, TKey>(IQueryable<T> rows, Paging paging, bool descending, Expression<Func<T, TKey>> key,
        Expression<Func<T, int>> id, int? after)
    {
        if (paging == Paging.Cursor)
        {
            return (descending ? rows.OrderByDescending(id) : rows.OrderBy(id)).Cursor(id, after!.Value).Take(3);
        }

        var sorted = descending ? rows.OrderByDescending(key).ThenByDescending(id) : rows.OrderBy(key).ThenBy(id);
        return paging == Paging.SkipTake ? sorted.Skip(1).Take(3) : sorted;
    }

    private static IQueryable<User> Include(IQueryable<User> users, Shape shape) => shape switch
    {
        Shape.Include => users.Include(u => u.Posts),
        Shape.FilteredInclude => users.Include(u => u.Posts.Where(p => p.Title != "u4p1").OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Skip(1).Take(2)),
        Shape.ThenInclude => users.Include(u => u.Posts).ThenInclude(p => p.Comments),
        Shape.FilteredThenInclude => users.Include(u => u.Posts.OrderBy(p => p.Title).Take(2)).ThenInclude(p => p.Comments.Where(c => c.Text != "u4p0c1").OrderByDescending(c => c.Id).Take(2)),
        Shape.Deep => users.Include(u => u.Posts).ThenInclude(p => p.Comments).ThenInclude(c => c.Post),
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    // ---- the expected side: plain Npgsql rows, LINQ-to-Objects ----

    private static List<T> Arrange<T, TKey>(IEnumerable<T> rows, Paging paging, bool descending, Func<T, TKey> key, Func<T, int> id, out int? after)
    {
        after = null;
        if (paging == Paging.Cursor)
        {
            var byId = (descending ? rows.OrderByDescending(id) : rows.OrderBy(id)).ToList();
            after = id(byId[1]);
            return [.. byId.Skip(2).Take(3)];
        }

        // NULL sorts first ascending and last descending, as in LINQ (the provider writes NULLS FIRST/LAST for a nullable
        // key); the texts here sort the same in the collation and ordinally.
        var comparer = Comparer<TKey>.Create((a, b) => a is null ? (b is null ? 0 : -1) : b is null ? 1 : string.CompareOrdinal(a.ToString(), b.ToString()));
        var sorted = descending ? rows.OrderByDescending(key, comparer).ThenByDescending(id) : rows.OrderBy(key, comparer).ThenBy(id);
        return paging == Paging.SkipTake ? [.. sorted.Skip(1).Take(3)] : [.. sorted];
    }

    private async Task<List<User>> ExpectedGraphAsync()
    {
        var ids = string.Join(",", _users);
        var cs = fixture.ConnectionString;
        var users = await PlainRows.ReadAsync(cs, $"SELECT \"Id\", \"Email\", \"Name\" FROM \"User\" WHERE \"Id\" IN ({ids})",
            r => new User { Id = r.Get<int>("Id"), Email = r.Get<string>("Email"), Name = r.Ref<string>("Name") });
        var posts = await PlainRows.ReadAsync(cs, $"SELECT \"Id\", \"Title\", \"Content\", \"Published\", \"AuthorId\", \"CreatedAt\" FROM \"Post\" WHERE \"AuthorId\" IN ({ids})",
            r => new Post
            {
                Id = r.Get<int>("Id"), Title = r.Get<string>("Title"), Content = r.Ref<string>("Content"), Published = r.Get<bool>("Published"),
                AuthorId = r.Get<int>("AuthorId"), CreatedAt = r.Get<DateTime>("CreatedAt"),
            });
        var comments = await PlainRows.ReadAsync(cs,
            $"SELECT c.\"Id\", c.\"Text\", c.post_id, c.\"CreatedAt\" FROM comments c JOIN \"Post\" p ON p.\"Id\" = c.post_id WHERE p.\"AuthorId\" IN ({ids})",
            r => new Comment { Id = r.Get<int>("Id"), Text = r.Get<string>("Text"), PostId = r.Get<int>("post_id"), CreatedAt = r.Get<DateTime>("CreatedAt") });
        foreach (var post in posts)
        {
            post.Comments = [.. comments.Where(c => c.PostId == post.Id).OrderBy(c => c.Id)];
            post.Author = users.Single(u => u.Id == post.AuthorId);
        }

        foreach (var comment in comments)
        {
            comment.Post = posts.Single(p => p.Id == comment.PostId);
        }

        foreach (var user in users)
        {
            user.Posts = [.. posts.Where(p => p.AuthorId == user.Id).OrderBy(p => p.Id)];
        }

        return users;
    }

    // On the expected side the include's filter, order and page are computed here; on the loaded side they are already applied.
    private static string DescribeUser(User user, Shape shape, bool expected)
    {
        IEnumerable<Post> posts = (shape, expected) switch
        {
            (Shape.FilteredInclude, true) => user.Posts.Where(p => p.Title != "u4p1").OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Skip(1).Take(2),
            (Shape.FilteredThenInclude, true) => user.Posts.OrderBy(p => p.Title, StringComparer.Ordinal).Take(2),
            _ => user.Posts,
        };
        return $"{user.Id}|{user.Email}|{user.Name ?? "<null>"}[{string.Join(";", posts.Select(p => DescribePost(p, shape, expected)))}]";
    }

    private static string DescribePost(Post post, Shape shape, bool expected)
    {
        var text = $"{post.Id}|{post.Title}|{post.Content ?? "<null>"}|{post.Published}|{post.AuthorId}|{post.CreatedAt:O}|{post.CreatedAt.Kind}";
        IEnumerable<Comment> comments = (shape, expected) switch
        {
            (Shape.ThenInclude or Shape.Deep, _) or (Shape.FilteredThenInclude, false) => post.Comments,
            (Shape.FilteredThenInclude, true) => post.Comments.Where(c => c.Text != "u4p0c1").OrderByDescending(c => c.Id).Take(2),
            _ => [],
        };
        return text + "{" + string.Join(",", comments.Select(c =>
            $"{c.Id}|{c.Text}|{c.PostId}|{c.CreatedAt:O}|{c.CreatedAt.Kind}" + (shape == Shape.Deep ? $"^{c.Post!.Id}|{c.Post.Title}|{c.Post.CreatedAt:O}" : ""))) + "}";
    }

    private static string DescribePost(Post post, bool withAuthor) =>
        DescribePost(post, Shape.Include, expected: false) + (withAuthor ? $"@{post.Author!.Id}|{post.Author.Email}|{string.Join(",", post.Author.Posts.Select(p => p.Id))}" : "");
}

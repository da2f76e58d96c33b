using Blog;
using Blog.Model;
using Linq;
using Linq.LocalPostgres;
using Linq.RawSql;
using Npgsql;

// DATABASE_URL (URL or keyword form) if set; otherwise a throwaway local PostgreSQL that is removed on exit.
await using var server = await PostgresServer.StartAsync("DATABASE_URL");

// The sample works in a database of its own and drops it at the end, so a DATABASE_URL server keeps nothing of it.
// Where the role may not create databases, it uses the database DATABASE_URL names.
var database = "blog_sample_" + Guid.NewGuid().ToString("N")[..8];
string connectionString;
var created = true;
try
{
    connectionString = await server.CreateDatabaseAsync(database);
}
catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
{
    created = false;
    connectionString = server.ConnectionString;
    database = new NpgsqlConnectionStringBuilder(connectionString).Database ?? "(default)";
}

Console.WriteLine($"PostgreSQL: {server.Source}, database {database}");

try
{
    // The schema comes from the migrations in samples/Blog/migrations (written by 'linq migrate dev', embedded in
    // this program by Blog.csproj), applied under the same lock and history table as 'linq migrate deploy'.
    await using var db = new BlogDb(new LinqDatabaseOptions { MigrationsAssembly = typeof(PostSummary).Assembly }.UseNpgsql(connectionString));
    var deployed = await db.Migrations.DeployAsync();
    Console.WriteLine(deployed.Applied.Count == 0
        ? "Migrations: up to date"
        : $"Migrations applied: {string.Join(", ", deployed.Applied)}");

    var alice = await db.Users.CreateAsync(new() { Email = "alice@prisma.io", Name = "Alice" });
    var bob = await db.Users.CreateAsync(new() { Email = "bob@prisma.io", Role = Role.Admin });
    await db.Posts.CreateAsync(new() { Title = "Hello World", AuthorId = alice.Id, Published = true });
    await db.Posts.CreateAsync(new() { Title = "Draft", AuthorId = alice.Id });
    await db.Accounts.CreateAsync(new() { Email = "alice@prisma.io", Balance = 100.50m });

    Console.WriteLine("Users:");
    foreach (var user in await db.Users.OrderBy(u => u.Id).ToListAsync())
    {
        Console.WriteLine($"  #{user.Id} {user.Email} name={user.Name ?? "(null)"} role={user.Role}");
    }

    var email = "alice@prisma.io";
    var found = await db.Users.Where(u => u.Email == email).ToListAsync();
    Console.WriteLine($"Where(u => u.Email == \"{email}\"): {found.Count} row(s), id {found[0].Id}");

    var published = await db.Posts.Where(p => p.Published && p.AuthorId == alice.Id)
        .Select(p => new { p.Id, p.Title, p.CreatedAt }).ToListAsync();
    foreach (var post in published)
    {
        Console.WriteLine($"  published post #{post.Id} '{post.Title}' at {post.CreatedAt:O}");
    }

    Console.WriteLine($"Posts: {await db.Posts.CountAsync()}, admins: {await db.Users.CountAsync(u => u.Role == Role.Admin)}, bob id {bob.Id}");

    // Relations in one statement.
    await db.Comments.CreateAsync(new() { Text = "Nice!", PostId = published[0].Id });
    foreach (var user in await db.Users.OrderBy(u => u.Id).Include(u => u.Posts).ThenInclude(p => p.Comments).ToListAsync())
    {
        Console.WriteLine($"  {user.Email}: {string.Join(", ", user.Posts.Select(p => $"'{p.Title}' ({p.Comments.Count} comments)"))}");
    }

    // Keyset paging.
    var page = await db.Posts.OrderByDescending(p => p.CreatedAt).ToPageAsync(1);
    Console.WriteLine($"First page: {page.Items[0].Title}, more: {page.HasMore}");

    // Atomic updates and upserts.
    var account = await db.Accounts.UpdateAsync(a => a.Email == "alice@prisma.io", new() { Balance = Op.Decrement(0.50m) });
    Console.WriteLine($"Alice's balance: {account.Balance}");
    var viola = await db.Users.UpsertAsync(u => u.Email == "viola@prisma.io",
        create: new() { Email = "viola@prisma.io", Name = "Viola" }, update: new() { Name = "Viola v2" });
    Console.WriteLine($"Upserted #{viola.Id} {viola.Name}");

    // Idempotent handling of a message delivered twice: its id is a unique key.
    var messageId = "payment-42@prisma.io";
    async Task<Account> HandleAsync()
    {
        try
        {
            return await db.Accounts.CreateAsync(new() { Email = messageId, Balance = 42 });
        }
        catch (UniqueConstraintViolationException)
        {
            return (await db.Accounts.FindUniqueAsync(a => a.Email == messageId))!;
        }
    }

    var first = await HandleAsync();
    var again = await HandleAsync();
    Console.WriteLine($"Delivered twice, stored once: {first.Id == again.Id} ({await db.Accounts.CountAsync(a => a.Email == messageId)} row)");

    // The same idea as a typed result: Match needs a handler per case, so a forgotten case does not compile.
    var outcome = await db.Accounts.CreateAsync(new() { Email = messageId, Balance = 42 }).AsResult();
    Console.WriteLine(outcome.Match(
        ok: a => $"created #{a.Id}",
        uniqueViolation: v => $"already there ({string.Join(", ", v.Fields)})",
        foreignKeyViolation: _ => "no such parent",
        notFound: _ => "gone",
        concurrencyConflict: _ => "changed meanwhile"));

    // Extensions: a client of the same type with a global filter and an interceptor; db itself is unchanged.
    var statements = 0;
    var live = db.WithExtensions(x => x
        .Filter<Post>(p => p.Published)
        .Intercept(async (context, next) =>
        {
            statements++;
            return await next();
        }));
    var drafts = (await db.Posts.ToListAsync()).Count(p => p.IsDraft);
    Console.WriteLine($"Published posts: {await live.Posts.CountAsync()} of {await db.Posts.CountAsync()} ({drafts} drafts), {statements} intercepted");

    // Raw SQL: every hole is a parameter; fragments and identifiers compose; rows map by column name.
    var onlyPublished = true;
    var publishedOnly = onlyPublished ? Sql.Fragment($"AND p.\"Published\" = {true}") : Sql.Empty;
    var summaries = await db.QueryRawAsync<PostSummary>($"""
        SELECT p."Id" AS id, p."Title" AS title, u."Email" AS author_email, count(c."Id") AS comment_count
        FROM "Post" p JOIN "User" u ON u."Id" = p."AuthorId" LEFT JOIN comments c ON c.post_id = p."Id"
        WHERE u."Email" = {"alice@prisma.io"} {publishedOnly}
        GROUP BY p."Id", u."Email" ORDER BY p."Id"
        """);
    Console.WriteLine($"Raw SQL: {string.Join(", ", summaries.Select(s => $"'{s.Title}' by {s.AuthorEmail} ({s.CommentCount} comments)"))}");
    var renamed = await db.ExecuteRawAsync($"UPDATE {Sql.Identifier("User")} SET \"Name\" = {"Bob"} WHERE \"Id\" IN ({Sql.Join([bob.Id])})");
    Console.WriteLine($"Raw update: {renamed} row, Bob is {(await db.QueryRawAsync<string>($"SELECT \"Name\" FROM \"User\" WHERE \"Id\" = {bob.Id}"))[0]}");

    // Nested create: the user, their profile, posts and comments in one statement (one round trip).
    var vlad = await db.Users.CreateAsync(new()
    {
        Email = "vlad@prisma.io",
        Profile = new() { Create = new() { Bio = "Hi, I'm Vlad", Handle = "vlad" } },
        Posts = new()
        {
            Create = [new() { Title = "Nested", Comments = new() { Create = [new() { Text = "First!" }, new() { Text = "Second" }] } }],
            Connect = [p => p.Id == published[0].Id], // moves Alice's published post to Vlad
        },
    }, q => q.Include(u => u.Posts).ThenInclude(p => p.Comments));
    Console.WriteLine($"Vlad: {string.Join(", ", vlad.Posts.Select(p => $"'{p.Title}' ({p.Comments.Count} comments)"))}");

    // Nested update: the children's writes and the parent's update in one batch, one transaction.
    await db.Users.UpdateAsync(u => u.Email == "vlad@prisma.io", new()
    {
        Name = "Vlad",
        Posts = new() { UpdateMany = [new() { Where = p => p.Title == "Nested", Data = new() { Published = true } }] },
    });

    // Interactive transaction: a transfer that rolls back when the balance would go negative.
    await db.Accounts.CreateAsync(new() { Email = "bob@prisma.io", Balance = 10 });
    async Task TransferAsync(decimal amount) => await db.TransactionAsync(async tx =>
    {
        var from = await tx.Accounts.UpdateAsync(a => a.Email == "alice@prisma.io", new() { Balance = Op.Decrement(amount) });
        if (from.Balance < 0)
        {
            throw new InvalidOperationException($"Alice cannot send {amount}: the transfer is rolled back.");
        }

        await tx.Accounts.UpdateAsync(a => a.Email == "bob@prisma.io", new() { Balance = Op.Increment(amount) });
    }, new TransactionOptions { IsolationLevel = System.Data.IsolationLevel.Serializable, MaxRetries = 3 });

    await TransferAsync(30);
    try
    {
        await TransferAsync(1000);
    }
    catch (InvalidOperationException error)
    {
        Console.WriteLine(error.Message);
    }

    // Batch transaction: a list and a count, atomically, in one round trip.
    var (accounts, total) = await db.TransactionAsync(Batch.ToList(db.Accounts.OrderBy(a => a.Email)), Batch.Count(db.Accounts));
    Console.WriteLine($"{total} accounts: {string.Join(", ", accounts.Select(a => $"{a.Email}={a.Balance}"))}");
}
finally
{
    if (created)
    {
        NpgsqlConnection.ClearAllPools();
        await server.DropDatabaseAsync(database);
    }
}

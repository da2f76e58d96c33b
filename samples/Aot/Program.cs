using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using AotSample;
using Blog.Model;
using Linq;
using Linq.RawSql;

// The guide's queries and writes, published with NativeAOT and checked: every result is compared with what it must be,
// and the exit code is non-zero (with the mismatches on stderr) when anything differs. DATABASE_URL (URL or keyword form)
// names an empty database; the schema is pushed into it. Prints the first query's latency and the mean of cached
// find-by-key executions, so the NativeAOT build can be compared with `dotnet run -c Release` (JIT).
var url = Environment.GetEnvironmentVariable("DATABASE_URL");
if (string.IsNullOrWhiteSpace(url))
{
    Console.Error.WriteLine("aot: set DATABASE_URL to an empty PostgreSQL database (postgresql://user:pass@host:port/db or Npgsql keyword form).");
    return 2;
}

var iterations = args is ["--iterations", var n] && int.TryParse(n, out var parsed) ? parsed : 2000;
var checks = new Checks();
// A NativeAOT program has no IL assembly beside it. Run on the JIT with this project's PublishAot, the runtime config turns
// dynamic code off as NativeAOT would (shapers are interpreted); a build with -p:PublishAot=false compiles them.
var runtime = File.Exists(Path.Combine(AppContext.BaseDirectory, "Aot.dll"))
    ? "JIT, dynamic code " + (RuntimeFeature.IsDynamicCodeSupported ? "on" : "off")
    : "NativeAOT";
Console.WriteLine($"aot: {runtime}, {Environment.ProcessorCount} cores");

try
{
    await Sample.RunAsync(url, iterations, checks);
    await ShipmentSample.RunAsync(url, checks);
}
catch (Exception error)
{
    checks.Fail("unexpected " + error);
}

return checks.Report();

namespace AotSample
{
    /// <summary>The guide's operations, each result checked.</summary>
    internal static class Sample
    {
        [UnconditionalSuppressMessage("Trimming", "IL2026:RequiresUnreferencedCode",
            Justification = "The C# compiler builds the expression trees of anonymous types and object initializers with Expression.New(ConstructorInfo, "
                + "arguments, members) and Expression.Bind(MethodInfo, …), which trimming flags because they find properties from their accessors. "
                + "The members are those of the types constructed here, which the trees' own tokens keep; every such projection is checked below.")]
        public static async Task RunAsync(string url, int iterations, Checks checks)
        {
            await using var db = new BlogDb(url);
            await db.Schema.PushAsync();

            var alice = await db.Users.CreateAsync(new() { Email = "alice@prisma.io", Name = "Alice" });
            var bob = await db.Users.CreateAsync(new() { Email = "bob@prisma.io", Role = Role.Admin });
            checks.Equal(Role.User, alice.Role, "default enum from RETURNING");
            checks.True(alice.Id > 0 && bob.Id > alice.Id, "identity keys from RETURNING");
            var hello = await db.Posts.CreateAsync(new() { Title = "Hello World", AuthorId = alice.Id, Published = true });
            var draft = await db.Posts.CreateAsync(new() { Title = "Draft", AuthorId = alice.Id });
            await db.Comments.CreateAsync(new() { Text = "Nice!", PostId = hello.Id });
            await db.Comments.CreateAsync(new() { Text = "Agreed", PostId = hello.Id });
            await db.Accounts.CreateAsync(new() { Email = "alice@prisma.io", Balance = 100.50m });
            checks.True(hello.CreatedAt.Kind == DateTimeKind.Utc && hello.CreatedAt > DateTime.UtcNow.AddHours(-1), "DefaultNow timestamp");

            // The first LINQ query of the process: re-linq parse, translation, shaper build, execution.
            var email = "alice@prisma.io";
            var clock = Stopwatch.StartNew();
            var found = await db.Users.Where(u => u.Email == email).ToListAsync();
            var firstQuery = clock.Elapsed;
            checks.Equal(1, found.Count, "filter by a captured value");
            checks.Equal(alice.Id, found[0].Id, "filter by a captured value: the row");

            // Filters.
            var ids = new List<int> { alice.Id, bob.Id };
            checks.Equal(2, (await db.Users.Where(u => ids.Contains(u.Id)).ToListAsync()).Count, "Contains over a captured list");
            checks.Equal(new[] { "bob@prisma.io" }, (await db.Users.Where(u => u.Role == Role.Admin).Select(u => u.Email).ToListAsync()).ToArray(), "enum filter");
            checks.Equal(new[] { "alice@prisma.io", "bob@prisma.io" },
                (await db.Users.Where(u => u.Email.EndsWith("@prisma.io")).OrderBy(u => u.Email).Select(u => u.Email).ToListAsync()).ToArray(), "EndsWith");
            checks.Equal(new[] { bob.Id }, (await db.Users.Where(u => u.Name == null).Select(u => u.Id).ToListAsync()).ToArray(), "IS NULL");
            var roles = new[] { Role.Admin };
            checks.Equal(1, (await db.Users.Where(u => roles.Contains(u.Role)).ToListAsync()).Count, "Contains over an enum array");

            // Projections.
            var published = await db.Posts.Where(p => p.Published && p.AuthorId == alice.Id).Select(p => new { p.Id, p.Title, p.CreatedAt }).ToListAsync();
            checks.Equal(1, published.Count, "anonymous projection: rows");
            checks.Equal("Hello World", published[0].Title, "anonymous projection: title");
            checks.Equal(hello.CreatedAt, published[0].CreatedAt, "anonymous projection: timestamp");
            var people = await db.Users.OrderBy(u => u.Id).Select(u => new { u.Email, u.Name, u.Role, Upper = u.Email.ToUpper() }).ToListAsync();
            checks.Equal("Alice|User|ALICE@PRISMA.IO;(null)|Admin|BOB@PRISMA.IO",
                string.Join(";", people.Select(p => $"{p.Name ?? "(null)"}|{p.Role}|{p.Upper}")), "projection with enum, null and a SQL function");
            var dto = await db.Accounts.Select(a => new AccountView { Email = a.Email, Balance = a.Balance }).SingleAsync();
            checks.Equal(100.50m, dto.Balance, "projection into a class");
            var byRole = await db.Users.GroupBy(u => u.Role).Select(g => new { Role = g.Key, Count = g.Count() }).OrderBy(g => g.Role).ToListAsync();
            checks.Equal("User=1,Admin=1", string.Join(",", byRole.Select(g => $"{g.Role}={g.Count}")), "GroupBy with count");

            // Counts and other aggregates.
            checks.Equal(2, await db.Posts.CountAsync(), "CountAsync");
            checks.Equal(1, await db.Users.CountAsync(u => u.Role == Role.Admin), "CountAsync with a predicate");
            checks.Equal(2L, await db.Comments.LongCountAsync(), "LongCountAsync");
            checks.True(await db.Posts.AnyAsync(p => p.Title == "Draft"), "AnyAsync");
            checks.True(!await db.Posts.AllAsync(p => p.Published), "AllAsync");
            checks.Equal(hello.Id + draft.Id, await db.Posts.SumAsync(p => p.Id), "SumAsync");
            checks.Equal(draft.Id, await db.Posts.MaxAsync(p => p.Id), "MaxAsync");

            // Relations: Include/ThenInclude in one statement, and with LoadStrategy.Query.
            var tree = await db.Users.OrderBy(u => u.Id).Include(u => u.Posts).ThenInclude(p => p.Comments).ToListAsync();
            checks.Equal("alice@prisma.io:Hello World(2),Draft(0);bob@prisma.io:",
                string.Join(";", tree.Select(u => u.Email + ":" + string.Join(",", u.Posts.Select(p => $"{p.Title}({p.Comments.Count})")))), "Include/ThenInclude");
            var withAuthor = await db.Posts.OrderBy(p => p.Id).Include(p => p.Author).ToListAsync();
            checks.Equal("alice@prisma.io,alice@prisma.io", string.Join(",", withAuthor.Select(p => p.Author?.Email)), "Include of a to-one relation");
            var filtered = await db.Users.Where(u => u.Id == alice.Id).Include(u => u.Posts.Where(p => p.Published)).SingleAsync();
            checks.Equal("Hello World", string.Join(",", filtered.Posts.Select(p => p.Title)), "filtered Include");
            var separate = await db.Users.OrderBy(u => u.Id).Include(u => u.Posts, LoadStrategy.Query).ThenInclude(p => p.Comments).ToListAsync();
            checks.Equal("2,0", string.Join(",", separate.Select(u => u.Posts.Count)), "Include with LoadStrategy.Query");
            checks.Equal(2, separate[0].Posts.Single(p => p.Id == hello.Id).Comments.Count, "ThenInclude with LoadStrategy.Query");

            // Nested selects: related rows projected inside the row's projection.
            var nested = await db.Users.OrderBy(u => u.Id).Select(u => new
            {
                u.Email,
                Titles = u.Posts.OrderBy(p => p.Id).Select(p => p.Title).ToList(),
                Posts = u.Posts.OrderBy(p => p.Id).Select(p => new { p.Title, Comments = p.Comments.Count() }).ToList(),
                PostCount = u.Posts.Count(),
                u.Profile,
            }).ToListAsync();
            checks.Equal("alice@prisma.io:Hello World|Draft:2:Hello World=2,Draft=0;bob@prisma.io::0:",
                string.Join(";", nested.Select(u => $"{u.Email}:{string.Join("|", u.Titles)}:{u.PostCount}:{string.Join(",", u.Posts.Select(p => $"{p.Title}={p.Comments}"))}")),
                "nested Select");
            checks.True(nested.All(u => u.Profile is null), "nested to-one row (absent)");
            // The lists of anonymous elements are the query's own List<X>/X[] (no generic type made at run time); paging,
            // Distinct, First and an aggregate over a page inside the projection.
            var shaped = await db.Users.OrderBy(u => u.Id).Select(u => new
            {
                Latest = u.Posts.OrderByDescending(p => p.Id).Take(1).Select(p => new { p.Title, p.Published }).ToArray(),
                Words = u.Posts.Select(p => new { Word = p.Title.Substring(0, 5) }).Distinct().ToList(),
                First = u.Posts.OrderBy(p => p.Id).Select(p => new { p.Title }).FirstOrDefault(),
                Sum = u.Posts.OrderBy(p => p.Id).Take(1).Sum(p => p.Comments.Count()),
            }).ToListAsync();
            checks.Equal("Draft/False|Hello,Draft|Hello World|2;||-|0",
                string.Join(";", shaped.Select(u => $"{string.Join(",", u.Latest.Select(p => $"{p.Title}/{p.Published}"))}|{string.Join(",", u.Words.Select(w => w.Word))}|{u.First?.Title ?? "-"}|{u.Sum}")),
                "nested Select: paged array, distinct list, first and sum of anonymous elements");

            // Keyset paging.
            var page = await db.Posts.OrderByDescending(p => p.CreatedAt).ToPageAsync(1);
            checks.Equal("Draft", page.Items[0].Title, "ToPageAsync: first page");
            checks.True(page.HasMore && page.NextCursor is not null, "ToPageAsync: more pages");
            var next = await db.Posts.OrderByDescending(p => p.CreatedAt).ToPageAsync(1, page.NextCursor);
            checks.Equal("Hello World", next.Items[0].Title, "ToPageAsync: second page");
            checks.True(!next.HasMore, "ToPageAsync: last page");
            var after = await db.Posts.OrderBy(p => p.Id).Cursor(p => p.Id, hello.Id).Take(10).Select(p => p.Title).ToListAsync();
            checks.Equal(new[] { "Draft" }, after.ToArray(), "Cursor");

            // Nested create: user, profile, posts and comments in one statement, read back with its relations.
            var vlad = await db.Users.CreateAsync(new()
            {
                Email = "vlad@prisma.io",
                Profile = new() { Create = new() { Bio = "Hi, I'm Vlad" } },
                Posts = new()
                {
                    Create = [new() { Title = "Nested", Comments = new() { Create = [new() { Text = "First!" }, new() { Text = "Second" }] } }],
                    Connect = [p => p.Id == hello.Id],
                },
            }, q => q.Include(u => u.Posts).ThenInclude(p => p.Comments).Include(u => u.Profile));
            checks.Equal("Hello World(2),Nested(2)", string.Join(",", vlad.Posts.OrderBy(p => p.Id).Select(p => $"{p.Title}({p.Comments.Count})")), "nested create");
            checks.Equal("Hi, I'm Vlad", vlad.Profile?.Bio, "nested create: one-to-one");

            // Updates and upserts.
            var account = await db.Accounts.UpdateAsync(a => a.Email == "alice@prisma.io", new() { Balance = Op.Decrement(0.50m) });
            checks.Equal(100m, account.Balance, "atomic decrement");
            var viola = await db.Users.UpsertAsync(u => u.Email == "viola@prisma.io",
                create: new() { Email = "viola@prisma.io", Name = "Viola" }, update: new() { Name = "Viola v2" });
            checks.Equal("Viola", viola.Name, "upsert: create");
            var viola2 = await db.Users.UpsertAsync(u => u.Email == "viola@prisma.io",
                create: new() { Email = "viola@prisma.io", Name = "Viola" }, update: new() { Name = "Viola v2" });
            checks.Equal((viola.Id, "Viola v2"), (viola2.Id, viola2.Name), "upsert: update");
            var updated = await db.Users.UpdateAsync(u => u.Email == "vlad@prisma.io", new()
            {
                Name = "Vlad",
                Posts = new() { UpdateMany = [new() { Where = p => p.Title == "Nested", Data = new() { Published = true } }] },
            });
            checks.Equal("Vlad", updated.Name, "nested update");
            checks.Equal(1, await db.Posts.CountAsync(p => p.Title == "Nested" && p.Published), "nested update: children");
            try
            {
                await db.Users.CreateAsync(new() { Email = "alice@prisma.io" });
                checks.Fail("duplicate email: no error");
            }
            catch (UniqueConstraintViolationException error)
            {
                checks.Equal("Email", string.Join(",", error.Fields), "UniqueConstraintViolationException fields");
            }

            // Interactive transaction: a transfer that rolls back when the balance would go negative.
            await db.Accounts.CreateAsync(new() { Email = "bob@prisma.io", Balance = 10 });
            async Task TransferAsync(decimal amount) => await db.TransactionAsync(async tx =>
            {
                var from = await tx.Accounts.UpdateAsync(a => a.Email == "alice@prisma.io", new() { Balance = Op.Decrement(amount) });
                if (from.Balance < 0)
                {
                    throw new InvalidOperationException("rolled back");
                }

                await tx.Accounts.UpdateAsync(a => a.Email == "bob@prisma.io", new() { Balance = Op.Increment(amount) });
            }, new TransactionOptions { IsolationLevel = System.Data.IsolationLevel.Serializable, MaxRetries = 3 });

            await TransferAsync(30);
            try
            {
                await TransferAsync(1000);
                checks.Fail("overdraft: no rollback");
            }
            catch (InvalidOperationException error) when (error.Message == "rolled back")
            {
            }

            // Batch transaction: a list and a count, atomically, in one round trip.
            var (accounts, total) = await db.TransactionAsync(Batch.ToList(db.Accounts.OrderBy(a => a.Email)), Batch.Count(db.Accounts));
            checks.Equal(2, total, "batch: count");
            checks.Equal("alice@prisma.io=70,bob@prisma.io=40", string.Join(",", accounts.Select(a => $"{a.Email}={a.Balance:0.##}")), "batch: rows after commit and rollback");

            // Raw SQL: holes are parameters, fragments compose, rows map by column name.
            var publishedOnly = Sql.Fragment($"AND p.\"Published\" = {true}");
            var summaries = await db.QueryRawAsync<PostSummary>($"""
                SELECT p."Id" AS id, p."Title" AS title, u."Email" AS author_email, count(c."Id") AS comment_count
                FROM "Post" p JOIN "User" u ON u."Id" = p."AuthorId" LEFT JOIN comments c ON c.post_id = p."Id"
                WHERE u."Email" = {"vlad@prisma.io"} {publishedOnly}
                GROUP BY p."Id", u."Email" ORDER BY p."Id"
                """);
            checks.Equal("Hello World:2,Nested:2", string.Join(",", summaries.Select(s => $"{s.Title}:{s.CommentCount}")), "raw SQL into a [SqlResult] record");
            var renamed = await db.ExecuteRawAsync($"UPDATE {Sql.Identifier("User")} SET \"Name\" = {"Bob"} WHERE \"Id\" IN ({Sql.Join([bob.Id])})");
            checks.Equal(1, renamed, "raw update");
            checks.Equal(new[] { "Bob" }, (await db.QueryRawAsync<string>($"SELECT \"Name\" FROM \"User\" WHERE \"Id\" = {bob.Id}")).ToArray(), "raw scalar");
            var rawUsers = await db.QueryRawAsync<User>($"SELECT * FROM \"User\" WHERE \"Role\" = {Role.Admin}");
            checks.Equal("bob@prisma.io", rawUsers.Single().Email, "raw SQL into a model with an enum parameter");

            // Timings: find-by-key, first execution (its plan is new) and the mean of cached executions.
            clock.Restart();
            var key = bob.Id;
            var byKey = await db.Users.FindUniqueAsync(u => u.Id == key);
            var firstFind = clock.Elapsed;
            checks.Equal("bob@prisma.io", byKey?.Email, "FindUniqueAsync");
            for (var i = 0; i < Math.Min(iterations, 200); i++)
            {
                key = i % 2 == 0 ? alice.Id : bob.Id;
                await db.Users.FindUniqueAsync(u => u.Id == key);
            }

            clock.Restart();
            for (var i = 0; i < iterations; i++)
            {
                key = i % 2 == 0 ? alice.Id : bob.Id;
                var user = await db.Users.FindUniqueAsync(u => u.Id == key);
                if (user?.Id != key)
                {
                    checks.Fail($"cached FindUniqueAsync #{i}: expected id {key}, got {user?.Id}");
                    break;
                }
            }

            var cached = clock.Elapsed;
            Console.WriteLine($"aot: first query {firstQuery.TotalMilliseconds:0.0} ms, first find-by-key {firstFind.TotalMilliseconds:0.00} ms, "
                + $"cached find-by-key mean {cached.TotalMicroseconds / iterations:0.0} µs over {iterations}");
        }
    }

    /// <summary>A row of a hand-written query: the generator writes its reader (columns matched by name).</summary>
    [SqlResult]
    internal sealed record PostSummary(int Id, string Title, string AuthorEmail, long CommentCount);

    /// <summary>A projection target of the sample's own.</summary>
    internal sealed class AccountView
    {
        public required string Email { get; init; }

        public decimal Balance { get; init; }
    }

    /// <summary>Collects mismatches; the process exits with 1 when there is any.</summary>
    internal sealed class Checks
    {
        private readonly List<string> _failures = [];
        private int _passed;

        public void True(bool condition, string what)
        {
            if (condition)
            {
                _passed++;
            }
            else
            {
                Fail(what);
            }
        }

        public void Equal<T>(T expected, T actual, string what) =>
            True(EqualityComparer<T>.Default.Equals(expected, actual), $"{what}: expected {expected}, got {actual}");

        public void Equal<T>(T[] expected, T[] actual, string what) =>
            True(expected.SequenceEqual(actual), $"{what}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");

        public void Fail(string what) => _failures.Add(what);

        public int Report()
        {
            foreach (var failure in _failures)
            {
                Console.Error.WriteLine("aot: FAILED " + failure);
            }

            Console.WriteLine($"aot: {_passed} checks passed, {_failures.Count} failed");
            return _failures.Count == 0 ? 0 : 1;
        }
    }
}

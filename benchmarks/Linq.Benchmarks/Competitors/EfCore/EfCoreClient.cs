namespace Linq.Benchmarks.Competitors.EfCore;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql.NameTranslation;

/// <summary>
/// EF Core 10 with the Npgsql provider, written as EF's performance guidance recommends: a pooled context per unit
/// of work (<see cref="PooledDbContextFactory{TContext}"/>), <c>AsNoTracking</c> for read-only queries, projections
/// for partial rows, <c>EF.CompileAsyncQuery</c> as the variant for hot queries, <c>AsSplitQuery</c> as the
/// variant for collection includes, <c>ExecuteUpdateAsync</c> for set-based updates, and change tracking plus
/// <c>SaveChangesAsync</c> (batched) for inserts.
/// </summary>
public sealed class EfCoreClient
{
    private static readonly Func<BenchEfContext, string, Task<User?>> FindUserByEmailCompiled =
        EF.CompileAsyncQuery((BenchEfContext db, string email) => db.Users.AsNoTracking().FirstOrDefault(u => u.Email == email));

    private static readonly Func<BenchEfContext, string, int, int, IAsyncEnumerable<UserSummary>> FilterPageCompiled =
        EF.CompileAsyncQuery((BenchEfContext db, string prefix, int skip, int take) =>
            db.Users.AsNoTracking()
                .Where(u => u.Email.StartsWith(prefix))
                .OrderBy(u => u.Id)
                .Skip(skip)
                .Take(take)
                .Select(u => new UserSummary { Id = u.Id, Email = u.Email, Name = u.Name }));

    private static readonly Func<BenchEfContext, int, int, IAsyncEnumerable<Post>> PostsAfterCursorCompiled =
        EF.CompileAsyncQuery((BenchEfContext db, int lastId, int take) =>
            db.Posts.AsNoTracking().Where(p => p.Id > lastId).OrderBy(p => p.Id).Take(take));

    private static readonly Func<BenchEfContext, int, int, IAsyncEnumerable<Post>> PostsAtOffsetCompiled =
        EF.CompileAsyncQuery((BenchEfContext db, int offset, int take) =>
            db.Posts.AsNoTracking().OrderBy(p => p.Id).Skip(offset).Take(take));

    private readonly PooledDbContextFactory<BenchEfContext> _factory;

    /// <param name="connectionString">The seeded database.</param>
    /// <param name="interceptor">Sees every command (the fairness report captures the SQL with it); none in the benchmarks.</param>
    public EfCoreClient(string connectionString, Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor? interceptor = null)
    {
        var builder = Configure(new DbContextOptionsBuilder<BenchEfContext>(), connectionString);
        _factory = new PooledDbContextFactory<BenchEfContext>((interceptor is null ? builder : builder.AddInterceptors(interceptor)).Options);
    }

    /// <summary>The provider configuration (also used by the translation benchmark).</summary>
    public static DbContextOptionsBuilder<BenchEfContext> Configure(DbContextOptionsBuilder<BenchEfContext> builder, string connectionString) =>
        builder.UseNpgsql(connectionString, npgsql => npgsql.MapEnum<Role>("Role", nameTranslator: new NpgsqlNullNameTranslator()));

    // ---- reads ----

    public async Task<User?> FindUserByEmailAsync(string email)
    {
        await using var db = _factory.CreateDbContext();
        return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == email);
    }

    public async Task<User?> FindUserByEmailCompiledAsync(string email)
    {
        await using var db = _factory.CreateDbContext();
        return await FindUserByEmailCompiled(db, email);
    }

    public async Task<List<UserSummary>> FilterPageAsync(string prefix, int skip, int take)
    {
        await using var db = _factory.CreateDbContext();
        return await db.Users.AsNoTracking()
            .Where(u => u.Email.StartsWith(prefix))
            .OrderBy(u => u.Id)
            .Skip(skip)
            .Take(take)
            .Select(u => new UserSummary { Id = u.Id, Email = u.Email, Name = u.Name })
            .ToListAsync();
    }

    public async Task<List<UserSummary>> FilterPageCompiledAsync(string prefix, int skip, int take)
    {
        await using var db = _factory.CreateDbContext();
        return await CollectAsync(FilterPageCompiled(db, prefix, skip, take), take);
    }

    public async Task<List<User>> UsersWithPostsAsync(int take, bool splitQuery)
    {
        await using var db = _factory.CreateDbContext();
        var query = db.Users.AsNoTracking().OrderBy(u => u.Id).Take(take).Include(u => u.Posts);
        return await (splitQuery ? query.AsSplitQuery() : query).ToListAsync();
    }

    public async Task<List<User>> UsersWithPostsAndCommentsAsync(int take, bool splitQuery)
    {
        await using var db = _factory.CreateDbContext();
        var query = db.Users.AsNoTracking().OrderBy(u => u.Id).Take(take).Include(u => u.Posts).ThenInclude(p => p.Comments);
        return await (splitQuery ? query.AsSplitQuery() : query).ToListAsync();
    }

    public async Task<List<UserTitles>> UserPostTitlesAsync(int take)
    {
        await using var db = _factory.CreateDbContext();
        return await db.Users
            .OrderBy(u => u.Id)
            .Take(take)
            .Select(u => new UserTitles { Name = u.Name, Titles = u.Posts.OrderBy(p => p.Id).Select(p => p.Title).ToList() })
            .ToListAsync();
    }

    /// <summary>Keyset pagination as EF's documentation shows it: filter past the last key, order, take.</summary>
    public async Task<List<Post>> PostsAfterCursorAsync(int lastId, int take)
    {
        await using var db = _factory.CreateDbContext();
        return await db.Posts.AsNoTracking().Where(p => p.Id > lastId).OrderBy(p => p.Id).Take(take).ToListAsync();
    }

    public async Task<List<Post>> PostsAfterCursorCompiledAsync(int lastId, int take)
    {
        await using var db = _factory.CreateDbContext();
        return await CollectAsync(PostsAfterCursorCompiled(db, lastId, take), take);
    }

    public async Task<List<Post>> PostsAtOffsetAsync(int offset, int take)
    {
        await using var db = _factory.CreateDbContext();
        return await db.Posts.AsNoTracking().OrderBy(p => p.Id).Skip(offset).Take(take).ToListAsync();
    }

    public async Task<List<Post>> PostsAtOffsetCompiledAsync(int offset, int take)
    {
        await using var db = _factory.CreateDbContext();
        return await CollectAsync(PostsAtOffsetCompiled(db, offset, take), take);
    }

    // ---- writes ----

    /// <summary><c>AddRange</c> + <c>SaveChangesAsync</c>: EF batches the inserts (and reads the generated ids back).</summary>
    public async Task<int> CreateUsersAsync(string emailPrefix, int count)
    {
        await using var db = _factory.CreateDbContext();
        var users = new List<User>(count);
        for (var i = 0; i < count; i++)
        {
            users.Add(new User { Email = Workload.CreateEmail(emailPrefix, i), Name = Workload.CreateName(i), Role = Workload.IsAdmin(i) ? Role.Admin : Role.User });
        }

        db.Users.AddRange(users);
        return await db.SaveChangesAsync();
    }

    /// <summary>A graph: the user with its posts in its navigation, saved by one <c>SaveChangesAsync</c> (one transaction).</summary>
    public async Task<int> CreateUserWithPostsAsync(string email, int posts)
    {
        await using var db = _factory.CreateDbContext();
        var user = new User { Email = email, Name = "Nested" };
        for (var i = 0; i < posts; i++)
        {
            user.Posts.Add(new Post { Title = Workload.NestedTitle(i) });
        }

        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>
    /// EF Core has no upsert: the documented pattern loads the row (tracked), then adds or modifies it and saves.
    /// Two round trips, and not atomic (a concurrent insert of the same key fails the save).
    /// </summary>
    public async Task<User> UpsertUserAsync(string email, string name)
    {
        await using var db = _factory.CreateDbContext();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == email);
        if (user is null)
        {
            user = new User { Email = email, Name = name, Role = Role.User };
            db.Users.Add(user);
        }
        else
        {
            user.Name = name;
        }

        await db.SaveChangesAsync();
        return user;
    }

    // ---- transactions ----

    public async Task<decimal> TransferAsync(string from, string to, decimal amount)
    {
        await using var db = _factory.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await db.Accounts.Where(a => a.Email == from).ExecuteUpdateAsync(s => s.SetProperty(a => a.Balance, a => a.Balance - amount)) != 1
            || await db.Accounts.Where(a => a.Email == to).ExecuteUpdateAsync(s => s.SetProperty(a => a.Balance, a => a.Balance + amount)) != 1)
        {
            throw new InvalidOperationException("An account is missing.");
        }

        var balance = await db.Accounts.Where(a => a.Email == from).Select(a => a.Balance).FirstAsync();
        if (balance < 0)
        {
            await transaction.RollbackAsync();
            throw new InvalidOperationException($"{from} would be overdrawn.");
        }

        await transaction.CommitAsync();
        return balance;
    }

    public async Task<PageWithCount<Post>> PostsPageWithCountAsync(int authorId, int take)
    {
        await using var db = _factory.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var posts = await db.Posts.AsNoTracking().Where(p => p.AuthorId == authorId).OrderByDescending(p => p.Id).Take(take).ToListAsync();
        var total = await db.Posts.CountAsync(p => p.AuthorId == authorId);
        await transaction.CommitAsync();
        return new PageWithCount<Post>(posts, total);
    }

    private static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> rows, int capacity)
    {
        var list = new List<T>(capacity);
        await foreach (var row in rows)
        {
            list.Add(row);
        }

        return list;
    }
}

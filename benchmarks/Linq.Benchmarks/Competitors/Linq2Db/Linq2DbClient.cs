namespace Linq.Benchmarks.Competitors.Linq2Db;

using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;
using LinqToDB.DataProvider.PostgreSQL;
using Npgsql;
using Npgsql.NameTranslation;

/// <summary>The linq2db context: a <see cref="DataConnection"/> subclass with one table property per entity, as linq2db's documentation shows.</summary>
public sealed class BenchDataConnection(DataOptions options) : DataConnection(options)
{
    public ITable<User> Users => this.GetTable<User>();

    public ITable<Post> Posts => this.GetTable<Post>();

    public ITable<Comment> Comments => this.GetTable<Comment>();

    public ITable<Account> Accounts => this.GetTable<Account>();
}

/// <summary>
/// linq2db 6 as its documentation recommends: one <see cref="DataOptions"/> built once and shared, a
/// <see cref="DataConnection"/> per unit of work (always disposed), attribute mapping, LINQ queries,
/// <c>LoadWith</c>/<c>ThenLoad</c> for relations, <c>BulkCopyAsync</c> (provider-specific: binary COPY) for many
/// rows, <c>InsertOrUpdateAsync</c> for upserts, <c>Set</c>/<c>UpdateAsync</c> for set-based updates and
/// <c>BeginTransactionAsync</c> for transactions.
/// </summary>
/// <remarks>
/// PostgreSQL enums: linq2db passes <c>DataType.Enum</c> values to Npgsql as they are, so Npgsql must know the enum.
/// As linq2db's maintainers advise since Npgsql 7, connections come from an <see cref="NpgsqlDataSource"/> with the
/// enum mapped (<c>UseConnectionFactory</c>); the server version is given, so nothing is detected at connection time.
/// </remarks>
public sealed class Linq2DbClient : IAsyncDisposable
{
    private static readonly BulkCopyOptions ProviderSpecificCopy = new BulkCopyOptions().WithBulkCopyType(BulkCopyType.ProviderSpecific);

    private readonly NpgsqlDataSource _dataSource;

    /// <param name="connectionString">The seeded database.</param>
    /// <param name="interceptor">Sees every command (the fairness report captures the SQL with it); none in the benchmarks.</param>
    public Linq2DbClient(string connectionString, LinqToDB.Interceptors.IInterceptor? interceptor = null)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.MapEnum<Role>("Role", new NpgsqlNullNameTranslator());
        _dataSource = builder.Build();
        var options = new DataOptions().UseConnectionFactory(PostgreSQLTools.GetDataProvider(PostgreSQLVersion.v15), _ => _dataSource.CreateConnection());
        Options = interceptor is null ? options : options.UseInterceptor(interceptor);
    }

    /// <summary>The shared options.</summary>
    public DataOptions Options { get; }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private BenchDataConnection Open() => new(Options);

    // ---- reads ----

    public async Task<User?> FindUserByEmailAsync(string email)
    {
        await using var db = Open();
        return await db.Users.FirstOrDefaultAsync(u => u.Email == email);
    }

    public async Task<List<UserSummary>> FilterPageAsync(string prefix, int skip, int take)
    {
        await using var db = Open();
        return await db.Users
            .Where(u => u.Email.StartsWith(prefix))
            .OrderBy(u => u.Id)
            .Skip(skip)
            .Take(take)
            .Select(u => new UserSummary { Id = u.Id, Email = u.Email, Name = u.Name })
            .ToListAsync();
    }

    public async Task<List<User>> UsersWithPostsAsync(int take)
    {
        await using var db = Open();
        return await db.Users.OrderBy(u => u.Id).Take(take).LoadWith(u => u.Posts).ToListAsync();
    }

    public async Task<List<User>> UsersWithPostsAndCommentsAsync(int take)
    {
        await using var db = Open();
        return await db.Users.OrderBy(u => u.Id).Take(take).LoadWith(u => u.Posts).ThenLoad(p => p.Comments).ToListAsync();
    }

    public async Task<List<UserTitles>> UserPostTitlesAsync(int take)
    {
        await using var db = Open();
        return await db.Users
            .OrderBy(u => u.Id)
            .Take(take)
            .Select(u => new UserTitles { Name = u.Name, Titles = u.Posts.OrderBy(p => p.Id).Select(p => p.Title).ToList() })
            .ToListAsync();
    }

    public async Task<List<Post>> PostsAfterCursorAsync(int lastId, int take)
    {
        await using var db = Open();
        return await db.Posts.Where(p => p.Id > lastId).OrderBy(p => p.Id).Take(take).ToListAsync();
    }

    public async Task<List<Post>> PostsAtOffsetAsync(int offset, int take)
    {
        await using var db = Open();
        return await db.Posts.OrderBy(p => p.Id).Skip(offset).Take(take).ToListAsync();
    }

    // ---- writes ----

    /// <summary><c>BulkCopyAsync</c> with <see cref="BulkCopyType.ProviderSpecific"/>: Npgsql's binary COPY.</summary>
    public async Task<int> CreateUsersAsync(string emailPrefix, int count)
    {
        var users = new List<User>(count);
        for (var i = 0; i < count; i++)
        {
            users.Add(new User { Email = Workload.CreateEmail(emailPrefix, i), Name = Workload.CreateName(i), Role = Workload.IsAdmin(i) ? Role.Admin : Role.User });
        }

        await using var db = Open();
        var copied = await db.Users.BulkCopyAsync(ProviderSpecificCopy, users);
        return checked((int)copied.RowsCopied);
    }

    /// <summary>The user (<c>InsertWithInt32IdentityAsync</c>) and then its posts (<c>BulkCopyAsync</c>), in one transaction.</summary>
    public async Task<int> CreateUserWithPostsAsync(string email, int posts)
    {
        await using var db = Open();
        await using var transaction = await db.BeginTransactionAsync();
        var userId = await db.InsertWithInt32IdentityAsync(new User { Email = email, Name = "Nested", Role = Role.User });
        var rows = new List<Post>(posts);
        for (var i = 0; i < posts; i++)
        {
            rows.Add(new Post { Title = Workload.NestedTitle(i), AuthorId = userId });
        }

        await db.Posts.BulkCopyAsync(rows);
        await transaction.CommitAsync();
        return userId;
    }

    /// <summary>
    /// <c>InsertOrUpdateAsync</c> on the unique e-mail (<c>INSERT … ON CONFLICT ("Email") DO UPDATE</c>); it returns
    /// the affected row count, so the row is read back with a second statement.
    /// </summary>
    public async Task<User> UpsertUserAsync(string email, string name)
    {
        await using var db = Open();
        await db.Users.InsertOrUpdateAsync(
            () => new User { Email = email, Name = name, Role = Role.User },
            u => new User { Name = name },
            () => new User { Email = email });
        return await db.Users.FirstAsync(u => u.Email == email);
    }

    // ---- transactions ----

    public async Task<decimal> TransferAsync(string from, string to, decimal amount)
    {
        await using var db = Open();
        await using var transaction = await db.BeginTransactionAsync();
        if (await db.Accounts.Where(a => a.Email == from).Set(a => a.Balance, a => a.Balance - amount).UpdateAsync() != 1
            || await db.Accounts.Where(a => a.Email == to).Set(a => a.Balance, a => a.Balance + amount).UpdateAsync() != 1)
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
        await using var db = Open();
        await using var transaction = await db.BeginTransactionAsync();
        var posts = await db.Posts.Where(p => p.AuthorId == authorId).OrderByDescending(p => p.Id).Take(take).ToListAsync();
        var total = await db.Posts.CountAsync(p => p.AuthorId == authorId);
        await transaction.CommitAsync();
        return new PageWithCount<Post>(posts, total);
    }
}

using Blog.Model;

namespace Linq.Benchmarks.Competitors.Ours;

/// <summary>
/// This project: the generated <see cref="BlogDb"/> client (one per application, owning its pool), queries in
/// LINQ, relations with <c>Include</c>, keyset paging with <c>Cursor</c>, writes through the generated inputs.
/// </summary>
public sealed class LinqClient(BlogDb db)
{
    // ---- reads ----

    // Compiled queries (CompiledQuery.Create): the same queries without building the expression tree per call.
    private static readonly CompiledQuery<BlogDb, string, User?> UserByEmail =
        CompiledQuery.Create((BlogDb db, string email) => db.Users.FirstOrDefault(u => u.Email == email));

    private static readonly CompiledListQuery<BlogDb, string, int, int, UserSummary> UserPage =
        CompiledQuery.CreateList((BlogDb db, string prefix, int skip, int take) => db.Users
            .Where(u => u.Email.StartsWith(prefix))
            .OrderBy(u => u.Id)
            .Skip(skip)
            .Take(take)
            .Select(u => new UserSummary { Id = u.Id, Email = u.Email, Name = u.Name }));

    public Task<User?> FindUserByEmailAsync(string email) => db.Users.FindUniqueAsync(u => u.Email == email);

    public Task<User?> FindUserByEmailCompiledAsync(string email) => UserByEmail.RunAsync(db, email);

    public Task<List<UserSummary>> FilterPageCompiledAsync(string prefix, int skip, int take) => UserPage.ToListAsync(db, prefix, skip, take);

    public Task<List<UserSummary>> FilterPageAsync(string prefix, int skip, int take) =>
        db.Users
            .Where(u => u.Email.StartsWith(prefix))
            .OrderBy(u => u.Id)
            .Skip(skip)
            .Take(take)
            .Select(u => new UserSummary { Id = u.Id, Email = u.Email, Name = u.Name })
            .ToListAsync();

    public Task<List<User>> UsersWithPostsAsync(int take) =>
        db.Users.OrderBy(u => u.Id).Take(take).Include(u => u.Posts).ToListAsync();

    public Task<List<User>> UsersWithPostsAndCommentsAsync(int take) =>
        db.Users.OrderBy(u => u.Id).Take(take).Include(u => u.Posts).ThenInclude(p => p.Comments).ToListAsync();

    public Task<List<UserTitles>> UserPostTitlesAsync(int take) =>
        db.Users
            .OrderBy(u => u.Id)
            .Take(take)
            .Select(u => new UserTitles { Name = u.Name, Titles = u.Posts.OrderBy(p => p.Id).Select(p => p.Title).ToList() })
            .ToListAsync();

    public Task<List<Post>> PostsAfterCursorAsync(int lastId, int take) =>
        db.Posts.OrderBy(p => p.Id).Cursor(p => p.Id, lastId).Take(take).ToListAsync();

    public Task<List<Post>> PostsAtOffsetAsync(int offset, int take) =>
        db.Posts.OrderBy(p => p.Id).Skip(offset).Take(take).ToListAsync();

    // ---- writes ----

    /// <summary>
    /// <c>CreateManyAsync</c>: from 1,000 rows on, binary <c>COPY</c> inside a transaction (all or nothing); smaller
    /// sets are one <c>INSERT … SELECT * FROM unnest(…)</c> with one array per column.
    /// </summary>
    public Task<int> CreateUsersAsync(string emailPrefix, int count)
    {
        var inputs = new List<UserCreateInput>(count);
        for (var i = 0; i < count; i++)
        {
            inputs.Add(new UserCreateInput { Email = Workload.CreateEmail(emailPrefix, i), Name = Workload.CreateName(i), Role = Workload.IsAdmin(i) ? Role.Admin : Role.User });
        }

        return db.Users.CreateManyAsync(inputs);
    }

    /// <summary>
    /// A nested create: the user with its posts in <c>Posts.Create</c>, one statement of data-modifying CTEs (the
    /// posts' author ids are drawn up front), atomic as one statement.
    /// </summary>
    public async Task<int> CreateUserWithPostsAsync(string email, int posts)
    {
        var children = new List<PostCreateWithoutAuthorInput>(posts);
        for (var i = 0; i < posts; i++)
        {
            children.Add(new PostCreateWithoutAuthorInput { Title = Workload.NestedTitle(i) });
        }

        var user = await db.Users.CreateAsync(new UserCreateInput { Email = email, Name = "Nested", Posts = new() { Create = children } });
        return user.Id;
    }

    /// <summary><c>UpsertAsync</c>: one <c>INSERT … ON CONFLICT ("Email") DO UPDATE … RETURNING</c>.</summary>
    public Task<User> UpsertUserAsync(string email, string name) =>
        db.Users.UpsertAsync(u => u.Email == email,
            create: new() { Email = email, Name = name, Role = Role.User },
            update: new() { Name = name });

    // ---- transactions ----

    /// <summary>
    /// The interactive transaction: <c>db.TransactionAsync(async tx => …)</c> with <c>tx</c> bound to one connection;
    /// debit and credit with atomic <c>Op.Decrement</c>/<c>Op.Increment</c> updates, then the debited balance read
    /// back with <c>FindUniqueAsync</c>; throwing rolls back. Default options (Prisma's: max wait 2 s, timeout 5 s).
    /// </summary>
    public Task<decimal> TransferAsync(string from, string to, decimal amount) =>
        db.TransactionAsync(async tx =>
        {
            await tx.Accounts.UpdateAsync(a => a.Email == from, new() { Balance = Op.Decrement(amount) });
            await tx.Accounts.UpdateAsync(a => a.Email == to, new() { Balance = Op.Increment(amount) });
            var account = await tx.Accounts.FindUniqueAsync(a => a.Email == from)
                ?? throw new InvalidOperationException($"No account {from}.");
            return account.Balance < 0 ? throw new InvalidOperationException($"{from} would be overdrawn.") : account.Balance;
        });

    /// <summary>
    /// The same transfer with the statements hand-written code sends: <c>UpdateManyAsync</c> returns the count of
    /// rows it changed (as <c>ExecuteNonQuery</c>, Dapper's <c>Execute</c> and EF Core's <c>ExecuteUpdateAsync</c> do)
    /// instead of the updated row, and the caller checks it is one.
    /// </summary>
    public Task<decimal> TransferCountedAsync(string from, string to, decimal amount) =>
        db.TransactionAsync(async tx =>
        {
            if (await tx.Accounts.UpdateManyAsync(a => a.Email == from, new() { Balance = Op.Decrement(amount) }) != 1
                || await tx.Accounts.UpdateManyAsync(a => a.Email == to, new() { Balance = Op.Increment(amount) }) != 1)
            {
                throw new InvalidOperationException("An account is missing.");
            }

            var account = await tx.Accounts.FindUniqueAsync(a => a.Email == from)
                ?? throw new InvalidOperationException($"No account {from}.");
            return account.Balance < 0 ? throw new InvalidOperationException($"{from} would be overdrawn.") : account.Balance;
        });

    /// <summary>The transfer's statements hand-written (raw SQL) inside Linq's interactive transaction (profiling only: <c>TransferSplit</c>).</summary>
    public Task<decimal> TransferRawAsync(string from, string to, decimal amount) =>
        db.TransactionAsync(async tx =>
        {
            if (await tx.ExecuteRawAsync($"""UPDATE "Account" SET "Balance" = "Balance" + {-amount} WHERE "Email" = {from}""") != 1
                || await tx.ExecuteRawAsync($"""UPDATE "Account" SET "Balance" = "Balance" + {amount} WHERE "Email" = {to}""") != 1)
            {
                throw new InvalidOperationException("An account is missing.");
            }

            var balance = (await tx.QueryRawAsync<decimal>($"""SELECT "Balance" FROM "Account" WHERE "Email" = {from}"""))[0];
            return balance < 0 ? throw new InvalidOperationException($"{from} would be overdrawn.") : balance;
        });

    /// <summary>The batch form: a page of the author's posts and their count, <c>BEGIN; …; COMMIT</c> in one round trip.</summary>
    public async Task<PageWithCount<Post>> PostsPageWithCountAsync(int authorId, int take)
    {
        var (posts, total) = await db.TransactionAsync(
            Batch.ToList(db.Posts.Where(p => p.AuthorId == authorId).OrderByDescending(p => p.Id).Take(take)),
            Batch.Count(db.Posts.Where(p => p.AuthorId == authorId)));
        return new PageWithCount<Post>(posts, total);
    }

    // ---- parts of the transfer (profiling only: Profiling/WriteAllocations) ----

    /// <summary>A transaction that runs no statement: BEGIN is never sent, only the connection and the binding are made.</summary>
    public Task<int> EmptyTransactionAsync() => db.TransactionAsync(static _ => Task.FromResult(0));

    /// <summary>One update by unique key with <c>Op.Increment</c>, outside a transaction.</summary>
    public Task<Account> AddToBalanceAsync(string email, decimal amount) =>
        db.Accounts.UpdateAsync(a => a.Email == email, new() { Balance = Op.Increment(amount) });

    /// <summary>A transaction around the transfer's read-back alone: the transaction's cost per statement inside it.</summary>
    public Task<Account?> FindAccountInTransactionAsync(string email) =>
        db.TransactionAsync(tx => tx.Accounts.FindUniqueAsync(a => a.Email == email));

    /// <summary>A transaction around one update by unique key.</summary>
    public Task<Account> AddToBalanceInTransactionAsync(string email, decimal amount) =>
        db.TransactionAsync(tx => tx.Accounts.UpdateAsync(a => a.Email == email, new() { Balance = Op.Increment(amount) }));

    /// <summary>The transfer's read-back alone.</summary>
    public Task<Account?> FindAccountAsync(string email) => db.Accounts.FindUniqueAsync(a => a.Email == email);
}

using Linq.Benchmarks.Model;

namespace Linq.Benchmarks.Competitors.Ours;

/// <summary>
/// This project: the generated <see cref="BenchDb"/> client (one per application, owning its pool), queries in
/// LINQ, relations with <c>Include</c>, keyset paging with <c>Cursor</c>, writes through the generated inputs.
/// </summary>
public sealed class LinqClient(BenchDb db)
{
    // ---- reads ----

    public Task<User?> FindUserByEmailAsync(string email) => db.Users.FindUniqueAsync(u => u.Email == email);

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

    /// <summary><c>CreateManyAsync</c>: one <c>INSERT … SELECT * FROM unnest(…)</c> with one array per column.</summary>
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
    /// TODO(nested-writes): replace with the nested create of issue 5 once the generated <c>UserCreateInput</c>
    /// has <c>Posts</c>: <c>db.Users.CreateAsync(new() { Email = email, Name = "Nested", Posts = new() { Create = [new() { Title = … }, …] } })</c>.
    /// Until then this is the best equivalent: the user, then its posts with <c>CreateManyAsync</c>. Two statements
    /// and, without a transaction API yet, not atomic (the other variants are).
    /// </summary>
    public async Task<int> CreateUserWithPostsAsync(string email, int posts)
    {
        var user = await db.Users.CreateAsync(new UserCreateInput { Email = email, Name = "Nested" });
        var rows = new List<PostCreateInput>(posts);
        for (var i = 0; i < posts; i++)
        {
            rows.Add(new PostCreateInput { Title = Workload.NestedTitle(i), AuthorId = user.Id });
        }

        await db.Posts.CreateManyAsync(rows);
        return user.Id;
    }

    /// <summary><c>UpsertAsync</c>: one <c>INSERT … ON CONFLICT ("Email") DO UPDATE … RETURNING</c>.</summary>
    public Task<User> UpsertUserAsync(string email, string name) =>
        db.Users.UpsertAsync(u => u.Email == email,
            create: new() { Email = email, Name = name, Role = Role.User },
            update: new() { Name = name });

    // ---- transactions ----

    /// <summary>
    /// TODO(transactions): the interactive transaction API (<c>db.TransactionAsync(async tx => { … }, options, ct)</c>)
    /// is being built in parallel. Once it exists: debit with <c>tx.Accounts.UpdateAsync(a => a.Email == from, new() { Balance = Op.Decrement(amount) })</c>,
    /// credit likewise, read the debited balance with <c>FindUniqueAsync</c>, throw if negative. Not part of the run
    /// until then: a version without a transaction would measure different work.
    /// </summary>
    public Task<decimal> TransferAsync(string from, string to, decimal amount) =>
        throw new NotSupportedException($"TODO(transactions): no transaction API yet to move {amount} from {from} to {to}.");

    /// <summary>
    /// TODO(transactions): the batch form (a list and a count in one transaction) once the transaction API exists.
    /// Not part of the run until then.
    /// </summary>
    public Task<PageWithCount<Post>> PostsPageWithCountAsync(int authorId, int take) =>
        throw new NotSupportedException($"TODO(transactions): no batch transaction API yet (author {authorId}, {take} rows).");
}

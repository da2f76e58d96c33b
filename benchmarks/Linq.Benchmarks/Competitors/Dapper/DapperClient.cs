namespace Linq.Benchmarks.Competitors.Dapper;

using global::Dapper;
using Npgsql;

/// <summary>
/// Dapper as its documentation shows it: SQL text with <c>@name</c> parameters from anonymous objects, rows mapped
/// to POCOs by column name, <c>QueryMultiple</c> for several result sets in one round trip, connections from an
/// <see cref="NpgsqlDataSource"/> (Npgsql's recommended entry point; Dapper opens a closed connection itself).
/// </summary>
/// <remarks>
/// Where Dapper's own idiom would cost one round trip per row (executing a command once per element of a list
/// for bulk inserts), the SQL instead sends arrays (<c>unnest</c>): Dapper passes arrays to Npgsql natively. The
/// SQL is otherwise the hand-written variant's, so the difference to it is Dapper's mapping and parameter cost.
/// </remarks>
public sealed class DapperClient : IAsyncDisposable
{
    private const string UserColumns = """ "Id", "Email", "Name", "Role" """;
    private const string PostColumns = """ "Id", "Title", "Content", "Published", "AuthorId", "CreatedAt" """;
    // The users' keys as one array: "AuthorId" = ANY(ARRAY(…)) is planned as an index lookup per key, where
    // "AuthorId" IN (SELECT …) becomes a hash semi-join over all 110,000 posts (~20 ms instead of ~1 ms here).
    private const string FirstUserIds = """ARRAY(SELECT "Id" FROM "User" ORDER BY "Id" LIMIT @take)""";

    private readonly NpgsqlDataSource _dataSource;

    public DapperClient(string connectionString) => _dataSource = NpgsqlDataSource.Create(connectionString);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    // ---- reads ----

    public async Task<User?> FindUserByEmailAsync(string email)
    {
        await using var connection = _dataSource.CreateConnection();
        return await connection.QueryFirstOrDefaultAsync<User>($"""SELECT{UserColumns}FROM "User" WHERE "Email" = @email LIMIT 1""", new { email });
    }

    public async Task<List<UserSummary>> FilterPageAsync(string prefix, int skip, int take)
    {
        await using var connection = _dataSource.CreateConnection();
        var rows = await connection.QueryAsync<UserSummary>(
            """SELECT "Id", "Email", "Name" FROM "User" WHERE "Email" LIKE @pattern ORDER BY "Id" LIMIT @take OFFSET @skip""",
            new { pattern = SqlText.LikePrefix(prefix), take, skip });
        return rows.AsList();
    }

    /// <summary>Users, then their posts, as two result sets of one command (<c>QueryMultiple</c>), stitched by key.</summary>
    public async Task<List<User>> UsersWithPostsAsync(int take)
    {
        await using var connection = _dataSource.CreateConnection();
        await using var grid = await connection.QueryMultipleAsync(
            $"""
            SELECT{UserColumns}FROM "User" ORDER BY "Id" LIMIT @take;
            SELECT{PostColumns}FROM "Post" WHERE "AuthorId" = ANY({FirstUserIds}) ORDER BY "Id";
            """,
            new { take });
        var users = (await grid.ReadAsync<User>()).AsList();
        var byId = users.ToDictionary(u => u.Id);
        foreach (var post in await grid.ReadAsync<Post>())
        {
            byId[post.AuthorId].Posts.Add(post);
        }

        return users;
    }

    /// <summary>Users, their posts and the posts' comments as three result sets of one command, stitched by key.</summary>
    public async Task<List<User>> UsersWithPostsAndCommentsAsync(int take)
    {
        await using var connection = _dataSource.CreateConnection();
        await using var grid = await connection.QueryMultipleAsync(
            $"""
            SELECT{UserColumns}FROM "User" ORDER BY "Id" LIMIT @take;
            SELECT{PostColumns}FROM "Post" WHERE "AuthorId" = ANY({FirstUserIds}) ORDER BY "Id";
            SELECT c."Id", c."Text", c.post_id AS "PostId", c."CreatedAt" FROM comments AS c
            WHERE c.post_id = ANY(ARRAY(SELECT p."Id" FROM "Post" AS p WHERE p."AuthorId" = ANY({FirstUserIds}))) ORDER BY c."Id";
            """,
            new { take });
        var users = (await grid.ReadAsync<User>()).AsList();
        var usersById = users.ToDictionary(u => u.Id);
        var postsById = new Dictionary<int, Post>();
        foreach (var post in await grid.ReadAsync<Post>())
        {
            usersById[post.AuthorId].Posts.Add(post);
            postsById.Add(post.Id, post);
        }

        foreach (var comment in await grid.ReadAsync<Comment>())
        {
            postsById[comment.PostId].Comments.Add(comment);
        }

        return users;
    }

    public async Task<List<UserTitlesRow>> UserPostTitlesAsync(int take)
    {
        await using var connection = _dataSource.CreateConnection();
        var rows = await connection.QueryAsync<UserTitlesRow>(
            """
            SELECT u."Name", COALESCE(t.titles, '{}') AS "Titles"
            FROM (SELECT "Id", "Name" FROM "User" ORDER BY "Id" LIMIT @take) AS u
            LEFT JOIN LATERAL (SELECT array_agg(p."Title" ORDER BY p."Id") AS titles FROM "Post" AS p WHERE p."AuthorId" = u."Id") AS t ON TRUE
            ORDER BY u."Id"
            """,
            new { take });
        return rows.AsList();
    }

    public async Task<List<Post>> PostsAfterCursorAsync(int lastId, int take)
    {
        await using var connection = _dataSource.CreateConnection();
        var rows = await connection.QueryAsync<Post>($"""SELECT{PostColumns}FROM "Post" WHERE "Id" > @lastId ORDER BY "Id" LIMIT @take""", new { lastId, take });
        return rows.AsList();
    }

    public async Task<List<Post>> PostsAtOffsetAsync(int offset, int take)
    {
        await using var connection = _dataSource.CreateConnection();
        var rows = await connection.QueryAsync<Post>($"""SELECT{PostColumns}FROM "Post" ORDER BY "Id" OFFSET @offset LIMIT @take""", new { offset, take });
        return rows.AsList();
    }

    // ---- writes ----

    /// <summary>One <c>INSERT … SELECT * FROM unnest(@emails, @names, @roles)</c>: three array parameters.</summary>
    public async Task<int> CreateUsersAsync(string emailPrefix, int count)
    {
        var emails = new string[count];
        var names = new string[count];
        var roles = new string[count];
        for (var i = 0; i < count; i++)
        {
            emails[i] = Workload.CreateEmail(emailPrefix, i);
            names[i] = Workload.CreateName(i);
            roles[i] = Workload.IsAdmin(i) ? nameof(Role.Admin) : nameof(Role.User);
        }

        await using var connection = _dataSource.CreateConnection();
        return await connection.ExecuteAsync(
            """INSERT INTO "User" ("Email", "Name", "Role") SELECT * FROM unnest(@emails::text[], @names::text[], @roles::"Role"[])""",
            new { emails, names, roles });
    }

    /// <summary>A user and its posts in one statement (the hand-written data-modifying CTE).</summary>
    public async Task<int> CreateUserWithPostsAsync(string email, int posts)
    {
        var titles = new string[posts];
        for (var i = 0; i < posts; i++)
        {
            titles[i] = Workload.NestedTitle(i);
        }

        await using var connection = _dataSource.CreateConnection();
        return await connection.ExecuteScalarAsync<int>(
            """
            WITH u AS (INSERT INTO "User" ("Email", "Name") VALUES (@email, @name) RETURNING "Id"),
                 p AS (INSERT INTO "Post" ("Title", "AuthorId") SELECT t, u."Id" FROM u, unnest(@titles::text[]) AS t)
            SELECT "Id" FROM u
            """,
            new { email, name = "Nested", titles });
    }

    public async Task<User> UpsertUserAsync(string email, string name)
    {
        await using var connection = _dataSource.CreateConnection();
        return await connection.QuerySingleAsync<User>(
            $"""
            INSERT INTO "User" ("Email", "Name", "Role") VALUES (@email, @name, @role::"Role")
            ON CONFLICT ("Email") DO UPDATE SET "Name" = @name
            RETURNING{UserColumns}
            """,
            new { email, name, role = nameof(Role.User) });
    }

    // ---- transactions ----

    public async Task<decimal> TransferAsync(string from, string to, decimal amount)
    {
        const string update = """UPDATE "Account" SET "Balance" = "Balance" + @amount WHERE "Email" = @email""";
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (await connection.ExecuteAsync(update, new { amount = -amount, email = from }, transaction) != 1
            || await connection.ExecuteAsync(update, new { amount, email = to }, transaction) != 1)
        {
            throw new InvalidOperationException("An account is missing.");
        }

        var balance = await connection.ExecuteScalarAsync<decimal>("""SELECT "Balance" FROM "Account" WHERE "Email" = @from""", new { from }, transaction);
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
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        List<Post> posts;
        int total;
        await using (var grid = await connection.QueryMultipleAsync(
            $"""
            SELECT{PostColumns}FROM "Post" WHERE "AuthorId" = @authorId ORDER BY "Id" DESC LIMIT @take;
            SELECT count(*)::int FROM "Post" WHERE "AuthorId" = @authorId;
            """,
            new { authorId, take },
            transaction))
        {
            posts = (await grid.ReadAsync<Post>()).AsList();
            total = await grid.ReadSingleAsync<int>();
        }

        await transaction.CommitAsync();
        return new PageWithCount<Post>(posts, total);
    }
}

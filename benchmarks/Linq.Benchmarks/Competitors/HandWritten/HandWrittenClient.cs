using Blog.Model;
using Linq.Benchmarks.Scenarios;
using Npgsql;
using NpgsqlTypes;

namespace Linq.Benchmarks.Competitors.HandWritten;

/// <summary>
/// The floor of the comparison: hand-written SQL on an <see cref="NpgsqlDataSource"/> (its own pool, the
/// <c>"Role"</c> enum mapped as Npgsql recommends), every value a typed parameter, columns read by ordinal into
/// the project's model classes (plain classes; the generator adds no instance state).
/// </summary>
/// <remarks>Commands are not prepared (nor are the other libraries'), so every variant pays the same parse/plan cost on the server.</remarks>
public sealed class HandWrittenClient : IAsyncDisposable
{
    private const string UserColumns = """ "Id", "Email", "Name", "Role" """;
    private const string PostColumns = """ "Id", "Title", "Content", "Published", "AuthorId", "CreatedAt" """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly HandWrittenRelationLoading _posts;
    private readonly HandWrittenRelationLoading _postsComments;

    public HandWrittenClient(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.MapEnum<Role>("Role", new Npgsql.NameTranslation.NpgsqlNullNameTranslator());
        _dataSource = builder.Build();
        _posts = new HandWrittenRelationLoading(_dataSource, comments: false, Workload.RelationUsers, firstUserId: null);
        _postsComments = new HandWrittenRelationLoading(_dataSource, comments: true, Workload.RelationUsers, firstUserId: null);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    // ---- reads ----

    public async Task<User?> FindUserByEmailAsync(string email)
    {
        await using var command = _dataSource.CreateCommand($"""SELECT{UserColumns}FROM "User" WHERE "Email" = $1 LIMIT 1""");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadUser(reader, 0) : null;
    }

    public async Task<List<UserSummary>> FilterPageAsync(string prefix, int skip, int take)
    {
        await using var command = _dataSource.CreateCommand("""SELECT "Id", "Email", "Name" FROM "User" WHERE "Email" LIKE $1 ORDER BY "Id" LIMIT $2 OFFSET $3""");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = SqlText.LikePrefix(prefix) });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = take });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = skip });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<UserSummary>(take);
        while (await reader.ReadAsync())
        {
            rows.Add(new UserSummary { Id = reader.GetInt32(0), Email = reader.GetString(1), Name = reader.IsDBNull(2) ? null : reader.GetString(2) });
        }

        return rows;
    }

    /// <summary>One statement; each user's posts come as one PostgreSQL array per column (the fastest hand-written shape measured in <c>RelationLoadingBenchmarks</c>).</summary>
    public Task<List<User>> UsersWithPostsAsync() => _posts.ArraysAsync();

    /// <inheritdoc cref="UsersWithPostsAsync"/>
    public Task<List<User>> UsersWithPostsAndCommentsAsync() => _postsComments.ArraysAsync();

    /// <summary>The nested projection's statement (<c>$1</c>: how many users); the fairness report explains it too.</summary>
    public const string UserPostTitlesSql =
        """
        SELECT u."Name", COALESCE(t.titles, '{}')
        FROM (SELECT "Id", "Name" FROM "User" ORDER BY "Id" LIMIT $1) AS u
        LEFT JOIN LATERAL (SELECT array_agg(p."Title" ORDER BY p."Id") AS titles FROM "Post" AS p WHERE p."AuthorId" = u."Id") AS t ON TRUE
        ORDER BY u."Id"
        """;

    public async Task<List<UserTitles>> UserPostTitlesAsync(int take)
    {
        await using var command = _dataSource.CreateCommand(UserPostTitlesSql);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = take });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<UserTitles>(take);
        while (await reader.ReadAsync())
        {
            rows.Add(new UserTitles { Name = reader.IsDBNull(0) ? null : reader.GetString(0), Titles = reader.GetFieldValue<List<string>>(1) });
        }

        return rows;
    }

    public Task<List<Post>> PostsAfterCursorAsync(int lastId, int take) =>
        ReadPostsAsync($"""SELECT{PostColumns}FROM "Post" WHERE "Id" > $1 ORDER BY "Id" LIMIT $2""", lastId, take);

    public Task<List<Post>> PostsAtOffsetAsync(int offset, int take) =>
        ReadPostsAsync($"""SELECT{PostColumns}FROM "Post" ORDER BY "Id" OFFSET $1 LIMIT $2""", offset, take);

    private async Task<List<Post>> ReadPostsAsync(string sql, int first, int second)
    {
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = first });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = second });
        await using var reader = await command.ExecuteReaderAsync();
        var posts = new List<Post>(Workload.PageSize);
        while (await reader.ReadAsync())
        {
            posts.Add(ReadPost(reader, 0));
        }

        return posts;
    }

    // ---- writes ----

    /// <summary><c>COPY … FROM STDIN (FORMAT BINARY)</c>: the fastest way into PostgreSQL.</summary>
    public async Task<int> CreateUsersCopyAsync(string emailPrefix, int count)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync("""COPY "User" ("Email", "Name", "Role") FROM STDIN (FORMAT BINARY)""");
        for (var i = 0; i < count; i++)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(Workload.CreateEmail(emailPrefix, i), NpgsqlDbType.Text);
            await writer.WriteAsync(Workload.CreateName(i), NpgsqlDbType.Text);
            await writer.WriteAsync(RoleOf(i));
        }

        return checked((int)await writer.CompleteAsync());
    }

    /// <summary>One <c>INSERT … SELECT * FROM unnest($1, $2, $3)</c> with one array parameter per column.</summary>
    public async Task<int> CreateUsersUnnestAsync(string emailPrefix, int count)
    {
        var emails = new string[count];
        var names = new string[count];
        var roles = new Role[count];
        for (var i = 0; i < count; i++)
        {
            emails[i] = Workload.CreateEmail(emailPrefix, i);
            names[i] = Workload.CreateName(i);
            roles[i] = RoleOf(i);
        }

        await using var command = _dataSource.CreateCommand("""INSERT INTO "User" ("Email", "Name", "Role") SELECT * FROM unnest($1::text[], $2::text[], $3::"Role"[])""");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = emails });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = names });
        command.Parameters.Add(new NpgsqlParameter<Role[]> { TypedValue = roles });
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary><c>INSERT … VALUES ($1, $2, $3), ($4, …)</c>, chunked below PostgreSQL's 65,535 parameters.</summary>
    public async Task<int> CreateUsersMultiRowAsync(string emailPrefix, int count)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        var inserted = 0;
        for (var start = 0; start < count; start += UserMultiRowInsert.MaxRowsPerStatement)
        {
            var rows = Math.Min(UserMultiRowInsert.MaxRowsPerStatement, count - start);
            await using var command = new NpgsqlCommand(UserMultiRowInsert.Sql(rows), connection);
            for (var i = start; i < start + rows; i++)
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Workload.CreateEmail(emailPrefix, i) });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Workload.CreateName(i) });
                command.Parameters.Add(new NpgsqlParameter<Role> { TypedValue = RoleOf(i) });
            }

            inserted += await command.ExecuteNonQueryAsync();
        }

        return inserted;
    }

    /// <summary>A user and its posts in one statement: the user's insert feeds the posts' insert through a data-modifying CTE.</summary>
    public async Task<int> CreateUserWithPostsAsync(string email, int posts)
    {
        var titles = new string[posts];
        for (var i = 0; i < posts; i++)
        {
            titles[i] = Workload.NestedTitle(i);
        }

        await using var command = _dataSource.CreateCommand(
            """
            WITH u AS (INSERT INTO "User" ("Email", "Name") VALUES ($1, $2) RETURNING "Id"),
                 p AS (INSERT INTO "Post" ("Title", "AuthorId") SELECT t, u."Id" FROM u, unnest($3::text[]) AS t)
            SELECT "Id" FROM u
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "Nested" });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = titles });
        return (int)(await command.ExecuteScalarAsync())!;
    }

    public async Task<User> UpsertUserAsync(string email, string name)
    {
        await using var command = _dataSource.CreateCommand(
            $"""
            INSERT INTO "User" ("Email", "Name", "Role") VALUES ($1, $2, $3)
            ON CONFLICT ("Email") DO UPDATE SET "Name" = $4
            RETURNING{UserColumns}
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<Role> { TypedValue = Role.User });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadUser(reader, 0) : throw new InvalidOperationException("The upsert returned no row.");
    }

    // ---- transactions ----

    /// <summary>Interactive transaction: debit, credit, read the debited balance back (rolled back if negative), commit.</summary>
    public async Task<decimal> TransferAsync(string from, string to, decimal amount)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await AddToBalanceAsync(connection, transaction, from, -amount);
        await AddToBalanceAsync(connection, transaction, to, amount);
        decimal balance;
        await using (var read = new NpgsqlCommand("""SELECT "Balance" FROM "Account" WHERE "Email" = $1""", connection, transaction))
        {
            read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = from });
            balance = (decimal)(await read.ExecuteScalarAsync())!;
        }

        if (balance < 0)
        {
            await transaction.RollbackAsync();
            throw new InvalidOperationException($"{from} would be overdrawn.");
        }

        await transaction.CommitAsync();
        return balance;
    }

    /// <summary>
    /// The transfer with the statement texts Linq's <c>UpdateManyAsync</c> and <c>FindUniqueAsync</c> send (aliases, the
    /// whole row, <c>LIMIT 1</c>; no decimal guard since the migrations' range check bounds the column): the server's
    /// share of the gap (profiling only: <c>TransferSplit</c>).
    /// </summary>
    public async Task<decimal> TransferWithLinqTextsAsync(string from, string to, decimal amount)
    {
        const string Debit = """UPDATE "Account" AS "t0" SET "Balance" = "t0"."Balance" - $1 WHERE "t0"."Email" = $2""";
        const string Credit = """UPDATE "Account" AS "t0" SET "Balance" = "t0"."Balance" + $1 WHERE "t0"."Email" = $2""";
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var (sql, email) in new[] { (Debit, from), (Credit, to) })
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = amount });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
            if (await command.ExecuteNonQueryAsync() != 1)
            {
                throw new InvalidOperationException($"No account {email}.");
            }
        }

        decimal balance;
        await using (var read = new NpgsqlCommand("""SELECT "t0"."Id", "t0"."Email", "t0"."Balance" FROM "Account" AS "t0" WHERE "t0"."Email" = $1 LIMIT 1""", connection, transaction))
        {
            read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = from });
            await using var reader = await read.ExecuteReaderAsync();
            await reader.ReadAsync();
            balance = reader.GetDecimal(2);
        }

        if (balance < 0)
        {
            await transaction.RollbackAsync();
            throw new InvalidOperationException($"{from} would be overdrawn.");
        }

        await transaction.CommitAsync();
        return balance;
    }

    private static async Task AddToBalanceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string email, decimal amount)
    {
        await using var command = new NpgsqlCommand("""UPDATE "Account" SET "Balance" = "Balance" + $1 WHERE "Email" = $2""", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = amount });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
        if (await command.ExecuteNonQueryAsync() != 1)
        {
            throw new InvalidOperationException($"No account {email}.");
        }
    }

    /// <summary>
    /// Batch transaction: <c>BEGIN</c>, a page of an author's posts, their count and <c>COMMIT</c>, as one
    /// <see cref="NpgsqlBatch"/>: one round trip (the statements of a batch run in order and stop at the first error).
    /// </summary>
    public async Task<PageWithCount<Post>> PostsPageWithCountAsync(int authorId, int take)
    {
        await using var batch = _dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""SELECT{PostColumns}FROM "Post" WHERE "AuthorId" = $1 ORDER BY "Id" DESC LIMIT $2""")
        {
            Parameters = { new NpgsqlParameter<int> { TypedValue = authorId }, new NpgsqlParameter<int> { TypedValue = take } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""SELECT count(*)::int FROM "Post" WHERE "AuthorId" = $1""")
        {
            Parameters = { new NpgsqlParameter<int> { TypedValue = authorId } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        var posts = new List<Post>(take);
        await using var reader = await batch.ExecuteReaderAsync(); // on the first result set: BEGIN returns none
        while (await reader.ReadAsync())
        {
            posts.Add(ReadPost(reader, 0));
        }

        await reader.NextResultAsync();
        await reader.ReadAsync();
        var total = reader.GetInt32(0);
        await reader.NextResultAsync(); // completes the batch; an error at COMMIT surfaces here
        return new PageWithCount<Post>(posts, total);
    }

    // ---- helpers ----

    private static Role RoleOf(int i) => Workload.IsAdmin(i) ? Role.Admin : Role.User;

    private static User ReadUser(NpgsqlDataReader reader, int first) => new()
    {
        Id = reader.GetInt32(first),
        Email = reader.GetString(first + 1),
        Name = reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2),
        Role = reader.GetFieldValue<Role>(first + 3),
    };

    private static Post ReadPost(NpgsqlDataReader reader, int first) => new()
    {
        Id = reader.GetInt32(first),
        Title = reader.GetString(first + 1),
        Content = reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2),
        Published = reader.GetBoolean(first + 3),
        AuthorId = reader.GetInt32(first + 4),
        CreatedAt = reader.GetFieldValue<DateTime>(first + 5),
    };
}

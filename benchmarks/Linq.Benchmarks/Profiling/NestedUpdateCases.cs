using Blog.Model;
using Linq.Benchmarks.Competitors;
using Npgsql;

namespace Linq.Benchmarks.Profiling;

/// <summary>
/// Updates with nested writes on the Blog model (<c>--write-allocations</c>, <c>LINQ_PROFILE_ONLY="nested update"</c>):
/// the generated client against hand-written Npgsql sending the same work as one batch in one transaction. One user of
/// its own (two posts and a profile, seeded once) is renamed to the value it has with, per case: one post created, one
/// post updated by key, its posts updated by a filter, its profile updated (to-one). Only on request: the create adds a
/// post per call.
/// </summary>
public static class NestedUpdateCases
{
    private const string Email = "nested-update@bench.example";

    public static (string Scenario, string Implementation, Func<Task> Call)[] Of(CompetitorSet set)
    {
        if (Environment.GetEnvironmentVariable("LINQ_PROFILE_ONLY") is not { } wanted || !wanted.Contains("nested update", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var source = set.Database.DataSource;
        var db = set.Database.Db;
        int postId;
        using (var seed = source.CreateCommand($"""
            WITH u AS (INSERT INTO "User" ("Email", "Name") VALUES ('{Email}', 'kept') ON CONFLICT ("Email") DO UPDATE SET "Name" = 'kept' RETURNING "Id"),
                 pr AS (INSERT INTO "Profile" ("UserId", "Bio") SELECT "Id", 'bio' FROM u ON CONFLICT ("UserId") DO NOTHING)
            INSERT INTO "Post" ("Title", "AuthorId") SELECT t, "Id" FROM u, (VALUES ('bench-a'), ('bench-b')) AS v(t) RETURNING "Id"
            """))
        {
            postId = (int)seed.ExecuteScalar()!;
        }

        return
        [
            ("nested update: name + create post", "hand-written", () => HandAsync(source, """INSERT INTO "Post" ("Title", "AuthorId") SELECT $1, "Id" FROM "User" WHERE "Email" = $2""", "created", Email)),
            ("nested update: name + create post", "Linq", () => LinqCreateAsync(db, Email, "kept", "created")),
            ("nested update: name + update post by key", "hand-written", () => HandAsync(source,
                """UPDATE "Post" SET "Title" = $1 WHERE "Id" = $2 AND "AuthorId" = (SELECT "Id" FROM "User" WHERE "Email" = $3) RETURNING 1""", "bench-a", postId, Email)),
            ("nested update: name + update post by key", "Linq", () => LinqUpdateByKeyAsync(db, Email, "kept", postId, "bench-a")),
            ("nested update: name + updateMany posts", "hand-written", () => HandAsync(source,
                """UPDATE "Post" SET "Content" = $1 WHERE "Title" = $2 AND "AuthorId" = (SELECT "Id" FROM "User" WHERE "Email" = $3)""", "c", "bench-b", Email)),
            ("nested update: name + updateMany posts", "Linq", () => LinqUpdateManyAsync(db, Email, "kept", "bench-b", "c")),
            ("nested update: name + to-one profile", "hand-written", () => HandAsync(source,
                """UPDATE "Profile" SET "Bio" = $1 WHERE "UserId" = (SELECT "Id" FROM "User" WHERE "Email" = $2) RETURNING 1""", "bio", Email)),
            ("nested update: name + to-one profile", "Linq", () => LinqProfileAsync(db, Email, "kept", "bio")),
        ];
    }

    // Methods of their own, so the lambdas capture the arguments as the application's code would.
    private static Task<User> LinqCreateAsync(BlogDb db, string email, string name, string title) =>
        db.Users.UpdateAsync(u => u.Email == email, new() { Name = name, Posts = new() { Create = [new() { Title = title }] } });

    private static Task<User> LinqUpdateByKeyAsync(BlogDb db, string email, string name, int postId, string title) =>
        db.Users.UpdateAsync(u => u.Email == email, new() { Name = name, Posts = new() { Update = [new() { Where = p => p.Id == postId, Data = new() { Title = title } }] } });

    private static Task<User> LinqUpdateManyAsync(BlogDb db, string email, string name, string title, string content) =>
        db.Users.UpdateAsync(u => u.Email == email, new() { Name = name, Posts = new() { UpdateMany = [new() { Where = p => p.Title == title, Data = new() { Content = content } }] } });

    private static Task<User> LinqProfileAsync(BlogDb db, string email, string name, string bio) =>
        db.Users.UpdateAsync(u => u.Email == email, new() { Name = name, Profile = new() { Update = new() { Bio = bio } } });

    // The child's statement and then the user's UPDATE … RETURNING, one batch in one transaction (as Linq sends them).
    private static async Task<User> HandAsync<T1, T2>(NpgsqlDataSource source, string child, T1 first, T2 second) =>
        await HandAsync(source, child, [new NpgsqlParameter<T1> { TypedValue = first }, new NpgsqlParameter<T2> { TypedValue = second }]);

    private static async Task<User> HandAsync<T1, T2, T3>(NpgsqlDataSource source, string child, T1 first, T2 second, T3 third) =>
        await HandAsync(source, child, [new NpgsqlParameter<T1> { TypedValue = first }, new NpgsqlParameter<T2> { TypedValue = second }, new NpgsqlParameter<T3> { TypedValue = third }]);

    private static async Task<User> HandAsync(NpgsqlDataSource source, string child, NpgsqlParameter[] parameters)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        var first = new NpgsqlBatchCommand(child);
        first.Parameters.AddRange(parameters);
        batch.BatchCommands.Add(first);
        var root = new NpgsqlBatchCommand("""UPDATE "User" SET "Name" = $1 WHERE "Email" = $2 RETURNING "Id", "Email", "Name", "Role" """);
        root.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "kept" });
        root.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Email });
        batch.BatchCommands.Add(root);
        User? user = null;
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            do
            {
                while (await reader.ReadAsync())
                {
                    if (reader.FieldCount == 4)
                    {
                        user = new User { Id = reader.GetInt32(0), Email = reader.GetString(1), Name = reader.IsDBNull(2) ? null : reader.GetString(2), Role = reader.GetFieldValue<Role>(3) };
                    }
                }
            }
            while (await reader.NextResultAsync());
        }

        await transaction.CommitAsync();
        return user ?? throw new InvalidOperationException("the user is missing");
    }
}

using Blog.Model;
using Linq.Benchmarks.Competitors;
using Npgsql;

namespace Linq.Benchmarks.Profiling;

/// <summary>
/// update and delete by unique key on a client with a soft-delete style global filter (<c>--write-allocations</c>):
/// hand-written Npgsql (the key and the filter in one WHERE) against the extended Linq client called directly. The
/// filter is <c>u =&gt; u.Name != null</c> (a nullable column, as <c>DeletedAt == null</c> is). The update sets a user's
/// name to the value it has; the delete removes users seeded for it, in batches of one INSERT … generate_series when
/// they run out (client cost of that statement spread over thousands of calls).
/// </summary>
public static class FilteredKeyWriteCases
{
    private const string Updated = "filtered-key-update@bench.example";
    private const int SeedBatch = 20_000;

    public static (string Scenario, string Implementation, Func<Task> Call)[] Of(CompetitorSet set)
    {
        var source = set.Database.DataSource;
        var db = set.Database.Db.WithExtensions(x => x.Filter<User>(u => u.Name != null));
        var doomed = new Doomed(source);
        using (var seed = source.CreateCommand($"""INSERT INTO "User" ("Email", "Name") VALUES ('{Updated}', 'kept') ON CONFLICT ("Email") DO UPDATE SET "Name" = 'kept'"""))
        {
            seed.ExecuteNonQuery();
        }

        return
        [
            ("update by key, filtered client", "hand-written", () => HandUpdateAsync(source, Updated, "kept")),
            ("update by key, filtered client", "Linq", () => LinqUpdateAsync(db, Updated, "kept")),
            ("delete by key, filtered client", "hand-written", async () => await HandDeleteAsync(source, await doomed.NextAsync())),
            ("delete by key, filtered client", "Linq", async () => await LinqDeleteAsync(db, await doomed.NextAsync())),
        ];
    }

    // Methods of their own, so the lambdas capture the argument as the application's code would.
    private static Task<User> LinqUpdateAsync(BlogDb db, string email, string name) => db.Users.UpdateAsync(u => u.Email == email, new() { Name = name });

    private static Task<User> LinqDeleteAsync(BlogDb db, string email) => db.Users.DeleteAsync(u => u.Email == email);

    private static async Task<User> HandUpdateAsync(NpgsqlDataSource source, string email, string name)
    {
        await using var command = source.CreateCommand(
            """UPDATE "User" SET "Name" = $1 WHERE "Email" = $2 AND "Name" IS NOT NULL RETURNING "Id", "Email", "Name", "Role" """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadUser(reader) : throw new InvalidOperationException("the user is missing");
    }

    private static async Task<User> HandDeleteAsync(NpgsqlDataSource source, string email)
    {
        await using var command = source.CreateCommand(
            """DELETE FROM "User" WHERE "Email" = $1 AND "Name" IS NOT NULL RETURNING "Id", "Email", "Name", "Role" """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadUser(reader) : throw new InvalidOperationException("the user is missing");
    }

    private static User ReadUser(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetInt32(0),
        Email = reader.GetString(1),
        Name = reader.IsDBNull(2) ? null : reader.GetString(2),
        Role = reader.GetFieldValue<Role>(3),
    };

    // Users to delete, e-mails fk-<run>-<n>@bench.example, seeded SeedBatch at a time.
    private sealed class Doomed(NpgsqlDataSource source)
    {
        private readonly string _run = Guid.NewGuid().ToString("N")[..8];
        private int _next;
        private int _seeded;

        public async ValueTask<string> NextAsync()
        {
            if (_next == _seeded)
            {
                await using var command = source.CreateCommand(
                    $"""INSERT INTO "User" ("Email", "Name") SELECT 'fk-{_run}-' || i || '@bench.example', 'doomed' FROM generate_series({_seeded}, {_seeded + SeedBatch - 1}) i""");
                await command.ExecuteNonQueryAsync();
                _seeded += SeedBatch;
            }

            return $"fk-{_run}-{_next++}@bench.example";
        }
    }
}

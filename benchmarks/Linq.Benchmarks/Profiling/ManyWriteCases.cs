using Blog.Model;
using Linq.Benchmarks.Competitors;
using Npgsql;

namespace Linq.Benchmarks.Profiling;

/// <summary>
/// updateMany and deleteMany by a unique column (<c>--write-allocations</c>): hand-written Npgsql against the generated
/// client called directly. The update adds 0 to one account's balance (the row stays as seeded); the delete names an
/// e-mail no account has, so every call does the same work and no row is lost between calls.
/// </summary>
public static class ManyWriteCases
{
    private const string NoAccount = "nobody@bench.example";

    public static (string Scenario, string Implementation, Func<Task> Call)[] Of(CompetitorSet set)
    {
        var db = set.Database.Db;
        var source = set.Database.DataSource;
        return
        [
            ("update many by unique column", "hand-written", () => HandUpdateAsync(source, Workload.AccountA, 0m)),
            ("update many by unique column", "Linq", () => LinqUpdateAsync(db, Workload.AccountA, 0m)),
            ("delete many by unique column", "hand-written", () => HandDeleteAsync(source, NoAccount)),
            ("delete many by unique column", "Linq", () => db.Accounts.DeleteManyAsync(a => a.Email == NoAccount)),
        ];
    }

    // A method of its own, so the lambda captures the argument as the application's code would.
    private static Task<int> LinqUpdateAsync(BlogDb db, string email, decimal amount) =>
        db.Accounts.UpdateManyAsync(a => a.Email == email, new() { Balance = Op.Increment(amount) });

    private static async Task<int> HandUpdateAsync(NpgsqlDataSource source, string email, decimal amount)
    {
        await using var command = source.CreateCommand("""UPDATE "Account" SET "Balance" = "Balance" + $1 WHERE "Email" = $2""");
        command.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = amount });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<int> HandDeleteAsync(NpgsqlDataSource source, string email)
    {
        await using var command = source.CreateCommand("""DELETE FROM "Account" WHERE "Email" = $1""");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
        return await command.ExecuteNonQueryAsync();
    }
}

using System.Collections;
using System.Globalization;
using System.Text;
using Linq.Benchmarks.Competitors;
using Linq.Benchmarks.Competitors.EfCore;
using Linq.Benchmarks.Competitors.HandWritten;
using Linq.Benchmarks.Competitors.Linq2Db;
using Linq.Benchmarks.Scenarios;
using Linq.Benchmarks.SideBySide;
using Npgsql;

namespace Linq.Benchmarks.Fairness;

/// <summary>
/// <c>--fairness FILE</c>: for every comparison variant that measured more than 3× the hand-written time, the SQL the
/// library sent (captured by its own interceptor: EF Core's <c>DbCommandInterceptor</c>, linq2db's
/// <c>CommandInterceptor</c>) and the <c>EXPLAIN (ANALYZE, BUFFERS)</c> plan of each statement on the seeded database,
/// next to the hand-written statement's plan and both call times, so a reader can tell the library's cost from the
/// set-up's (same indexes, same data, no tracking where EF allows it).
/// </summary>
/// <remarks>
/// Statements are explained one at a time, inside a transaction that is rolled back (writes leave nothing behind);
/// a statement that cannot be explained alone (EF Core's multi-statement batches) is shown with the reason.
/// </remarks>
public sealed class FairnessReport
{
    private const int Warmup = 5;
    private const int Calls = 30;
    private const int MaxSqlLength = 4_000;

    private readonly CommandLog _log = new();
    private readonly StringBuilder _text = new();
    private BenchmarkDatabase _database = null!;
    private long _counter;

    public async Task<string> RunAsync(string serverVersion)
    {
        _database = await BenchmarkDatabase.SharedAsync();
        var ef = new EfCoreClient(_database.ConnectionString, new EfCommandCapture(_log));
        await using var l2 = new Linq2DbClient(_database.ConnectionString, new Linq2DbCommandCapture(_log));
        await using var hand = new HandWrittenClient(_database.ConnectionString);
        var take = Workload.RelationUsers;

        _text.AppendLine(CultureInfo.InvariantCulture, $"PostgreSQL {serverVersion}, the seeded benchmark database (`BenchmarkDatabase.cs`), `VACUUM ANALYZE`d after seeding. Call times: median of {Calls} calls after {Warmup} warm-ups, one at a time (this program, `--fairness`); plans: `EXPLAIN (ANALYZE, BUFFERS)` of each captured statement with the parameters the library sent.");
        _text.AppendLine();

        var posts = new HandWrittenRelationLoading(_database.DataSource, comments: false, take, firstUserId: null).ArraysSql;
        var postsComments = new HandWrittenRelationLoading(_database.DataSource, comments: true, take, firstUserId: null).ArraysSql;

        await ScenarioAsync("IncludePosts: 100 users + posts", () => hand.UsersWithPostsAsync(), posts, take,
            ("EF Core (single query)", () => ef.UsersWithPostsAsync(take, splitQuery: false)),
            ("EF Core (AsSplitQuery)", () => ef.UsersWithPostsAsync(take, splitQuery: true)),
            ("linq2db (LoadWith)", () => l2.UsersWithPostsAsync(take)));
        await ScenarioAsync("IncludePostsComments: 100 users + posts + comments", () => hand.UsersWithPostsAndCommentsAsync(), postsComments, take,
            ("EF Core (single query)", () => ef.UsersWithPostsAndCommentsAsync(take, splitQuery: false)),
            ("EF Core (AsSplitQuery)", () => ef.UsersWithPostsAndCommentsAsync(take, splitQuery: true)),
            ("linq2db (LoadWith)", () => l2.UsersWithPostsAndCommentsAsync(take)));
        await ScenarioAsync("NestedProjection: 100 users' names with their post titles", () => hand.UserPostTitlesAsync(take), HandWrittenClient.UserPostTitlesSql, take,
            ("EF Core", () => ef.UserPostTitlesAsync(take)),
            ("linq2db", () => l2.UserPostTitlesAsync(take)));

        await ScenarioAsync("NestedCreate: a user with 10 posts", () => hand.CreateUserWithPostsAsync(NextEmail("fair-nested-"), Workload.NestedPosts), null, 0,
            ("EF Core (Add + SaveChanges)", () => ef.CreateUserWithPostsAsync(NextEmail("fair-nested-"), Workload.NestedPosts)));
        await ExecuteAsync("""DELETE FROM "Post" WHERE "AuthorId" IN (SELECT "Id" FROM "User" WHERE "Email" LIKE 'fair-nested-%'); DELETE FROM "User" WHERE "Email" LIKE 'fair-nested-%'""");
        await ScenarioAsync("Upsert by e-mail", () => hand.UpsertUserAsync("upsert-fair@bench.example", NextName()), null, 0,
            ("EF Core (find, then add or modify, SaveChanges)", () => ef.UpsertUserAsync("upsert-fair@bench.example", NextName())),
            ("linq2db (InsertOrUpdate, then a read)", () => l2.UpsertUserAsync("upsert-fair@bench.example", NextName())));
        await ExecuteAsync("""DELETE FROM "User" WHERE "Email" = 'upsert-fair@bench.example'""");
        await ScenarioAsync("TransferTransaction: debit, credit, read back, commit", () => hand.TransferAsync(Workload.AccountA, Workload.AccountB, 1m), null, 0,
            ("linq2db (BeginTransaction, two updates, a read)", () => l2.TransferAsync(Workload.AccountA, Workload.AccountB, 1m)));
        await ScenarioAsync("CreateMany: 1,000 users", () => hand.CreateUsersCopyAsync(NextPrefix(), Workload.CreateRows), null, 0,
            ("EF Core (AddRange + SaveChanges)", () => ef.CreateUsersAsync(NextPrefix(), Workload.CreateRows)));
        await ExecuteAsync("""DELETE FROM "User" WHERE "Email" LIKE 'fair-create-%'""");
        await _database.VacuumAnalyzeAsync("\"User\"", "\"Post\"", "\"Account\"");
        return _text.ToString();
    }

    private string NextEmail(string prefix) => $"{prefix}{Interlocked.Increment(ref _counter)}@x.io";

    // A new name per call, so that EF Core's change tracker has a change to save (the benchmark's upsert does too).
    private string NextName() => $"Fair {Interlocked.Increment(ref _counter)}";

    private string NextPrefix() => $"fair-create-{Interlocked.Increment(ref _counter)}-";

    private async Task ScenarioAsync(string title, Func<Task> handWritten, string? handSql, int handParameter, params (string Name, Func<Task> Call)[] variants)
    {
        _text.AppendLine(CultureInfo.InvariantCulture, $"## {title}");
        _text.AppendLine();
        var floor = await CallTimings.MeasureAsync(title, "hand-written", _ => handWritten(), Warmup, Calls, 10);
        _text.AppendLine(CultureInfo.InvariantCulture, $"Hand-written Npgsql: median {Ms(floor.MedianUs)} per call.");
        if (handSql is not null)
        {
            _text.AppendLine();
            await ExplainAsync(new CapturedCommand(handSql, [new NpgsqlParameter<int> { TypedValue = handParameter }]), 1, 1);
        }

        foreach (var (name, call) in variants)
        {
            var timings = await CallTimings.MeasureAsync(title, name, _ => call(), Warmup, Calls, 10);
            _log.Take();
            _log.Recording = true;
            try
            {
                await call();
            }
            finally
            {
                _log.Recording = false;
            }

            var commands = _log.Take();
            _text.AppendLine();
            _text.AppendLine(CultureInfo.InvariantCulture,
                $"### {name}: median {Ms(timings.MedianUs)} per call, {timings.MedianUs / floor.MedianUs:0.0}× hand-written; {commands.Count} command(s)");
            _text.AppendLine();
            for (var i = 0; i < commands.Count; i++)
            {
                await ExplainAsync(commands[i], i + 1, commands.Count);
            }
        }

        _text.AppendLine();
    }

    private async Task ExplainAsync(CapturedCommand command, int index, int count)
    {
        var sql = command.Sql.Length > MaxSqlLength ? command.Sql[..MaxSqlLength] + $"\n-- … {command.Sql.Length - MaxSqlLength:N0} more characters" : command.Sql;
        _text.AppendLine(count > 1 ? $"Statement {index} of {count}:" : "Statement:");
        _text.AppendLine();
        _text.AppendLine("```sql");
        _text.AppendLine(sql.Trim());
        _text.AppendLine("```");
        if (command.Parameters.Count > 0)
        {
            var shown = command.Parameters.Take(12).Select(p => $"{(string.IsNullOrEmpty(p.ParameterName) ? "$" : p.ParameterName)} = {Show(p.Value)}");
            _text.AppendLine();
            _text.AppendLine("Parameters: " + string.Join(", ", shown) + (command.Parameters.Count > 12 ? $", … ({command.Parameters.Count} in all)" : "") + ".");
        }

        _text.AppendLine();
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        try
        {
            await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + command.Sql, connection, transaction);
            foreach (var parameter in command.Parameters)
            {
                explain.Parameters.Add(parameter.Clone());
            }

            // EXPLAIN covers the first statement of a multi-statement batch; the others run (and are rolled back).
            var statements = command.Sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length;
            if (statements > 1)
            {
                _text.AppendLine(CultureInfo.InvariantCulture, $"One command of {statements} statements (one round trip); the plan of its first statement:");
                _text.AppendLine();
            }

            var plan = await ReadPlanAsync(explain);
            _text.AppendLine("```");
            foreach (var line in plan)
            {
                _text.AppendLine(line);
            }

            _text.AppendLine("```");

            // The set-up question a reader asks first: would a planner tuned for cached data (the data is all in
            // shared buffers here) pick the per-parent index lookups anyway? Same statement, random_page_cost 1.1.
            if (command.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                await using (var set = new NpgsqlCommand("SET LOCAL random_page_cost = 1.1", connection, transaction))
                {
                    await set.ExecuteNonQueryAsync();
                }

                var tuned = await ReadPlanAsync(explain);
                _text.AppendLine();
                _text.AppendLine(CultureInfo.InvariantCulture,
                    $"With `random_page_cost = 1.1`: top node `{tuned[0].Split("  (")[0].Trim()}`, {tuned.FirstOrDefault(l => l.StartsWith("Execution Time", StringComparison.Ordinal)) ?? "no execution time"}.");
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or InvalidCastException or NotSupportedException or ArgumentException)
        {
            _text.AppendLine(CultureInfo.InvariantCulture, $"(not explained alone: {e.Message.Split('\n')[0]})");
        }
        finally
        {
            await transaction.RollbackAsync();
        }

        _text.AppendLine();
    }

    private static async Task<List<string>> ReadPlanAsync(NpgsqlCommand explain)
    {
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0));
        }

        return plan;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static string Show(object? value) => value switch
    {
        null or DBNull => "NULL",
        string s => $"'{s}'",
        IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Take(3).Select(Show)) + ", …]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Ms(double us) => (us / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " ms";
}

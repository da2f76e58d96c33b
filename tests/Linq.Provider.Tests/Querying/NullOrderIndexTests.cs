using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// LINQ sorts NULL first ascending and last descending, and the indexes a model declares over nullable columns are
/// created <c>NULLS FIRST</c> (by the push, the migrations' diff and DDL), so PostgreSQL reads them forwards for
/// <c>OrderBy/ThenBy</c> and backwards for <c>OrderByDescending/ThenByDescending</c> with no Sort node; an index kept
/// at PostgreSQL's order (<see cref="IndexNulls.Last"/>) cannot serve them, and the plan sorts. The rows, NULLs
/// included, are LINQ-to-Objects' order over the rows read with plain Npgsql.
/// </summary>
public sealed class NullOrderIndexTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const int Take = 40;

    private List<(int Id, DateTime? PublishedAt, string? Channel, int? Priority, int? Score)> _rows = [];

    public async Task InitializeAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using (var seed = dataSource.CreateCommand("""
            INSERT INTO "Bulletin" ("PublishedAt", "Channel", "Priority", "Score")
            SELECT CASE WHEN g % 97 = 0 THEN NULL ELSE timestamptz '2026-01-01' + g * interval '1 minute' END,
                   CASE WHEN g % 50 = 0 THEN NULL ELSE 'ch' || (g % 7) END,
                   CASE WHEN g % 11 = 0 THEN NULL ELSE g % 13 END,
                   CASE WHEN g % 89 = 0 THEN NULL ELSE g END
            FROM generate_series(1, 5000) g;
            ANALYZE "Bulletin";
            """))
        {
            await seed.ExecuteNonQueryAsync();
        }

        await using var read = dataSource.CreateCommand("""SELECT "Id", "PublishedAt", "Channel", "Priority", "Score" FROM "Bulletin" """);
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            _rows.Add((reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetDateTime(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetInt32(4)));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void The_indexes_are_declared_nulls_first_where_the_column_is_nullable()
    {
        var ddl = database.Db.Schema.CreateSql();
        Assert.Contains("CREATE INDEX \"Bulletin_PublishedAt_idx\" ON \"Bulletin\" (\"PublishedAt\" NULLS FIRST);", ddl, StringComparison.Ordinal);
        Assert.Contains("CREATE INDEX \"Bulletin_Channel_Priority_idx\" ON \"Bulletin\" (\"Channel\" NULLS FIRST, \"Priority\" NULLS FIRST);", ddl, StringComparison.Ordinal);
        Assert.Contains("CREATE INDEX \"Bulletin_Score_idx\" ON \"Bulletin\" (\"Score\");", ddl, StringComparison.Ordinal);
        // Non-null columns are written as before.
        Assert.Contains("CREATE INDEX \"Post_AuthorId_Title_idx\" ON \"Post\" (\"AuthorId\", \"Title\");", ddl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrderBy_a_nullable_column_reads_its_index_forwards()
    {
        var query = database.Db.Bulletins.OrderBy(b => b.PublishedAt).Take(Take);
        var plan = await ExplainAsync(query.ToSql());
        Assert.True(plan.Contains("Index Scan using \"Bulletin_PublishedAt_idx\"", StringComparison.Ordinal) && !plan.Contains("Sort", StringComparison.Ordinal), plan);
        Assert.Equal(_rows.OrderBy(r => r.PublishedAt).Take(Take).Select(r => r.PublishedAt), (await query.ToListAsync()).Select(b => b.PublishedAt));
        Assert.Null((await query.FirstAsync()).PublishedAt);
    }

    [Fact]
    public async Task OrderByDescending_a_nullable_column_reads_its_index_backwards()
    {
        var query = database.Db.Bulletins.OrderByDescending(b => b.PublishedAt).Take(Take);
        var plan = await ExplainAsync(query.ToSql());
        Assert.True(plan.Contains("Index Scan Backward using \"Bulletin_PublishedAt_idx\"", StringComparison.Ordinal) && !plan.Contains("Sort", StringComparison.Ordinal), plan);
        Assert.Equal(_rows.OrderByDescending(r => r.PublishedAt).Take(Take).Select(r => r.PublishedAt), (await query.ToListAsync()).Select(b => b.PublishedAt));

        // The NULLs come last: read from the far end of the index.
        var last = database.Db.Bulletins.OrderByDescending(b => b.PublishedAt).Skip(_rows.Count - 10);
        Assert.All(await last.ToListAsync(), b => Assert.Null(b.PublishedAt));
    }

    [Fact]
    public async Task A_composite_index_of_nullable_columns_serves_ThenBy_forwards_and_ThenByDescending_backwards()
    {
        var forwards = database.Db.Bulletins.OrderBy(b => b.Channel).ThenBy(b => b.Priority).Take(Take);
        var plan = await ExplainAsync(forwards.ToSql());
        Assert.True(plan.Contains("Index Scan using \"Bulletin_Channel_Priority_idx\"", StringComparison.Ordinal) && !plan.Contains("Sort", StringComparison.Ordinal), plan);
        Assert.Equal(_rows.OrderBy(r => r.Channel, StringComparer.Ordinal).ThenBy(r => r.Priority).Take(Take).Select(r => (r.Channel, r.Priority)),
            (await forwards.ToListAsync()).Select(b => (b.Channel, b.Priority)));

        var backwards = database.Db.Bulletins.OrderByDescending(b => b.Channel).ThenByDescending(b => b.Priority).Take(Take);
        plan = await ExplainAsync(backwards.ToSql());
        Assert.True(plan.Contains("Index Scan Backward using \"Bulletin_Channel_Priority_idx\"", StringComparison.Ordinal) && !plan.Contains("Sort", StringComparison.Ordinal), plan);
        Assert.Equal(_rows.OrderByDescending(r => r.Channel, StringComparer.Ordinal).ThenByDescending(r => r.Priority).Take(Take).Select(r => (r.Channel, r.Priority)),
            (await backwards.ToListAsync()).Select(b => (b.Channel, b.Priority)));
    }

    [Fact]
    public async Task An_index_kept_at_PostgreSQLs_null_order_cannot_serve_the_ordering_and_the_plan_sorts()
    {
        foreach (var query in new[] { database.Db.Bulletins.OrderBy(b => b.Score).Take(Take), database.Db.Bulletins.OrderByDescending(b => b.Score).Take(Take) })
        {
            var plan = await ExplainAsync(query.ToSql());
            Assert.True(plan.Contains("Sort", StringComparison.Ordinal), plan);
        }

        Assert.Equal(_rows.OrderBy(r => r.Score).Take(Take).Select(r => r.Score),
            (await database.Db.Bulletins.OrderBy(b => b.Score).Take(Take).ToListAsync()).Select(b => b.Score));
        Assert.Equal(_rows.OrderByDescending(r => r.Score).Take(Take).Select(r => r.Score),
            (await database.Db.Bulletins.OrderByDescending(b => b.Score).Take(Take).ToListAsync()).Select(b => b.Score));
    }

    // The statement as the provider sends it, its one parameter the page size; sequential scans off, so the only way
    // around a sort is an index that matches the ORDER BY.
    private async Task<string> ExplainAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        Assert.Contains("$1", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("$2", sql, StringComparison.Ordinal);
        await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection);
        explain.Parameters.Add(new NpgsqlParameter { Value = (long)Take });
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        return string.Join("\n", plan);
    }
}

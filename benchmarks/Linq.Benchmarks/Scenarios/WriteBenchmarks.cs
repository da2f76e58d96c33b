using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Linq.Benchmarks.Competitors.HandWritten;
using Blog.Model;
using Npgsql;
using NpgsqlTypes;

namespace Linq.Benchmarks.Scenarios;

/// <summary>
/// Writes to a real PostgreSQL (see <see cref="BenchmarkDatabase"/>): inserting 1,000 users at once, and upserting
/// one user by its unique e-mail, Linq against hand-written Npgsql code on the same data source (same pool, the
/// <c>"Role"</c> enum mapped).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>CreateMany</c> of 1,000 and 10,000 rows: <c>Linq_CreateMany</c> (<c>CreateManyAsync</c>: binary COPY from 1,000 rows on, one
/// <c>INSERT … SELECT * FROM unnest($1::text[], …)</c> below) against <c>Npgsql_BinaryCopy</c> (the baseline: <c>COPY … FROM STDIN (FORMAT
/// BINARY)</c>) and <c>Npgsql_MultiRowInsert</c> (<c>INSERT … VALUES ($1, $2, $3), …</c>, chunked below 65,535
/// parameters). Every invocation inserts new e-mails (<c>b{batch}-{i}@x.io</c>); the rows are deleted after each
/// iteration, outside the measurement.</item>
/// <item><c>Upsert</c>: <c>Linq_Upsert</c> against <c>Npgsql_Upsert</c> (the baseline: <c>INSERT … ON CONFLICT
/// ("Email") DO UPDATE SET "Name" = … RETURNING …</c>, read by ordinal). The key always exists, so every call
/// takes the update path and sets a new name.</item>
/// </list>
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class WriteBenchmarks
{
    private const string CreateMany = "CreateMany";
    private const string Upsert = "Upsert";
    private const string UpsertEmail = "upsert@bench.example";
    private const string CleanupSql = """DELETE FROM "User" WHERE "Email" LIKE 'b%'""";

    private BenchmarkDatabase _database = null!;
    private BlogDb _db = null!;
    private NpgsqlDataSource _dataSource = null!;
    private long _batch;
    private long _upserts;

    /// <summary>Rows per createMany: 1,000 (the COPY threshold) and 10,000.</summary>
    [Params(1_000, 10_000)]
    public int Rows { get; set; } = 1_000; // what --validate (outside a BenchmarkDotNet run) checks

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.SharedAsync();
        _db = _database.Db;
        _dataSource = _database.DataSource;
        await VerifyAsync();
    }


    /// <summary>Deletes the rows the create benchmarks inserted (and vacuums them away), outside the measurement.</summary>
    [IterationCleanup(Targets = [nameof(Linq_CreateMany), nameof(Npgsql_BinaryCopy), nameof(Npgsql_MultiRowInsert)])]
    public void DeleteCreatedRows() => DeleteCreatedRowsAsync().GetAwaiter().GetResult();

    // ---- 1,000 new users in one call ----

    [Benchmark, BenchmarkCategory(CreateMany)]
    public Task<int> Linq_CreateMany()
    {
        var batch = Interlocked.Increment(ref _batch);
        var inputs = new List<UserCreateInput>(Rows);
        for (var i = 0; i < Rows; i++)
        {
            inputs.Add(new UserCreateInput { Email = $"b{batch}-{i}@x.io", Name = $"Bulk {i}", Role = RoleOf(i) });
        }

        return _db.Users.CreateManyAsync(inputs);
    }

    [Benchmark(Baseline = true), BenchmarkCategory(CreateMany)]
    public async Task<ulong> Npgsql_BinaryCopy()
    {
        var batch = Interlocked.Increment(ref _batch);
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync("""COPY "User" ("Email", "Name", "Role") FROM STDIN (FORMAT BINARY)""");
        for (var i = 0; i < Rows; i++)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync($"b{batch}-{i}@x.io", NpgsqlDbType.Text);
            await writer.WriteAsync($"Bulk {i}", NpgsqlDbType.Text);
            await writer.WriteAsync(RoleOf(i));
        }

        return await writer.CompleteAsync();
    }

    [Benchmark, BenchmarkCategory(CreateMany)]
    public async Task<int> Npgsql_MultiRowInsert()
    {
        var batch = Interlocked.Increment(ref _batch);
        await using var connection = await _dataSource.OpenConnectionAsync();
        var inserted = 0;
        for (var start = 0; start < Rows; start += UserMultiRowInsert.MaxRowsPerStatement)
        {
            var count = Math.Min(UserMultiRowInsert.MaxRowsPerStatement, Rows - start);
            await using var command = new NpgsqlCommand(UserMultiRowInsert.Sql(count), connection);
            for (var i = start; i < start + count; i++)
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"b{batch}-{i}@x.io" });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"Bulk {i}" });
                command.Parameters.Add(new NpgsqlParameter<Role> { TypedValue = RoleOf(i) });
            }

            inserted += await command.ExecuteNonQueryAsync();
        }

        return inserted;
    }

    // ---- one upsert of an existing key ----

    [Benchmark, BenchmarkCategory(Upsert)]
    public Task<User> Linq_Upsert()
    {
        var email = UpsertEmail;
        var name = "Upserted " + Interlocked.Increment(ref _upserts);
        return _db.Users.UpsertAsync(u => u.Email == email,
            create: new() { Email = email, Name = name, Role = Role.User },
            update: new() { Name = name });
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Upsert)]
    public async Task<User> Npgsql_Upsert()
    {
        var name = "Upserted " + Interlocked.Increment(ref _upserts);
        await using var command = _dataSource.CreateCommand(
            """
            INSERT INTO "User" ("Email", "Name", "Role") VALUES ($1, $2, $3)
            ON CONFLICT ("Email") DO UPDATE SET "Name" = $4
            RETURNING "Id", "Email", "Name", "Role"
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = UpsertEmail });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<Role> { TypedValue = Role.User });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException("The upsert returned no row.");
        }

        return new User
        {
            Id = reader.GetInt32(0),
            Email = reader.GetString(1),
            Name = reader.IsDBNull(2) ? null : reader.GetString(2),
            Role = reader.GetFieldValue<Role>(3),
        };
    }

    private static Role RoleOf(int i) => i % 50 == 0 ? Role.Admin : Role.User;

    private async Task DeleteCreatedRowsAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using (var delete = new NpgsqlCommand(CleanupSql, connection))
        {
            await delete.ExecuteNonQueryAsync();
        }

        await using var vacuum = new NpgsqlCommand("""VACUUM "User" """, connection);
        await vacuum.ExecuteNonQueryAsync();
    }

    // Every variant once, outside the measurements: same rows stored, same upsert result.
    private async Task VerifyAsync()
    {
        var linq = await Linq_CreateMany();
        var copy = await Npgsql_BinaryCopy();
        var multi = await Npgsql_MultiRowInsert();
        await using (var check = _dataSource.CreateCommand(
            """
            SELECT count(*), count(DISTINCT "Email"), count(*) FILTER (WHERE "Role" = 'Admin'), count(*) FILTER (WHERE "Name" LIKE 'Bulk %')
            FROM "User" WHERE "Email" LIKE 'b%'
            """))
        await using (var reader = await check.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            var counts = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            var expected = (3L * Rows, 3L * Rows, 3L * (Rows / 50), 3L * Rows);
            if ((linq, copy, multi) != (Rows, (ulong)Rows, Rows) || counts != expected)
            {
                throw new InvalidOperationException($"Create variants returned {(linq, copy, multi)} and stored {counts}, expected {expected}.");
            }
        }

        await DeleteCreatedRowsAsync();

        var created = await Npgsql_Upsert();
        var viaLinq = await Linq_Upsert();
        var viaNpgsql = await Npgsql_Upsert();
        if (viaLinq.Id != created.Id || viaNpgsql.Id != created.Id || viaLinq.Email != UpsertEmail || viaLinq.Role != Role.User
            || viaLinq.Name != "Upserted 2" || viaNpgsql.Name != "Upserted 3")
        {
            throw new InvalidOperationException(
                $"Upserts disagree: created {created.Id}, Linq {viaLinq.Id}/{viaLinq.Name}, Npgsql {viaNpgsql.Id}/{viaNpgsql.Name}.");
        }

        Console.WriteLine($"// verified: 3 x {Rows} rows created and deleted; upsert row {created.Id} updated by both variants");
    }
}

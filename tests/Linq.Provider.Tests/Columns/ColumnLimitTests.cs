using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Columns;

/// <summary>
/// <c>[MaxLength]</c> (varchar(n)) and <c>[Precision]</c> (numeric(p,s)): in the DDL, values at the limit stored
/// exactly, values past it refused before any SQL on every write path (P2000/P2020 naming the field), and the
/// database's own errors (raw SQL) mapped to the same codes.
/// </summary>
[Collection("Journal")]
public sealed class ColumnLimitTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTime Opens = new(2024, 1, 1, 9, 0, 0, DateTimeKind.Unspecified);

    [Fact]
    public async Task The_schema_has_the_declared_types()
    {
        var sql = fixture.Db.Schema.CreateSql();
        Assert.Contains("\"Code\" varchar(12) NOT NULL", sql, StringComparison.Ordinal);
        Assert.Contains("\"Amount\" numeric(8,2) NOT NULL", sql, StringComparison.Ordinal);
        Assert.Contains("\"OpensAt\" timestamp NOT NULL", sql, StringComparison.Ordinal);
        Assert.Contains("\"BookedAt\" timestamptz NOT NULL", sql, StringComparison.Ordinal);
        Assert.Contains("\"Version\" integer NOT NULL DEFAULT 0", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("xmin", sql, StringComparison.Ordinal);

        // The pushed schema, as the catalog describes it.
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
            WHERE a.attrelid = '"Journal"'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
            """, connection);
        var types = new Dictionary<string, string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                types[reader.GetString(0)] = reader.GetString(1);
            }
        }

        Assert.Equal("character varying(12)", types["Code"]);
        Assert.Equal("character varying(40)", types["Label"]);
        Assert.Equal("numeric(8,2)", types["Amount"]);
        Assert.Equal("numeric(6,3)", types["Rate"]);
        Assert.Equal("timestamp without time zone", types["OpensAt"]);
        Assert.Equal("timestamp with time zone", types["BookedAt"]);
        Assert.False(types.ContainsKey("RowVersion"));
    }

    [Fact]
    public async Task Values_at_the_limits_are_stored_exactly()
    {
        var code = "ab\U0001F600defghijk"; // 12 characters for PostgreSQL, 13 UTF-16 units
        var created = await fixture.Db.Journals.CreateAsync(new() { Code = code, Amount = 999999.99m, Rate = -999.999m, OpensAt = Opens, BookedAt = DateTime.UtcNow });
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"Code\", \"Amount\", \"Rate\" FROM \"Journal\" WHERE \"Id\" = $1", connection) { Parameters = { new() { Value = created.Id } } };
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(code, reader.GetString(0));
        Assert.Equal(999999.99m, reader.GetDecimal(1));
        Assert.Equal(-999.999m, reader.GetDecimal(2));
        Assert.Equal(code, created.Code);
        Assert.Equal(999999.99m, created.Amount);

        // Trailing zeros are not extra decimal places.
        var zeros = await fixture.Db.Journals.UpdateAsync(l => l.Id == created.Id, new() { Amount = 1.5000m });
        Assert.Equal(1.5m, zeros.Amount);
    }

    private static readonly string[] Paths = ["create", "createMany", "createManyAndReturn", "update", "updateMany", "upsert create", "upsert update", "nested create", "batch updateMany"];

    public static TheoryData<string> WritePaths => [.. Paths];

    [Theory]
    [MemberData(nameof(WritePaths))]
    public async Task A_too_long_string_is_P2000_naming_the_field_before_any_sql(string path)
    {
        var code = "lim" + Array.IndexOf(Paths, path);
        var error = await Assert.ThrowsAsync<ValueTooLongException>(() => WriteAsync(path, code, label: new string('x', 41), amount: 1m));
        Assert.Equal("P2000", error.Code);
        Assert.Equal("Journal", error.Model);
        Assert.Equal(["Label"], error.Fields);
        Assert.Equal(40, error.MaxLength);
        Assert.Null(error.PostgresError);
        Assert.Contains("\"Label\"", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("xxxx", error.Message, StringComparison.Ordinal);
        await AssertUnchangedAsync(code);

        // Trailing spaces past the limit are refused too (PostgreSQL would cut them off silently).
        await Assert.ThrowsAsync<ValueTooLongException>(() => WriteAsync(path, code, label: new string('y', 40) + " ", amount: 1m));
        await AssertUnchangedAsync(code);
    }

    [Theory]
    [MemberData(nameof(WritePaths))]
    public async Task A_number_past_the_precision_or_scale_is_P2020_before_any_sql(string path)
    {
        var code = "num" + Array.IndexOf(Paths, path);
        var scale = await Assert.ThrowsAsync<ValueOutOfRangeException>(() => WriteAsync(path, code, label: null, amount: 1.005m));
        Assert.Equal("P2020", scale.Code);
        Assert.Equal(["Amount"], scale.Fields);
        Assert.Contains("decimal places", scale.Message, StringComparison.Ordinal);
        var range = await Assert.ThrowsAsync<ValueOutOfRangeException>(() => WriteAsync(path, code, label: null, amount: 1000000m));
        Assert.Contains("at most 6 digits", range.Message, StringComparison.Ordinal);
        await AssertUnchangedAsync(code);
    }

    [Fact]
    public async Task Number_operations_that_would_round_are_refused_and_overflow_maps_to_P2020()
    {
        var db = fixture.Db;
        var ledger = await db.Journals.CreateAsync(new() { Code = "num-ops", Amount = 999990m, OpensAt = Opens, BookedAt = DateTime.UtcNow });
        await Assert.ThrowsAsync<ValueOutOfRangeException>(() => db.Journals.UpdateAsync(l => l.Id == ledger.Id, new() { Amount = Op.Increment(0.001m) }));
        await Assert.ThrowsAsync<ValueOutOfRangeException>(() => db.Journals.UpdateAsync(l => l.Id == ledger.Id, new() { Amount = Op.Divide(3m) }));
        await Assert.ThrowsAsync<ValueOutOfRangeException>(() => db.Journals.UpdateAsync(l => l.Id == ledger.Id, new() { Amount = Op.Multiply(1.5m) }));
        Assert.Equal(999990.01m, (await db.Journals.UpdateAsync(l => l.Id == ledger.Id, new() { Amount = Op.Increment(0.01m) })).Amount);

        // The sum leaves numeric(8,2): the database refuses it (22003), typed.
        var overflow = await Assert.ThrowsAsync<ValueOutOfRangeException>(() => db.Journals.UpdateAsync(l => l.Id == ledger.Id, new() { Amount = Op.Increment(100m) }));
        Assert.Equal("P2020", overflow.Code);
        Assert.Equal("22003", overflow.PostgresError!.SqlState);
        Assert.Equal(999990.01m, await ReadAmountAsync(ledger.Id));
    }

    [Fact]
    public async Task Raw_sql_errors_map_to_the_same_codes()
    {
        var db = fixture.Db;
        var tooLong = await Assert.ThrowsAsync<ValueTooLongException>(() =>
            db.ExecuteRawAsync($"INSERT INTO \"Journal\" (\"Code\", \"Amount\", \"OpensAt\", \"BookedAt\") VALUES ({new string('z', 13)}, 1, now(), now())"));
        Assert.Equal("P2000", tooLong.Code);
        Assert.Equal("22001", tooLong.PostgresError!.SqlState);
        var outOfRange = await Assert.ThrowsAsync<ValueOutOfRangeException>(() =>
            db.ExecuteRawAsync($"INSERT INTO \"Journal\" (\"Code\", \"Amount\", \"OpensAt\", \"BookedAt\") VALUES ('raw', {12345678m}, now(), now())"));
        Assert.Equal("P2020", outOfRange.Code);
        Assert.Equal("22003", outOfRange.PostgresError!.SqlState);
    }

    private async Task WriteAsync(string path, string code, string? label, decimal amount)
    {
        var db = fixture.Db;
        JournalCreateInput Input() => new() { Code = code, Label = label, Amount = amount, OpensAt = Opens, BookedAt = DateTime.UtcNow };
        async Task<Journal> ExistingAsync() =>
            await db.Journals.FindUniqueAsync(l => l.Code == code + "e")
            ?? await db.Journals.CreateAsync(new() { Code = code + "e", Amount = 0m, OpensAt = Opens, BookedAt = DateTime.UtcNow });

        switch (path)
        {
            case "create":
                await db.Journals.CreateAsync(Input());
                break;
            case "createMany":
                await db.Journals.CreateManyAsync([new() { Code = code + "ok", OpensAt = Opens, BookedAt = DateTime.UtcNow }, Input()]);
                break;
            case "createManyAndReturn":
                await db.Journals.CreateManyAndReturnAsync([Input()]);
                break;
            case "update":
            {
                var existing = await ExistingAsync();
                await db.Journals.UpdateAsync(l => l.Id == existing.Id, new() { Label = label, Amount = amount });
                break;
            }

            case "updateMany":
            {
                var existing = await ExistingAsync();
                await db.Journals.UpdateManyAsync(l => l.Id == existing.Id, new() { Label = label, Amount = amount });
                break;
            }

            case "upsert create":
                await db.Journals.UpsertAsync(l => l.Code == code, Input(), new() { Label = "fine" });
                break;
            case "upsert update":
            {
                var existing = await ExistingAsync();
                await db.Journals.UpsertAsync(l => l.Code == existing.Code, new() { Code = existing.Code, OpensAt = Opens, BookedAt = DateTime.UtcNow },
                    new() { Label = label, Amount = amount });
                break;
            }

            case "nested create":
                // The bad value sits on the parent; the nested child must not be written either.
                await db.Journals.CreateAsync(new()
                {
                    Code = code, Label = label, Amount = amount, OpensAt = Opens, BookedAt = DateTime.UtcNow,
                    Entries = new() { Create = [new() { At = Opens, Stamped = DateTime.UtcNow, Stamp = Guid.NewGuid() }] },
                });
                break;
            case "batch updateMany":
            {
                var existing = await ExistingAsync();
                await db.TransactionAsync(Batch.UpdateMany(db.Journals, l => l.Id == existing.Id, new JournalUpdateInput { Label = label, Amount = amount }),
                    Batch.DeleteMany(db.Journals, l => l.Id == -1));
                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(path));
        }
    }

    // Nothing of the refused write reached the database: no row with the code, the existing row untouched.
    private async Task AssertUnchangedAsync(string code)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM \"Journal\" WHERE \"Code\" = $1 OR \"Code\" = $2 OR (\"Code\" = $3 AND (\"Amount\" <> 0 OR \"Label\" IS NOT NULL))", connection)
        {
            Parameters = { new() { Value = code }, new() { Value = code + "ok" }, new() { Value = code + "e" } },
        };
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }

    private async Task<decimal> ReadAmountAsync(int id)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"Amount\" FROM \"Journal\" WHERE \"Id\" = $1", connection) { Parameters = { new() { Value = id } } };
        return (decimal)(await command.ExecuteScalarAsync())!;
    }
}

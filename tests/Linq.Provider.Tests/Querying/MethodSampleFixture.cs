using System.Text.Json;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// A fresh database whose TypeSample rows hold the edge values of the method translations (midpoints, negatives,
/// nulls, emoji and other characters outside the BMP, combining marks, empty text, month ends, leap days), written
/// and read back with plain Npgsql only, so the expected results never pass through the code under test.
/// </summary>
public sealed class MethodSampleFixture : IAsyncLifetime
{
    private readonly DatabaseFixture _database = new();

    public TestDb Db => _database.Db;

    public List<TypeSample> Rows { get; private set; } = [];

    public string ConnectionString => _database.ConnectionString;

    public static readonly string[] Texts =
    [
        "", "a", "hello world", "🎉 party", "𝄞music", "e\u0301 combining", "日本語", "\uFFFD replacement", "\uE000 private", "abc🎉abc🎉",
        "  x", "xx", "ab", "Ab", "b", "a🎉", "🎉", "Hello", "hello", "l", "x\\y", "100%", "ééé", "\U0010FFFF", "\\360🎉\\\\36 z",
    ];

    public static readonly string?[] NullableTexts = [null, "", "a", "🎉", "ab", "b", "abc", null, "hello", "xyz🎉", "é", "\uFFFD", null, "l", "A"];

    public static readonly decimal[] Decimals =
    [
        0m, 0.5m, 1.5m, 2.5m, -0.5m, -1.5m, -2.5m, 1.25m, 1.35m, -1.25m, 2.675m, 1.005m, 0.125m, 123.456m, -0.001m, 1234567.891011m,
        0.3333333333333333333333333333m, 7m, -7m, 3.14159m, 10m, -10.5m, 99.995m, 0.05m, -0.05m,
    ];

    public static readonly double[] Doubles =
    [
        0, 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 1.25, 1.35, -1.25, 2.675, 1.005, 0.125, 123.456, -0.001, 1234567.891011, 1.0 / 3, 7, -7, 3.14159, 10,
        -10.5, 99.995, 0.05, 4503599627370495.5,
    ];

    public static readonly DateTime[] Timestamps =
    [
        new(2024, 1, 31, 10, 0, 0, DateTimeKind.Utc),
        new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_990),
        new(2023, 12, 31, 23, 30, 0, DateTimeKind.Utc),
        new(2020, 3, 31, 0, 0, 0, DateTimeKind.Utc),
        new(1999, 12, 31, 23, 59, 59, DateTimeKind.Utc),
        new(2024, 3, 10, 1, 30, 0, DateTimeKind.Utc),
        new(2023, 2, 28, 12, 0, 0, DateTimeKind.Utc),
        new DateTime(2000, 2, 29, 6, 7, 8, DateTimeKind.Utc).AddTicks(1_234_560),
        new(2024, 10, 27, 1, 0, 0, DateTimeKind.Utc),
        new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        new(2038, 1, 19, 3, 14, 8, DateTimeKind.Utc),
        new(2024, 12, 31, 23, 59, 59, DateTimeKind.Utc),
        new(2024, 5, 31, 12, 0, 0, DateTimeKind.Utc),
    ];

    public static readonly DateOnly[] Dates =
    [
        new(2024, 1, 31), new(2024, 2, 29), new(2023, 2, 28), new(2000, 2, 29), new(2024, 12, 31), new(2023, 1, 1), new(2024, 3, 31), new(1999, 12, 31),
    ];

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await using var source = NpgsqlDataSource.Create(_database.ConnectionString);
        const string insert = """
            INSERT INTO "TypeSample" ("Int", "IntN", "Long", "LongN", "Short", "ShortN", "Bool", "BoolN", "Text", "TextN", "Decimal", "DecimalN",
              "Double", "DoubleN", "Float", "FloatN", "Guid", "GuidN", "Timestamp", "TimestampN", "Offset", "OffsetN", "Date", "DateN", "Time", "TimeN",
              "Bytes", "Mood", "MoodN", "Tags", "TagsN", "Numbers", "Json", "Element")
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26,
              '\x00'::bytea, $27::mood, $28::mood, $29, $30, '{}'::integer[], '{}'::jsonb, '0'::jsonb)
            """;
        for (var i = 0; i < 30; i++)
        {
            await using var command = source.CreateCommand(insert);
            var nul = i % 4 == 1;
            var timestamp = Timestamps[i % Timestamps.Length].AddHours(i / Timestamps.Length * 7);
            object?[] values =
            [
                i * 7 % 23 - 11, nul ? null : (i % 5) - 2, (i - 15) * 3_000_000_000L, nul ? null : (long?)i, (short)(i * 3 - 40), nul ? null : (short?)(i % 7),
                i % 2 == 0, i % 3 == 0 ? null : i % 3 == 1,
                Texts[i % Texts.Length], NullableTexts[i % NullableTexts.Length],
                Decimals[i % Decimals.Length], nul ? null : Decimals[(i * 7 + 3) % Decimals.Length],
                Doubles[i % Doubles.Length], nul ? null : Doubles[(i * 5 + 2) % Doubles.Length],
                (float)(i * 0.25 - 3), nul ? null : (float?)(i * 0.5),
                new Guid(i * 1_234_567, (short)i, (short)(i * 3), [0xAB, 0xCD, 0, 1, 2, 3, 4, (byte)i]), nul ? null : Guid.Empty,
                timestamp, nul ? null : Timestamps[(i + 5) % Timestamps.Length],
                new DateTimeOffset(Timestamps[(i + 2) % Timestamps.Length]), nul ? null : new DateTimeOffset(Timestamps[(i + 7) % Timestamps.Length]),
                Dates[i % Dates.Length], nul ? null : Dates[(i + 3) % Dates.Length],
                new TimeOnly(i % 24, i * 2 % 60), nul ? null : new TimeOnly(23, 59, i % 60),
                ((Mood)(i % 3)).ToString(), i % 5 == 4 ? null : ((Mood)((i + 1) % 3)).ToString(),
                new[] { "t" + i, i % 3 == 0 ? "" : "x" }, nul ? null : new[] { "n" + i },
            ];
            foreach (var value in values)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            }

            await command.ExecuteNonQueryAsync();
        }

        await using var read = source.CreateCommand("""
            SELECT "Id", "Int", "IntN", "Long", "LongN", "Short", "ShortN", "Bool", "BoolN", "Text", "TextN", "Decimal", "DecimalN", "Double", "DoubleN",
              "Float", "FloatN", "Guid", "GuidN", "Timestamp", "TimestampN", "Offset", "OffsetN", "Date", "DateN", "Time", "TimeN", "Mood"::text, "MoodN"::text,
              "Tags", "TagsN"
            FROM "TypeSample" ORDER BY "Id"
            """);
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            T? N<T>(int ordinal) where T : struct => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
            Rows.Add(new TypeSample
            {
                Id = reader.GetInt64(0), Int = reader.GetInt32(1), IntN = N<int>(2), Long = reader.GetInt64(3), LongN = N<long>(4), Short = reader.GetInt16(5),
                ShortN = N<short>(6), Bool = reader.GetBoolean(7), BoolN = N<bool>(8), Text = reader.GetString(9), TextN = reader.IsDBNull(10) ? null : reader.GetString(10),
                Decimal = reader.GetDecimal(11), DecimalN = N<decimal>(12), Double = reader.GetDouble(13), DoubleN = N<double>(14), Float = reader.GetFloat(15),
                FloatN = N<float>(16), Guid = reader.GetGuid(17), GuidN = N<Guid>(18), Timestamp = reader.GetFieldValue<DateTime>(19), TimestampN = N<DateTime>(20),
                Offset = reader.GetFieldValue<DateTimeOffset>(21), OffsetN = N<DateTimeOffset>(22), Date = reader.GetFieldValue<DateOnly>(23), DateN = N<DateOnly>(24),
                Time = reader.GetFieldValue<TimeOnly>(25), TimeN = N<TimeOnly>(26), Mood = Enum.Parse<Mood>(reader.GetString(27)),
                MoodN = reader.IsDBNull(28) ? null : Enum.Parse<Mood>(reader.GetString(28)), Tags = reader.GetFieldValue<string[]>(29),
                TagsN = reader.IsDBNull(30) ? null : reader.GetFieldValue<string[]>(30),
                Bytes = [0], Numbers = [], Json = JsonDocument.Parse("{}"), Element = default,
            });
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var row in Rows)
        {
            row.Json.Dispose();
        }

        await _database.DisposeAsync();
    }
}

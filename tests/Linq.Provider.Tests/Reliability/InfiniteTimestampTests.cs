using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Reliability;

/// <summary>
/// <c>DateTime.MinValue</c>/<c>MaxValue</c> (of any kind), <c>DateTimeOffset.MinValue</c>/<c>MaxValue</c> and
/// <c>DateOnly.MinValue</c>/<c>MaxValue</c> would be stored as PostgreSQL's ±infinity, after which date parts and date
/// arithmetic fail for the table. The documented behaviour: every write path refuses them before any SQL (nothing is
/// stored, checked with plain Npgsql); queries may still compare with them.
/// </summary>
public sealed class InfiniteTimestampTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    public static TheoryData<int> Cases => [0, 1, 2, 3, 4, 5];

    private static DateTime Value(int index) => index switch
    {
        0 => DateTime.MinValue,
        1 => DateTime.MaxValue,
        2 => DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc),
        3 => DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc),
        4 => DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Local),
        _ => DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Unspecified),
    };

    private async Task<long> StoredInfinitiesAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FROM "Journal" WHERE "BookedAt" IN ('infinity', '-infinity') OR "OpensAt" IN ('infinity', '-infinity')
                OR "SettledAt" IN ('infinity', '-infinity') OR "ClosesAt" IN ('infinity', '-infinity')
            """, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_write_path_refuses_infinite_dates_and_stores_nothing(int index)
    {
        var db = fixture.Db;
        var value = Value(index);
        var code = "inf" + index + Guid.NewGuid().ToString("N")[..6];
        var wall = new DateTime(2024, 1, 1, 9, 0, 0, DateTimeKind.Unspecified);
        var instant = new DateTime(2024, 1, 1, 9, 0, 0, DateTimeKind.Utc);

        // timestamptz and timestamp columns, nullable and not, on create, createMany (unnest and COPY), update, upsert.
        var error = await Assert.ThrowsAsync<ArgumentException>(() => db.Journals.CreateAsync(new() { Code = code, OpensAt = wall, BookedAt = value }));
        Assert.Contains("BookedAt", error.Message);
        Assert.Contains("infinity", error.Message);
        if (value.Kind != DateTimeKind.Utc)
        {
            await Assert.ThrowsAsync<ArgumentException>(() => db.Journals.CreateAsync(new() { Code = code, OpensAt = value, BookedAt = instant }));
        }

        await Assert.ThrowsAsync<ArgumentException>(() => db.Journals.CreateAsync(new() { Code = code, OpensAt = wall, BookedAt = instant, SettledAt = value }));
        await Assert.ThrowsAsync<ArgumentException>(() => db.Journals.CreateManyAsync(new List<JournalCreateInput> { new() { Code = code, OpensAt = wall, BookedAt = value } }));
        await Assert.ThrowsAsync<ArgumentException>(() => db.Journals.CreateManyAsync(
            Enumerable.Range(0, 1_100).Select(i => new JournalCreateInput { Code = $"c{i}-{index}", OpensAt = wall, BookedAt = i == 1_000 ? value : instant }).ToList()));

        var row = await db.Journals.CreateAsync(new() { Code = code, OpensAt = wall, BookedAt = instant });
        await Assert.ThrowsAsync<ArgumentException>(() => db.Journals.UpdateAsync(j => j.Id == row.Id, new() { BookedAt = value }));
        await Assert.ThrowsAsync<ArgumentException>(() => db.Journals.UpdateManyAsync(j => j.Id == row.Id, new() { SettledAt = value }));
        await Assert.ThrowsAsync<ArgumentException>(() => db.Journals.UpsertAsync(j => j.Code == code,
            create: new() { Code = code, OpensAt = wall, BookedAt = instant }, update: new() { BookedAt = value }));
        Assert.Equal(0, await StoredInfinitiesAsync());

        // Queries still compare with them (nothing is stored), and the row reads back the same on both relation paths.
        Assert.Equal(1, await db.Journals.CountAsync(j => j.Code == code && j.BookedAt > DateTime.MinValue && j.BookedAt < DateTime.MaxValue));
        Assert.Equal(instant, (await db.Journals.SingleAsync(j => j.Code == code)).BookedAt);
        await db.Journals.DeleteAsync(j => j.Id == row.Id);
    }

    [Fact]
    public async Task Infinite_offsets_and_dates_are_refused_too()
    {
        var db = fixture.Db;
        await Assert.ThrowsAsync<ArgumentException>(() => db.TypeSamples.UpdateManyAsync(s => s.Id < 0, new() { Offset = DateTimeOffset.MinValue }));
        await Assert.ThrowsAsync<ArgumentException>(() => db.TypeSamples.UpdateManyAsync(s => s.Id < 0, new() { OffsetN = DateTimeOffset.MaxValue }));
        await Assert.ThrowsAsync<ArgumentException>(() => db.TypeSamples.UpdateManyAsync(s => s.Id < 0, new() { Date = DateOnly.MinValue }));
        await Assert.ThrowsAsync<ArgumentException>(() => db.TypeSamples.UpdateManyAsync(s => s.Id < 0, new() { DateN = DateOnly.MaxValue }));
        Assert.Equal(0, await db.TypeSamples.UpdateManyAsync(s => s.Id < 0, new() { Date = new DateOnly(2024, 2, 29) }));
    }
}

using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// The SQL of writes by unique key on clients with a global filter: the filter over the row's own columns in the
/// statement's own WHERE over the filter's alias "t0" (update, delete, the upsert's ON CONFLICT … WHERE, the conflict
/// check of a token), and, for a filter through a to-one navigation, the primary key IN the filter's key SELECT over
/// "target". The filter's captured value is a parameter. A change to these texts shows up in review.
/// </summary>
public sealed class KeyWriteFilterSqlSnapshotTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Statements_are_as_recorded()
    {
        await using var plain = new TestDb(fixture.ConnectionString);
        var owner = "o";
        var soft = plain.WithExtensions(x => x.Filter<Journal>(j => j.SettledAt == null));
        var seats = plain.WithExtensions(x => x.Filter<Seat>(s => s.Booth != null && s.Booth.Owner == owner));
        var code = "nobody";
        var opens = new DateTime(2024, 1, 1, 9, 0, 0, DateTimeKind.Unspecified);
        using var sent = StatementSpans.Of(fixture.ConnectionString);

        await soft.Journals.UpdateAsync(j => j.Code == code, new() { Label = "l", Amount = Op.Increment(1m) }).AsResult();
        await soft.Journals.UpdateAsync(j => j.Code == code && j.Version == 3, new() { Label = "l" }).AsResult();
        await soft.Journals.DeleteAsync(j => j.Code == code).AsResult();
        await soft.Journals.UpsertAsync(j => j.Code == code, new() { Code = code, OpensAt = opens, BookedAt = DateTime.UnixEpoch }, new() { Label = "u" });
        await seats.Seats.UpdateAsync(s => s.Row == code && s.Number == 1, new() { Tag = "t" }).AsResult();
        await seats.Seats.DeleteAsync(s => s.Row == code && s.Number == 1).AsResult();
        await seats.Seats.UpsertAsync(s => s.Row == code && s.Number == 1, new() { Row = code, Number = 1, Price = 1 }, new() { Tag = "u" });

        const string JournalColumns = "\"t0\".\"Id\", \"t0\".\"Code\", \"t0\".\"Label\", \"t0\".\"Amount\", \"t0\".\"Rate\", \"t0\".\"OpensAt\", \"t0\".\"ClosesAt\", \"t0\".\"BookedAt\", \"t0\".\"SettledAt\", \"t0\".\"Version\", \"t0\".\"xmin\"";
        const string SeatColumns = "\"target\".\"Row\", \"target\".\"Number\", \"target\".\"Holder\", \"target\".\"Price\", \"target\".\"Feeling\", \"target\".\"Tag\", \"target\".\"BoothId\"";
        const string SeatKeys = "ROW(\"target\".\"Row\", \"target\".\"Number\") IN (SELECT \"t0\".\"Row\", \"t0\".\"Number\" FROM \"Seat\" AS \"t0\" LEFT JOIN \"Booth\" AS \"t1\" ON \"t1\".\"Id\" = \"t0\".\"BoothId\" WHERE (\"t0\".\"BoothId\" IS NOT NULL) AND (\"t1\".\"Owner\" = $";
        string[] expected =
        [
            "UPDATE \"Journal\" AS \"t0\" SET \"Label\" = $1, \"Amount\" = \"t0\".\"Amount\" + $2, \"Version\" = \"t0\".\"Version\" + 1 WHERE (\"t0\".\"Code\" = $3) AND (\"t0\".\"SettledAt\" IS NULL) RETURNING " + JournalColumns,
            "UPDATE \"Journal\" AS \"t0\" SET \"Label\" = $1, \"Version\" = \"t0\".\"Version\" + 1 WHERE ((\"t0\".\"Code\" = $2) AND (\"t0\".\"Version\" = $3)) AND (\"t0\".\"SettledAt\" IS NULL) RETURNING " + JournalColumns,
            "SELECT 1 FROM \"Journal\" AS \"t0\" WHERE (\"t0\".\"Code\" = $1) AND (\"t0\".\"SettledAt\" IS NULL)",
            "DELETE FROM \"Journal\" AS \"t0\" WHERE (\"t0\".\"Code\" = $1) AND (\"t0\".\"SettledAt\" IS NULL) RETURNING " + JournalColumns,
            "INSERT INTO \"Journal\" AS \"t0\" (\"Code\", \"Label\", \"Rate\", \"OpensAt\", \"ClosesAt\", \"BookedAt\", \"SettledAt\") VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (\"Code\") DO UPDATE SET \"Label\" = $8, \"Version\" = \"t0\".\"Version\" + 1 WHERE \"t0\".\"SettledAt\" IS NULL RETURNING " + JournalColumns,
            "UPDATE \"Seat\" AS \"target\" SET \"Tag\" = $1 WHERE ((\"target\".\"Row\" = $2) AND (\"target\".\"Number\" = $3)) AND (" + SeatKeys + "4))) RETURNING " + SeatColumns,
            "DELETE FROM \"Seat\" AS \"target\" WHERE ((\"target\".\"Row\" = $1) AND (\"target\".\"Number\" = $2)) AND (" + SeatKeys + "3))) RETURNING " + SeatColumns,
            "INSERT INTO \"Seat\" AS \"target\" (\"Row\", \"Number\", \"Holder\", \"Price\", \"Feeling\", \"Tag\", \"BoothId\") VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (\"Row\", \"Number\") DO UPDATE SET \"Tag\" = $8 WHERE " + SeatKeys + "9)) RETURNING " + SeatColumns,
        ];
        Assert.Equal(expected, sent.Texts);
    }
}

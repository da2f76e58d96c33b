using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// The SQL UpdateMany and DeleteMany send, in both forms: the predicate in the statement's own WHERE over the row alias
/// "t0" (correlated sub-selects refer to it), and, for a filter over a joined row, the primary key (a row value for a
/// composite key) IN the filter's key SELECT. A change to these texts shows up in review.
/// </summary>
public sealed class ManyWriteSqlSnapshotTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Statements_are_as_recorded()
    {
        await using var db = new TestDb(fixture.ConnectionString);
        var name = "nobody-" + Guid.NewGuid().ToString("N");
        var price = 10;
        var owner = "o";
        var email = "nobody@x.io";
        using var sent = StatementSpans.Of(fixture.ConnectionString);
        await db.Booths.UpdateManyAsync(b => b.Name == name && b.Seats.Any(s => s.Price > price), new() { Owner = owner, Kind = Mood.Sad });
        await db.Booths.DeleteManyAsync(b => b.Name == name && b.Owner == null);
        await db.Seats.UpdateManyAsync(s => s.Holder == name && s.Booth!.Owner == owner, new() { Price = Op.Increment(1), Holder = null });
        await db.Seats.DeleteManyAsync(s => s.Holder == name && s.Booth!.Owner == owner);
        await db.Accounts.UpdateManyAsync(a => a.Email == email, new() { Balance = Op.Decrement(1m) });
        await db.Journals.UpdateManyAsync(j => j.Code == name, new() { Label = "l" });
        await db.TransactionAsync(
            Batch.UpdateMany(db.Booths, b => b.Name == name, new BoothUpdateInput { Owner = owner }),
            Batch.DeleteMany(db.Seats, s => s.Holder == name && s.Booth!.Owner == owner));

        string[] expected =
        [
            "UPDATE \"Booth\" AS \"t0\" SET \"Owner\" = $1, \"Kind\" = $2 WHERE (\"t0\".\"Name\" = $3) AND EXISTS (SELECT 1 FROM \"Seat\" AS \"t1\" WHERE (\"t1\".\"BoothId\" = \"t0\".\"Id\") AND (\"t1\".\"Price\" > $4))",
            "DELETE FROM \"Booth\" AS \"t0\" WHERE (\"t0\".\"Name\" = $1) AND (\"t0\".\"Owner\" IS NULL)",
            "UPDATE \"Seat\" AS \"target\" SET \"Holder\" = $1, \"Price\" = \"target\".\"Price\" + $2 WHERE ROW(\"target\".\"Row\", \"target\".\"Number\") IN (SELECT \"t0\".\"Row\", \"t0\".\"Number\" FROM \"Seat\" AS \"t0\" LEFT JOIN \"Booth\" AS \"t1\" ON \"t1\".\"Id\" = \"t0\".\"BoothId\" WHERE (\"t0\".\"Holder\" = $3) AND (\"t1\".\"Owner\" = $4))",
            "DELETE FROM \"Seat\" AS \"target\" WHERE ROW(\"target\".\"Row\", \"target\".\"Number\") IN (SELECT \"t0\".\"Row\", \"t0\".\"Number\" FROM \"Seat\" AS \"t0\" LEFT JOIN \"Booth\" AS \"t1\" ON \"t1\".\"Id\" = \"t0\".\"BoothId\" WHERE (\"t0\".\"Holder\" = $1) AND (\"t1\".\"Owner\" = $2))",
            // The schema's range check bounds the column, so no guard (DecimalRangeCheckTests has both forms).
            "UPDATE \"Account\" AS \"t0\" SET \"Balance\" = \"t0\".\"Balance\" - $1 WHERE \"t0\".\"Email\" = $2",
            "UPDATE \"Journal\" AS \"t0\" SET \"Label\" = $1, \"Version\" = \"t0\".\"Version\" + 1 WHERE \"t0\".\"Code\" = $2",
            "BEGIN;\nWITH \"w\" AS (UPDATE \"Booth\" AS \"t0\" SET \"Owner\" = $1 WHERE \"t0\".\"Name\" = $2 RETURNING 1) SELECT count(*)::integer FROM \"w\";\nWITH \"w\" AS (DELETE FROM \"Seat\" AS \"target\" WHERE ROW(\"target\".\"Row\", \"target\".\"Number\") IN (SELECT \"t0\".\"Row\", \"t0\".\"Number\" FROM \"Seat\" AS \"t0\" LEFT JOIN \"Booth\" AS \"t1\" ON \"t1\".\"Id\" = \"t0\".\"BoothId\" WHERE (\"t0\".\"Holder\" = $1) AND (\"t1\".\"Owner\" = $2)) RETURNING 1) SELECT count(*)::integer FROM \"w\";\nCOMMIT",
        ];
        Assert.Equal(expected, sent.Texts);
    }
}

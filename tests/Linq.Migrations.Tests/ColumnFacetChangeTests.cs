using Linq.Migrations.Safety;
using Linq.Migrations.Tests.Infrastructure;
using static Linq.Migrations.Tests.Models;

namespace Linq.Migrations.Tests;

/// <summary>
/// Length, precision and time-zone changes: introspection reads varchar(n), numeric(p,s) and timestamp back as the
/// model writes them (no diff), the differ sees a changed length or precision, widening is safe and narrowing is
/// destructive with the rows it would cut, round or refuse counted.
/// </summary>
public sealed class ColumnFacetChangeTests
{
    private static TableDefinition Ledger(string code, string amount, string opens) =>
        Table("Ledger", [Col("Id", "integer", identity: true), Col("Code", code, nullable: true), Col("Amount", amount, nullable: true), Col("OpensAt", opens, nullable: true)],
            primaryKey: ["Id"]);

    [Fact]
    public async Task Model_types_read_back_without_a_diff()
    {
        await using var db = await TestDatabase.CreateAsync();
        var schema = Schema(Ledger("varchar(12)", "numeric(8,2)", "timestamp"));
        await db.PushAsync(schema);
        Assert.Empty(await db.DiffToAsync(schema));
    }

    [Fact]
    public async Task Widening_is_safe_and_narrowing_counts_what_it_would_lose()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.PushAsync(Schema(Ledger("varchar(12)", "numeric(8,2)", "timestamptz")));
        await db.ExecuteAsync("""
            INSERT INTO "Ledger" ("Code", "Amount", "OpensAt") VALUES
              ('short', 1.25, now()), ('twelve chars', 123456.10, now()), ('ten  chars', 99.99, NULL), (NULL, NULL, NULL);
            """);

        var wider = await CheckAsync(db, Schema(Ledger("varchar(40)", "numeric(12,4)", "timestamptz")));
        Assert.Equal(2, wider.Count);
        Assert.All(wider, r => Assert.Equal((OperationSafety.Safe, (long?)null), (r.Safety, r.AffectedRows)));

        var narrower = await CheckAsync(db, Schema(Ledger("varchar(8)", "numeric(6,1)", "timestamp")));
        long? Rows(string column) => narrower.Single(r => r.Operation is AlterColumnTypeOperation a && a.Column == column).AffectedRows;
        Assert.All(narrower, r => Assert.Equal(OperationSafety.Destructive, r.Safety));
        Assert.Equal(2, Rows("Code"));    // 'twelve chars' and 'ten  chars' are longer than 8
        Assert.Equal(3, Rows("Amount"));  // 1.25 and 99.99 would be rounded, 123456.10 does not fit 5 integer digits
        var zone = narrower.Single(r => r.Operation is AlterColumnTypeOperation { Column: "OpensAt" });
        Assert.Equal(2, zone.AffectedRows);
        Assert.Contains("session's time zone", zone.Warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("numeric(8,2)", "numeric(10,2)", true)]
    [InlineData("numeric(8,2)", "numeric(9,3)", true)]
    [InlineData("numeric(8,2)", "numeric(8,3)", false)]
    [InlineData("numeric(8,2)", "numeric(8,1)", false)]
    [InlineData("numeric(8,2)", "numeric", true)]
    [InlineData("numeric", "numeric(8,2)", false)]
    [InlineData("integer", "numeric(10,0)", true)]
    [InlineData("integer", "numeric(9,0)", false)]
    [InlineData("varchar(10)", "varchar(20)", true)]
    [InlineData("varchar(20)", "varchar(10)", false)]
    [InlineData("text", "varchar(10)", false)]
    [InlineData("varchar(10)", "text", true)]
    [InlineData("timestamptz", "timestamp", false)]
    [InlineData("timestamp", "timestamptz", false)]
    public void Widening_is_recognised(string from, string to, bool widening) =>
        Assert.Equal(widening, OperationClassifier.IsWidening(from, to));

    private static async Task<IReadOnlyList<ClassifiedOperation>> CheckAsync(TestDatabase db, SchemaDefinition target)
    {
        var operations = await db.DiffToAsync(target);
        await using var connection = await db.DataSource.OpenConnectionAsync();
        return await DestructiveChangeChecker.CheckAsync(connection, operations);
    }
}

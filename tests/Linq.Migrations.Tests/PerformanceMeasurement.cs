using System.Diagnostics;
using System.Globalization;
using Linq.Migrations.Diffing;
using Linq.Migrations.Introspection;
using Linq.Migrations.Tests.Infrastructure;
using Xunit.Abstractions;
using static Linq.Migrations.Tests.Models;

namespace Linq.Migrations.Tests;

/// <summary>Measures introspect + diff of a generated 100-table schema and prints the times; asserts only correctness.</summary>
public sealed class PerformanceMeasurement(ITestOutputHelper output)
{
    public static SchemaDefinition Generated(int tables)
    {
        var enums = new[] { new EnumTypeDefinition("Status", ["Active", "Suspended", "Closed"]), new EnumTypeDefinition("Level", ["Low", "Mid", "High"]) };
        var list = new List<TableDefinition>();
        for (var i = 0; i < tables; i++)
        {
            var name = "Entity" + i.ToString("D3", CultureInfo.InvariantCulture);
            var parent = i == 0 ? null : "Entity" + (i - 1).ToString("D3", CultureInfo.InvariantCulture);
            List<ColumnDefinition> columns =
            [
                Col("Id", "integer", identity: true),
                Col("Code", "text"),
                Col("Name", "text", nullable: true),
                Col("Amount", "numeric", @default: ColumnDefault.Number("0")),
                Col("Active", "boolean", @default: ColumnDefault.Boolean(true)),
                Col("Status", "\"Status\"", @default: ColumnDefault.TypedText("Active", "\"Status\"")),
                Col("Levels", "\"Level\"[]", nullable: true),
                Col("Tags", "text[]", nullable: true),
                Col("Data", "jsonb", nullable: true),
                Col("CreatedAt", "timestamptz", @default: ColumnDefault.Now),
            ];
            List<ForeignKeyDefinition> fks = [];
            List<IndexDefinition> indexes = [new IndexDefinition(name + "_Name_CreatedAt_idx", ["Name", "CreatedAt"])];
            if (parent is not null)
            {
                columns.Add(Col("ParentId", "integer", nullable: true));
                fks.Add(new ForeignKeyDefinition(name + "_ParentId_fkey", ["ParentId"], parent, ["Id"], ReferentialAction.SetNull));
                indexes.Add(new IndexDefinition(name + "_ParentId_idx", ["ParentId"]));
            }

            list.Add(Table(name, columns, primaryKey: ["Id"], uniques: [new UniqueConstraintDefinition(name + "_Code_key", ["Code"])], foreignKeys: fks, indexes: indexes));
        }

        return new SchemaDefinition(enums, list);
    }

    [Fact]
    public async Task Introspect_and_diff_a_100_table_schema()
    {
        await using var db = await TestDatabase.CreateAsync();
        var model = Generated(100);
        await db.PushAsync(model);
        var options = new SchemaDiffOptions { CurrentSchema = "public" };

        var times = new List<double>();
        var introspectTimes = new List<double>();
        for (var run = 0; run < 6; run++)
        {
            await using var connection = await db.DataSource.OpenConnectionAsync();
            var stopwatch = Stopwatch.StartNew();
            var schema = await SchemaIntrospector.IntrospectAsync(connection);
            introspectTimes.Add(stopwatch.Elapsed.TotalMilliseconds);
            var operations = SchemaDiffer.Diff(schema, model, options);
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
            Assert.Empty(operations);
            Assert.Equal(100, schema.Tables.Count);
        }

        var warm = times.Skip(1).Order().ToList();
        var line = string.Create(CultureInfo.InvariantCulture,
            $"100 tables, 1,099 columns, 99 foreign keys, 199 indexes: introspect+diff first run {times[0]:F0} ms (introspect {introspectTimes[0]:F0} ms), warm median {warm[warm.Count / 2]:F0} ms (min {warm[0]:F0} ms)");
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}

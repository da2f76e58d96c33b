using System.Linq.Expressions;
using System.Text.Json;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Querying;

/// <summary>Racks with parcels whose <c>[JsonColumn]</c> addresses are written by <c>CreateAsync</c>/<c>CreateManyAsync</c>; the tests read them back with plain Npgsql.</summary>
public sealed class ParcelFixture : IAsyncLifetime
{
    private readonly DatabaseFixture _database = new();

    public TestDb Db => _database.Db;

    public string ConnectionString => _database.ConnectionString;

    public List<int> RackIds { get; } = [];

    public static Address AddressOf(int i) => new()
    {
        City = (i % 3) switch { 0 => "Oslo", 1 => "Bergen", _ => "Tromsø" },
        Zip = i % 4 == 0 ? null : "0" + (150 + i),
        Floor = i % 5,
        Fee = i * 2.25m,
        Express = i % 2 == 0,
        Location = i % 3 == 2 ? null : new Geo(59.9 + i, 10.7 - i),
        Lines = [.. Enumerable.Range(0, i % 3).Select(n => "line " + n)],
        Secret = "never stored",
    };

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        for (var r = 0; r < 2; r++)
        {
            RackIds.Add((await Db.Racks.CreateAsync(new() { Name = "rack " + r })).Id);
        }

        for (var i = 0; i < 8; i++)
        {
            await Db.Parcels.CreateAsync(new() { RackId = RackIds[i % 2], Label = "p" + i, Shipping = AddressOf(i), Billing = i % 3 == 0 ? null : AddressOf(i + 1) });
        }

        await Db.Parcels.CreateManyAsync(
            [.. Enumerable.Range(8, 4).Select(i => new ParcelCreateInput { RackId = RackIds[i % 2], Label = "p" + i, Shipping = AddressOf(i), Billing = i % 3 == 0 ? null : AddressOf(i + 1) })]);
    }

    public Task DisposeAsync() => _database.DisposeAsync();
}

/// <summary>
/// <c>[JsonColumn]</c> columns: written and read back exactly through creates, updates, queries, includes and nested selects;
/// filters, orderings and projections over their members with the names the serializer writes (camelCase policy,
/// <c>[JsonPropertyName]</c>), against LINQ-to-Objects over rows read with plain Npgsql.
/// </summary>
public sealed class TypedJsonTests(ParcelFixture fixture) : IClassFixture<ParcelFixture>
{
    private TestDb Db => fixture.Db;

    private sealed record Row(int Id, int RackId, string Label, Address Shipping, Address? Billing, string ShippingJson);

    // Plain Npgsql, deserialized with the same source-generated context (the stored JSON is checked separately).
    private async Task<List<Row>> RowsAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT \"Id\", \"RackId\", \"Label\", \"Shipping\"::text, \"billing\"::text FROM \"Parcel\" ORDER BY \"Id\"");
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var shipping = reader.GetString(3);
            rows.Add(new Row(reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2),
                JsonSerializer.Deserialize(shipping, ParcelJsonContext.Default.Address)!,
                reader.IsDBNull(4) ? null : JsonSerializer.Deserialize(reader.GetString(4), ParcelJsonContext.Default.Address), shipping));
        }

        return rows;
    }

    private static void Same(Address? expected, Address? actual)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is not null)
        {
            Assert.Equal(expected with { Lines = actual!.Lines }, actual);
            Assert.Equal(expected.Lines, actual.Lines);
        }
    }

    [Fact]
    public async Task Stored_json_uses_the_contexts_names_and_reads_back_exactly()
    {
        var rows = await RowsAsync();
        Assert.Equal(12, rows.Count);
        Assert.All(rows, r => Assert.Contains("\"city\":", r.ShippingJson));
        Assert.Contains(rows, r => r.ShippingJson.Contains("\"postal_code\": \"0", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.DoesNotContain("never stored", r.ShippingJson));

        var parcels = await Db.Parcels.OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(rows.Select(r => r.Id), parcels.Select(p => p.Id));
        foreach (var (row, parcel) in rows.Zip(parcels))
        {
            Same(row.Shipping, parcel.Shipping);
            Same(row.Billing, parcel.Billing);
            Same(ParcelFixture.AddressOf(int.Parse(parcel.Label[1..])) with { Secret = null }, parcel.Shipping);
        }
    }

    public static TheoryData<string> Filters => [.. FilterCases().Keys];

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Member_filters_return_the_rows_linq_to_objects_returns(string name)
    {
        var (sql, expected) = FilterCases()[name];
        var rows = await RowsAsync();
        var query = Db.Parcels.Where(sql).Select(p => p.Id);
        var actual = await QueryCheck.ListAsync(query);
        var want = rows.Where(r => expected(new Parcel
        {
            Id = r.Id, RackId = r.RackId, Label = r.Label, Shipping = r.Shipping, Billing = r.Billing,
            Rack = new Rack { Id = r.RackId, Name = "rack " + fixture.RackIds.IndexOf(r.RackId) },
        })).Select(r => r.Id).ToList();
        Assert.True(want.Count > 0 && want.Count < rows.Count, $"{name}: the case must tell rows apart ({want.Count} of {rows.Count}).");
        Assert.True(want.SequenceEqual(actual.Order()), $"{name}: expected [{string.Join(", ", want)}], got [{string.Join(", ", actual.Order())}]\n{QueryCheck.Sql(query)}");
    }

    private static Dictionary<string, (Expression<Func<Parcel, bool>> Sql, Func<Parcel, bool> Expected)> FilterCases()
    {
        var city = "Oslo";
        var cases = new Dictionary<string, (Expression<Func<Parcel, bool>>, Func<Parcel, bool>)>();
        void Add(string name, Expression<Func<Parcel, bool>> sql, Func<Parcel, bool>? expected = null) => cases.Add(name, (sql, expected ?? sql.Compile()));

        Add("string", p => p.Shipping.City == city);
        Add("renamed-member", p => p.Shipping.Zip == "0153");
        Add("null-member", p => p.Shipping.Zip == null);
        Add("int", p => p.Shipping.Floor >= 3);
        Add("decimal", p => p.Shipping.Fee > 10.5m);
        Add("bool", p => p.Shipping.Express);
        Add("not-bool", p => !p.Shipping.Express);
        Add("nested", p => p.Shipping.Location!.Lat > 62, p => p.Shipping.Location?.Lat > 62);
        Add("nested-null", p => p.Shipping.Location == null);
        Add("nullable-column-null", p => p.Billing == null);
        Add("nullable-column-member", p => p.Billing!.City == "Oslo", p => p.Billing?.City == "Oslo");
        Add("two-columns", p => p.Billing!.Floor > p.Shipping.Floor, p => p.Billing?.Floor > p.Shipping.Floor);
        Add("json-contains", p => Pg.JsonContains(p.Shipping, "{\"city\":\"Tromsø\",\"express\":true}"), p => p.Shipping.City == "Tromsø" && p.Shipping.Express);
        Add("json-contains-lines", p => Pg.JsonContains(p.Shipping, "{\"lines\":[\"line 1\"]}"), p => p.Shipping.Lines.Contains("line 1"));
        Add("has-key", p => Pg.JsonHasKey(p.Billing, "city"), p => p.Billing is not null);
        Add("with-navigation", p => p.Shipping.City == "Oslo" && p.Rack!.Name == "rack 1");
        return cases;
    }

    [Fact]
    public async Task Projections_orderings_and_paging_read_members_and_whole_values()
    {
        var rows = await RowsAsync();
        var actual = await QueryCheck.ListAsync(Db.Parcels.OrderBy(p => p.Shipping.City).ThenByDescending(p => p.Shipping.Fee).Skip(2).Take(6)
            .Select(p => new { p.Id, p.Shipping, p.Billing, p.Shipping.City, Lat = (double?)p.Shipping.Location!.Lat, Zip = p.Billing!.Zip }));
        var expected = rows.OrderBy(r => r.Shipping.City, QueryCheck.CodePoint).ThenByDescending(r => r.Shipping.Fee).Skip(2).Take(6).ToList();
        Assert.Equal(expected.Select(r => r.Id), actual.Select(a => a.Id));
        foreach (var (e, a) in expected.Zip(actual))
        {
            Same(e.Shipping, a.Shipping);
            Same(e.Billing, a.Billing);
            Assert.Equal(e.Shipping.City, a.City);
            Assert.Equal(e.Shipping.Location?.Lat, a.Lat);
            Assert.Equal(e.Billing?.Zip, a.Zip);
        }
    }

    [Theory]
    [InlineData(LoadStrategy.Join)]
    [InlineData(LoadStrategy.Query)]
    public async Task Include_and_nested_select_read_json_values_back_exactly(LoadStrategy strategy)
    {
        var rows = await RowsAsync();
        var racks = await Db.Racks.Include(r => r.Parcels.Where(p => p.Shipping.Floor < 4), strategy).OrderBy(r => r.Id).ToListAsync();
        foreach (var rack in racks)
        {
            var expected = rows.Where(r => r.RackId == rack.Id && r.Shipping.Floor < 4).ToList();
            var actual = rack.Parcels.OrderBy(p => p.Id).ToList();
            Assert.Equal(expected.Select(r => r.Id), actual.Select(p => p.Id));
            foreach (var (e, a) in expected.Zip(actual))
            {
                Same(e.Shipping, a.Shipping);
                Same(e.Billing, a.Billing);
            }
        }

        var nested = await QueryCheck.ListAsync(Db.Racks.OrderBy(r => r.Id).Select(r => new
        {
            r.Id,
            Billing = r.Parcels.OrderBy(p => p.Id).Select(p => p.Billing).ToList(),
            Cities = r.Parcels.Where(p => p.Shipping.Express).OrderBy(p => p.Id).Select(p => p.Shipping.City).ToList(),
        }));
        foreach (var rack in nested)
        {
            var mine = rows.Where(r => r.RackId == rack.Id).ToList();
            Assert.Equal(mine.Count, rack.Billing.Count);
            foreach (var (e, a) in mine.Zip(rack.Billing))
            {
                Same(e.Billing, a);
            }

            Assert.Equal(mine.Where(r => r.Shipping.Express).Select(r => r.Shipping.City), rack.Cities);
        }
    }

    [Fact]
    public async Task Updates_write_json_and_members_filter_the_update()
    {
        var moved = new Address { City = "Moved", Zip = "9999", Floor = 9, Lines = ["a", "b"] };
        var id = (await RowsAsync()).Single(r => r.Label == "p0").Id;
        var updated = await Db.Parcels.UpdateAsync(p => p.Id == id, new() { Billing = moved });
        Same(moved, updated.Billing);
        var count = await Db.Parcels.UpdateManyAsync(p => p.Shipping.City == "Moved", new() { Label = "none" });
        Assert.Equal(0, count);
        var row = (await RowsAsync()).Single(r => r.Label == "p0");
        Same(moved, row.Billing);
        await Db.Parcels.UpdateAsync(p => p.Id == id, new() { Billing = null });
        Assert.Null((await RowsAsync()).Single(r => r.Label == "p0").Billing);
    }

    [Fact]
    public void Members_that_cannot_be_read_in_sql_are_refused()
    {
        var lines = Assert.Throws<QueryTranslationException>(() => Db.Parcels.Where(p => p.Shipping.Lines.Count > 0).ToSql());
        Assert.True(lines.Message.Contains("Pg.JsonContains", StringComparison.Ordinal), lines.Message);
        var secret = Assert.Throws<QueryTranslationException>(() => Db.Parcels.Where(p => p.Shipping.Secret == "x").ToSql());
        Assert.Contains("JsonIgnore", secret.Message);
    }
}

using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// Nested creates under relations that reference a unique column of the parent other than its generated key
/// (<see cref="SupplierOrder"/> a text column, <see cref="SupplierBill"/> an integer one) next to one that references
/// the key (<see cref="SupplierNote"/>): every child's foreign key must be its parent's referenced column, for one new
/// parent (the root, or one row of a nested level), several parents in one level, with the statement cached, and for
/// connect and connectOrCreate. Rows are read back with plain Npgsql and compared with what the inputs say.
/// </summary>
public sealed class NestedCreateReferencedKeyTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    // Numbers far above any generated key, so a key stored in place of a number cannot pass for it.
    private static int _number = Random.Shared.Next(1_000_000, 1_000_000_000);

    private static int NextNumber() => Interlocked.Increment(ref _number);

    private static string NewTag() => "rk" + Guid.NewGuid().ToString("N")[..10];

    private sealed record Spec(string Code, int Number, string[] Orders, string[] Bills, string[] Notes);

    private static Spec NewSpec(string tag, int orders, int bills, int notes)
    {
        var code = tag + "-s" + NextNumber();
        return new Spec(code, NextNumber(),
            [.. Enumerable.Range(0, orders).Select(i => $"{code}-o{i}")],
            [.. Enumerable.Range(0, bills).Select(i => $"{code}-b{i}")],
            [.. Enumerable.Range(0, notes).Select(i => $"{code}-n{i}")]);
    }

    private static SupplierCreateInput Input(Spec s) => new()
    {
        Code = s.Code,
        Number = s.Number,
        Orders = s.Orders.Length == 0 ? null : new() { Create = [.. s.Orders.Select(r => new SupplierOrderCreateWithoutSupplierInput { Ref = r })] },
        Bills = s.Bills.Length == 0 ? null : new() { Create = [.. s.Bills.Select(r => new SupplierBillCreateWithoutSupplierInput { Ref = r })] },
        Notes = s.Notes.Length == 0 ? null : new() { Create = [.. s.Notes.Select(r => new SupplierNoteCreateWithoutSupplierInput { Ref = r })] },
    };

    private static SupplierCreateWithoutMarketInput NestedInput(Spec s) => new()
    {
        Code = s.Code,
        Number = s.Number,
        Orders = s.Orders.Length == 0 ? null : new() { Create = [.. s.Orders.Select(r => new SupplierOrderCreateWithoutSupplierInput { Ref = r })] },
        Bills = s.Bills.Length == 0 ? null : new() { Create = [.. s.Bills.Select(r => new SupplierBillCreateWithoutSupplierInput { Ref = r })] },
        Notes = s.Notes.Length == 0 ? null : new() { Create = [.. s.Notes.Select(r => new SupplierNoteCreateWithoutSupplierInput { Ref = r })] },
    };

    // Each child's Ref with the parent column its foreign key holds, as stored (read with plain Npgsql).
    private async Task<(List<string> Orders, List<string> Bills, List<string> Notes)> StoredAsync(string tag)
    {
        var orders = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT \"Ref\", \"SupplierCode\" FROM \"SupplierOrder\" WHERE \"Ref\" LIKE '{tag}-%'",
            r => $"{r.Get<string>("Ref")}->{r.Ref<string>("SupplierCode") ?? "NULL"}");
        var bills = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT \"Ref\", \"SupplierNumber\" FROM \"SupplierBill\" WHERE \"Ref\" LIKE '{tag}-%'",
            r => $"{r.Get<string>("Ref")}->{r.Value<int>("SupplierNumber")?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "NULL"}");
        var notes = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT n.\"Ref\", s.\"Code\" FROM \"SupplierNote\" AS n LEFT JOIN \"Supplier\" AS s ON s.\"Id\" = n.\"SupplierId\" WHERE n.\"Ref\" LIKE '{tag}-%'",
            r => $"{r.Get<string>("Ref")}->{r.Ref<string>("Code") ?? "NULL"}");
        return ([.. orders.Order(StringComparer.Ordinal)], [.. bills.Order(StringComparer.Ordinal)], [.. notes.Order(StringComparer.Ordinal)]);
    }

    // What the inputs say: every order holds its supplier's Code, every bill its Number, every note its key (shown as its Code).
    private static (List<string> Orders, List<string> Bills, List<string> Notes) Expected(IEnumerable<Spec> specs, IEnumerable<(string Ref, Spec Parent)>? extraOrders = null, IEnumerable<(string Ref, Spec Parent)>? extraBills = null)
    {
        var list = specs.ToList();
        var orders = list.SelectMany(s => s.Orders.Select(o => $"{o}->{s.Code}")).Concat((extraOrders ?? []).Select(e => $"{e.Ref}->{e.Parent.Code}"));
        var bills = list.SelectMany(s => s.Bills.Select(b => $"{b}->{s.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)}"))
            .Concat((extraBills ?? []).Select(e => $"{e.Ref}->{e.Parent.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
        var notes = list.SelectMany(s => s.Notes.Select(n => $"{n}->{s.Code}"));
        return ([.. orders.Order(StringComparer.Ordinal)], [.. bills.Order(StringComparer.Ordinal)], [.. notes.Order(StringComparer.Ordinal)]);
    }

    private static void AssertStored((List<string> Orders, List<string> Bills, List<string> Notes) expected, (List<string> Orders, List<string> Bills, List<string> Notes) stored)
    {
        Assert.Equal(expected.Orders, stored.Orders);
        Assert.Equal(expected.Bills, stored.Bills);
        Assert.Equal(expected.Notes, stored.Notes);
    }

    public static TheoryData<int, int, int> OneParentCases => new()
    {
        { 3, 0, 0 },
        { 0, 3, 0 },
        { 1, 1, 0 },
        { 2, 0, 2 },
        { 0, 2, 1 },
        { 3, 2, 2 },
        { 1, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(OneParentCases))]
    public async Task One_new_parent_gives_each_child_the_column_its_relation_references(int orders, int bills, int notes)
    {
        // Twice: the first statement may be built, the second served from the statement cache.
        for (var round = 0; round < 2; round++)
        {
            var tag = NewTag();
            var spec = NewSpec(tag, orders, bills, notes);
            using var sent = new RoundTripCounter(fixture.ConnectionString);
            var supplier = await fixture.Db.Suppliers.CreateAsync(Input(spec));
            Assert.Single(sent.Statements);
            Assert.Equal((spec.Code, spec.Number), (supplier.Code, supplier.Number));
            AssertStored(Expected([spec]), await StoredAsync(tag));
        }
    }

    [Fact]
    public async Task One_new_parent_under_two_relations_sends_the_referenced_value_as_a_parameter()
    {
        var tag = NewTag();
        var spec = NewSpec(tag, 2, 0, 2);
        using var sent = new RoundTripCounter(fixture.ConnectionString);
        await fixture.Db.Suppliers.CreateAsync(Input(spec));
        AssertStored(Expected([spec]), await StoredAsync(tag));
        Assert.Equal(
            "WITH \"ins0\" AS (INSERT INTO \"Supplier\" (\"Code\", \"Number\", \"MarketId\") VALUES ($1::text, $2::integer, NULL::integer) RETURNING \"Id\", \"Code\", \"Number\", \"MarketId\")"
            + ", \"ins1\" AS (INSERT INTO \"SupplierOrder\" (\"Ref\", \"SupplierCode\") SELECT \"u\".\"c0\", \"u\".\"fk\" FROM unnest($3::text[], $4::text[]) AS \"u\"(\"c0\", \"fk\"))"
            + ", \"ins2\" AS (INSERT INTO \"SupplierNote\" (\"Ref\", \"SupplierId\") SELECT \"u\".\"c0\", \"p\".\"Id\" FROM unnest($5::text[]) AS \"u\"(\"c0\") CROSS JOIN \"ins0\" AS \"p\")"
            + " SELECT \"ins0\".\"Id\", \"ins0\".\"Code\", \"ins0\".\"Number\", \"ins0\".\"MarketId\" FROM \"ins0\"",
            Assert.Single(sent.Statements));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Parents_in_a_nested_level_give_each_child_the_column_its_relation_references(int suppliers)
    {
        var tag = NewTag();
        var specs = Enumerable.Range(0, suppliers).Select(i => NewSpec(tag, 2 - (i % 2), 1 + (i % 2), 2)).ToList();
        using var sent = new RoundTripCounter(fixture.ConnectionString);
        var market = await fixture.Db.Markets.CreateAsync(new() { Name = tag, Suppliers = new() { Create = [.. specs.Select(NestedInput)] } });
        Assert.Single(sent.Statements);
        AssertStored(Expected(specs), await StoredAsync(tag));
        var parents = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT \"Code\" FROM \"Supplier\" WHERE \"MarketId\" = {market.Id}", r => r.Get<string>("Code"));
        Assert.Equal(specs.Select(s => s.Code).Order(StringComparer.Ordinal), parents.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Connect_and_connectOrCreate_under_a_non_key_reference_next_to_a_key_reference()
    {
        var tag = NewTag();
        var spec = NewSpec(tag, 1, 1, 1);
        var loose = NewSpec(tag, 0, 0, 0);
        var looseOrder = loose.Code + "-lo";
        var looseBill = loose.Code + "-lb";
        await fixture.Db.SupplierOrders.CreateAsync(new() { Ref = looseOrder });
        await fixture.Db.SupplierBills.CreateAsync(new() { Ref = looseBill });
        var freshOrder = loose.Code + "-fo";
        var freshBill = loose.Code + "-fb";
        var input = Input(spec);
        input.Orders!.Connect = [o => o.Ref == looseOrder];
        input.Bills!.ConnectOrCreate =
        [
            new() { Where = b => b.Ref == looseBill, Create = new() { Ref = looseBill } },
            new() { Where = b => b.Ref == freshBill, Create = new() { Ref = freshBill } },
        ];
        input.Orders.ConnectOrCreate = [new() { Where = o => o.Ref == freshOrder, Create = new() { Ref = freshOrder } }];

        using var sent = new RoundTripCounter(fixture.ConnectionString);
        await fixture.Db.Suppliers.CreateAsync(input);
        Assert.Equal(2, sent.Count); // the statement, then COMMIT once its connect count is checked
        AssertStored(Expected([spec], [(looseOrder, spec), (freshOrder, spec)], [(looseBill, spec), (freshBill, spec)]), await StoredAsync(tag));
    }

    [Fact]
    public async Task Several_parents_connect_under_a_non_key_reference()
    {
        var tag = NewTag();
        var specs = new[] { NewSpec(tag, 1, 0, 1), NewSpec(tag, 0, 1, 1) };
        var looseOrder = specs[1].Code + "-lo";
        var looseBill = specs[0].Code + "-lb";
        await fixture.Db.SupplierOrders.CreateAsync(new() { Ref = looseOrder });
        await fixture.Db.SupplierBills.CreateAsync(new() { Ref = looseBill });
        var inputs = specs.Select(NestedInput).ToList();
        inputs[1].Orders = new() { Connect = [o => o.Ref == looseOrder] };
        inputs[0].Bills = new() { Connect = [b => b.Ref == looseBill] };
        await fixture.Db.Markets.CreateAsync(new() { Name = tag, Suppliers = new() { Create = inputs } });
        AssertStored(Expected(specs, [(looseOrder, specs[1])], [(looseBill, specs[0])]), await StoredAsync(tag));
    }

    [Fact]
    public async Task Update_creates_under_an_existing_parent_and_under_new_parents_give_the_referenced_column()
    {
        var tag = NewTag();
        var existing = NewSpec(tag, 0, 0, 0);
        var market = await fixture.Db.Markets.CreateAsync(new() { Name = tag, Suppliers = new() { Create = [NestedInput(existing)] } });
        var looseBill = existing.Code + "-lb";
        await fixture.Db.SupplierBills.CreateAsync(new() { Ref = looseBill });

        // Children of the existing supplier: the parent's referenced column is selected from its row.
        var grown = existing with { Orders = [existing.Code + "-o0", existing.Code + "-o1"], Notes = [existing.Code + "-n0"] };
        await fixture.Db.Suppliers.UpdateAsync(s => s.Code == existing.Code, new()
        {
            Orders = new() { Create = [.. grown.Orders.Select(r => new SupplierOrderCreateWithoutSupplierInput { Ref = r })] },
            Notes = new() { Create = [.. grown.Notes.Select(r => new SupplierNoteCreateWithoutSupplierInput { Ref = r })] },
            Bills = new() { Connect = [b => b.Ref == looseBill] },
        });

        // New suppliers under the existing market, each with children under all three relations.
        var added = new[] { NewSpec(tag, 1, 2, 1), NewSpec(tag, 2, 1, 1) };
        await fixture.Db.Markets.UpdateAsync(m => m.Id == market.Id, new() { Suppliers = new() { Create = [.. added.Select(NestedInput)] } });
        AssertStored(Expected([grown, .. added], extraBills: [(looseBill, existing)]), await StoredAsync(tag));
    }
}

using System.Globalization;
using System.Text.Json;
using Linq.Execution.ResultCaching;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Linq.Provider.Tests.ResultCaching;

/// <summary>
/// Results made of models (lists, single rows, Include graphs of both strategies) in the distributed tier: client A
/// caches, the rows are changed with plain Npgsql behind the cache's back, and client B (its own HybridCache, the same
/// Redis) returns the graph equal, field by field, to what plain Npgsql read before the change.
/// </summary>
public sealed class DistributedModelResultCacheTests(DatabaseFixture fixture, RedisServer redis) : IClassFixture<DatabaseFixture>, IClassFixture<RedisServer>, IAsyncDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);
    private readonly string _tag = "l2m-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<ServiceProvider> _providers = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }

    private TestDb Client()
    {
        var provider = new ServiceCollection()
            .AddStackExchangeRedisCache(o =>
            {
                o.Configuration = redis.Configuration;
                o.InstanceName = _tag + ":";
            })
            .AddHybridCache().Services
            .AddLinqDatabase<TestDb>(o => o.UseNpgsql(fixture.ConnectionString))
            .BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<TestDb>();
    }

    private Task Plain(string sql) => PlainRows.ScalarAsync<long>(fixture.ConnectionString, "WITH d AS (" + sql + " RETURNING 1) SELECT count(*) FROM d");

    // A tree: root -> (a -> (a1, a2), b), and a lone category; ids from plain Npgsql.
    private async Task SeedTreeAsync()
    {
        await Plain($"INSERT INTO \"Category\" (\"Name\") VALUES ('{_tag}-root'), ('{_tag}-lone')");
        await Plain($"INSERT INTO \"Category\" (\"Name\", \"ParentId\") SELECT n, (SELECT \"Id\" FROM \"Category\" WHERE \"Name\" = '{_tag}-root') FROM unnest(ARRAY['{_tag}-a', '{_tag}-b']) n");
        await Plain($"INSERT INTO \"Category\" (\"Name\", \"ParentId\") SELECT n, (SELECT \"Id\" FROM \"Category\" WHERE \"Name\" = '{_tag}-a') FROM unnest(ARRAY['{_tag}-a1', '{_tag}-a2']) n");
    }

    private sealed record PlainCategory(int Id, string Name, int? ParentId);

    private async Task<List<PlainCategory>> PlainCategoriesAsync() =>
        await PlainRows.ReadAsync(fixture.ConnectionString, $"SELECT \"Id\", \"Name\", \"ParentId\" FROM \"Category\" WHERE \"Name\" LIKE '{_tag}%'",
            r => new PlainCategory(r.Get<int>("Id"), r.Get<string>("Name"), r.Value<int>("ParentId")));

    // The graph Include(Parent).Include(Children).ThenInclude(Children) loads, from plain rows with LINQ to Objects.
    private static List<string> Expected(List<PlainCategory> rows)
    {
        var byId = rows.ToDictionary(r => r.Id);
        string Node(PlainCategory c, int depth) => c.Id + ":" + c.Name + ":" + (c.ParentId?.ToString(CultureInfo.InvariantCulture) ?? "null")
            + (depth == 0 ? "" : "[" + string.Join(",", rows.Where(r => r.ParentId == c.Id).OrderBy(r => r.Id).Select(r => Node(r, depth - 1))) + "]");
        return [.. rows.OrderBy(r => r.Name, StringComparer.Ordinal).Select(c => Node(c, 2) + "^" + (c.ParentId is { } p ? Node(byId[p], 0) : "null"))];
    }

    private static List<string> Actual(List<Category> categories)
    {
        string Node(Category c, int depth) => c.Id + ":" + c.Name + ":" + (c.ParentId?.ToString(CultureInfo.InvariantCulture) ?? "null")
            + (depth == 0 ? "" : "[" + string.Join(",", c.Children.OrderBy(r => r.Id).Select(r => Node(r, depth - 1))) + "]");
        return [.. categories.Select(c => Node(c, 2) + "^" + (c.Parent is { } p ? Node(p, 0) : "null"))];
    }

    private IQueryable<Category> Tree(TestDb db, LoadStrategy strategy) => db.Categories.Where(c => c.Name.StartsWith(_tag)).OrderBy(c => c.Name)
        .Include(c => c.Parent).Include(c => c.Children).ThenInclude(c => c.Children).RelationLoadStrategy(strategy).Cache(Long);

    [Theory]
    [InlineData(LoadStrategy.Join)]
    [InlineData(LoadStrategy.Query)]
    public async Task An_include_graph_comes_back_from_another_clients_entry_and_a_write_makes_it_read_again(LoadStrategy strategy)
    {
        await SeedTreeAsync();
        var expected = Expected(await PlainCategoriesAsync());
        Assert.Equal(6, expected.Count);
        Assert.Contains(expected, e => e.Contains("-a1", StringComparison.Ordinal) && e.Contains("-a2", StringComparison.Ordinal) && e.Contains("-b", StringComparison.Ordinal));
        var a = Client();
        Assert.Equal(expected, Actual(await Tree(a, strategy).ToListAsync()));

        // Behind the cache's back: every name changes and a leaf goes.
        await Plain($"UPDATE \"Category\" SET \"Name\" = \"Name\" || '-x' WHERE \"Name\" LIKE '{_tag}%' AND \"Name\" <> '{_tag}-a2'");
        await Plain($"DELETE FROM \"Category\" WHERE \"Name\" = '{_tag}-a2'");
        Assert.NotEqual(expected, Expected(await PlainCategoriesAsync()));

        var b = Client();
        Assert.Equal(expected, Actual(await Tree(b, strategy).ToListAsync()));

        // A write through A moves the table's version: a client with an empty memory reads PostgreSQL again.
        await a.Categories.CreateAsync(new() { Name = _tag + "-new" });
        var changed = Expected(await PlainCategoriesAsync());
        Assert.Equal(6, changed.Count);
        Assert.Equal(changed, Actual(await Tree(Client(), strategy).ToListAsync()));
    }

    [Fact]
    public async Task Single_models_and_null_results_come_back_from_another_clients_entry()
    {
        await SeedTreeAsync();
        var rows = await PlainCategoriesAsync();
        var root = rows.Single(r => r.Name == _tag + "-root");
        var a = Client();
        var first = await a.Categories.Where(c => c.Name.StartsWith(_tag)).OrderBy(c => c.Name).Include(c => c.Children).Cache(Long).FirstAsync();
        var single = await a.Categories.Where(c => c.Id == root.Id).Cache(Long).SingleAsync();
        var none = await a.Categories.Where(c => c.Name == _tag + "-later").Cache(Long).FirstOrDefaultAsync();
        Assert.Equal(_tag + "-a", first.Name);
        Assert.Equal(rows.Where(r => r.ParentId == first.Id).Select(r => r.Name).Order(), first.Children.Select(c => c.Name).Order());
        Assert.Equal(root.Name, single.Name);
        Assert.Null(none);

        await Plain($"DELETE FROM \"Category\" WHERE \"Name\" LIKE '{_tag}%' AND \"ParentId\" IS NOT NULL AND \"ParentId\" IN (SELECT \"Id\" FROM \"Category\" WHERE \"Name\" = '{_tag}-a')");
        await Plain($"UPDATE \"Category\" SET \"Name\" = 'x-' || \"Name\" WHERE \"Name\" LIKE '{_tag}%'");
        await Plain($"INSERT INTO \"Category\" (\"Name\") VALUES ('{_tag}-later')");

        var b = Client();
        var first2 = await b.Categories.Where(c => c.Name.StartsWith(_tag)).OrderBy(c => c.Name).Include(c => c.Children).Cache(Long).FirstAsync();
        Assert.Equal((rows.Single(r => r.Name == _tag + "-a").Id, _tag + "-a", root.Id), (first2.Id, first2.Name, first2.ParentId));
        Assert.Equal(rows.Where(r => r.ParentId == first.Id).Select(r => r.Id + r.Name).Order(), first2.Children.Select(c => c.Id + c.Name).Order());
        var single2 = await b.Categories.Where(c => c.Id == root.Id).Cache(Long).SingleAsync();
        Assert.Equal((root.Id, root.Name, (int?)null), (single2.Id, single2.Name, single2.ParentId));
        Assert.Null(await b.Categories.Where(c => c.Name == _tag + "-later").Cache(Long).FirstOrDefaultAsync());
        // Uncached, the database says otherwise: the values came from the distributed entry.
        Assert.NotNull(await b.Categories.Where(c => c.Name == _tag + "-later").FirstOrDefaultAsync());
    }

    [Fact]
    public async Task Typed_json_columns_round_trip_through_their_context_in_an_include()
    {
        var a = Client();
        var rack = await a.Racks.CreateAsync(new() { Name = _tag });
        var shipping = new Address { City = "Zürich", Zip = "8001", Floor = -1, Fee = 1.50m, Express = true, Location = new Geo(8.54, 47.37), Lines = ["a", "b"] };
        await a.Parcels.CreateAsync(new() { RackId = rack.Id, Label = _tag + "-1", Shipping = shipping });
        await a.Parcels.CreateAsync(new() { RackId = rack.Id, Label = _tag + "-2", Shipping = shipping with { Lines = [], Location = null }, Billing = shipping with { City = "Bern" } });
        var plain = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT \"Label\", \"Shipping\"::text AS s, billing::text AS b FROM \"Parcel\" WHERE \"Label\" LIKE '{_tag}%' ORDER BY \"Label\"",
            r => r.Get<string>("Label") + "|" + Normal(r.Get<string>("s")) + "|" + (r.Ref<string>("b") is { } b ? Normal(b) : "null"));

        var query = (TestDb db) => db.Racks.Where(r => r.Name == _tag).Include(r => r.Parcels).Cache(Long).SingleAsync();
        string Describe(Rack r) => string.Join(";", r.Parcels.OrderBy(p => p.Label, StringComparer.Ordinal).Select(p => p.Label + "|" + Json(p.Shipping) + "|" + (p.Billing is { } b ? Json(b) : "null")));
        Assert.Equal(string.Join(";", plain), Describe(await query(a)));
        await Plain($"DELETE FROM \"Parcel\" WHERE \"Label\" LIKE '{_tag}%'");
        var fromB = await query(Client());
        Assert.Equal(string.Join(";", plain), Describe(fromB));
        Assert.Equal(1.50m.ToString(CultureInfo.InvariantCulture), fromB.Parcels[0].Shipping.Fee.ToString(CultureInfo.InvariantCulture));
    }

    private static string Json(Address address) => Normal(JsonSerializer.Serialize(address, ParcelJsonContext.Default.Address));

    // jsonb orders keys its own way: compare the documents' members sorted.
    private static string Normal(string json) => Normal(JsonDocument.Parse(json).RootElement);

    private static string Normal(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name + ":" + Normal(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", e.EnumerateArray().Select(Normal)) + "]",
        JsonValueKind.String => "\"" + e.GetString() + "\"",
        _ => e.GetRawText(),
    };

    [Fact]
    public async Task A_graph_that_refers_back_to_an_ancestor_stays_in_memory_only()
    {
        var a = Client();
        var b = Client();
        var parent = new Category { Id = 1, Name = "p" };
        var child = new Category { Id = 2, Name = "c", ParentId = 1, Parent = parent };
        parent.Children.Add(child);
        var runs = 0;
        Task<List<Category>> Run(CancellationToken _)
        {
            runs++;
            return Task.FromResult(new List<Category> { parent });
        }

        // Tables no other test writes (the runs are stand-ins; the tags come from the text).
        var sql = $"SELECT 1 FROM \"cycle_{_tag}\"";
        var policy = new CachePolicy(Long, TimeSpan.Zero);
        var loose = new Category { Id = 3, Name = "x", Children = [new Category { Id = 4, Name = "y", ParentId = 3 }] };
        var looseRuns = 0;
        Task<List<Category>> RunLoose(CancellationToken _)
        {
            looseRuns++;
            return Task.FromResult(new List<Category> { loose });
        }

        // The same shape without the back-reference goes through Redis: B does not run it.
        Assert.Equal("x", (await a.ResultCache!.GetOrRunAsync(sql + "x", () => [], [], policy, RunLoose, l => new List<Category>(l), ResultCodecs.List<Category>(), CancellationToken.None))[0].Name);
        Assert.Equal("y", (await b.ResultCache!.GetOrRunAsync(sql + "x", () => [], [], policy, RunLoose, l => new List<Category>(l), ResultCodecs.List<Category>(), CancellationToken.None))[0].Children[0].Name);
        Assert.Equal(1, looseRuns);

        Assert.Throws<NotSupportedException>(() => ResultCodecs.List<Category>()!.Write(new BinaryWriter(new MemoryStream()), [parent]));
        Assert.Same(parent, (await a.ResultCache!.GetOrRunAsync(sql, () => [], [], policy, Run, l => new List<Category>(l), ResultCodecs.List<Category>(), CancellationToken.None))[0]);
        Assert.Same(parent, (await a.ResultCache!.GetOrRunAsync(sql, () => [], [], policy, Run, l => new List<Category>(l), ResultCodecs.List<Category>(), CancellationToken.None))[0]);
        Assert.Equal(1, runs);

        // Nothing reached Redis: B runs the query itself.
        Assert.Same(parent, (await b.ResultCache!.GetOrRunAsync(sql, () => [], [], policy, Run, l => new List<Category>(l), ResultCodecs.List<Category>(), CancellationToken.None))[0]);
        Assert.Equal(2, runs);
    }
}

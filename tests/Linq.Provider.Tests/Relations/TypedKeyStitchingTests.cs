using Linq.Provider.Tests.Infrastructure;
using System.Globalization;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Relations;

/// <summary>
/// Relation levels matched to their parents by a text key (<see cref="Shelf"/>) and a uuid key (<see cref="Crate"/>),
/// both through nullable foreign keys on <see cref="Volume"/>, and back up through the to-one navigations: parents in key
/// order, against it and in an order of another column; plain, filtered/ordered/paged and nested includes; both
/// strategies. Expected graphs are read with plain Npgsql and shaped with LINQ-to-Objects.
/// </summary>
public sealed class TypedKeyStitchingTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly List<string> _shelves = [];
    private readonly List<Guid> _crates = [];
    private string _tag = "";

    public enum Order { KeyAscending, KeyDescending, ByName }

    public enum Shape { Include, FilteredInclude, ThenIncludeToOne }

    public async Task InitializeAsync()
    {
        _tag = Guid.NewGuid().ToString("N")[..6];
        // Codes that differ in case and accents only, so a collation could order them unlike .NET; names repeat.
        string[] codes = ["b", "B", "a", "ä", "ab", "a b", "z"];
        for (var s = 0; s < codes.Length; s++)
        {
            var shelf = await fixture.Db.Shelfs.CreateAsync(new() { Code = $"{_tag}-{codes[s]}", Name = "N" + (s % 3) });
            _shelves.Add(shelf.Code);
        }

        var packed = new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc).AddTicks(7);
        for (var c = 0; c < 5; c++)
        {
            var crate = await fixture.Db.Crates.CreateAsync(new() { Id = Guid.NewGuid(), Label = "L" + (c % 2), PackedAt = packed.AddDays(c) });
            _crates.Add(crate.Id);
        }

        for (var v = 0; v < 30; v++)
        {
            // Some shelves and crates get none; some volumes have no shelf or no crate.
            await fixture.Db.Volumes.CreateAsync(new()
            {
                Title = $"{_tag}-v{v}",
                Price = 79228162514264337593543950335m / (v + 1) - v,
                ShelfCode = v % 7 == 6 ? null : _shelves[(v * 5) % 6],
                CrateId = v % 4 == 3 ? null : _crates[(v * 3) % 4],
            });
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<Order, Shape, LoadStrategy> Matrix()
    {
        var data = new TheoryData<Order, Shape, LoadStrategy>();
        foreach (var order in Enum.GetValues<Order>())
        {
            foreach (var shape in Enum.GetValues<Shape>())
            {
                data.Add(order, shape, LoadStrategy.Join);
                data.Add(order, shape, LoadStrategy.Query);
            }
        }

        return data;
    }

    [Fact]
    public void Key_like_columns_have_getters_typed_as_themselves()
    {
        var models = fixture.Db.Metadata;
        Assert.IsType<Func<object, string>>(models.Find(typeof(Models.Shelf))!.GetColumn(nameof(Models.Shelf.Code)).TypedGetter);
        Assert.IsType<Func<object, Guid>>(models.Find(typeof(Models.Crate))!.GetColumn(nameof(Models.Crate.Id)).TypedGetter);
        var volume = models.Find(typeof(Volume))!;
        Assert.IsType<Func<object, int>>(volume.GetColumn(nameof(Volume.Id)).TypedGetter);
        Assert.IsType<Func<object, string>>(volume.GetColumn(nameof(Volume.ShelfCode)).TypedGetter);
        Assert.IsType<Func<object, Guid?>>(volume.GetColumn(nameof(Volume.CrateId)).TypedGetter);
        Assert.Null(volume.GetColumn(nameof(Volume.Price)).TypedGetter);
        Assert.Equal(7L, models.Find(typeof(Reading))!.GetColumn(nameof(Reading.SampleId)).TypedGetter is Func<object, long> get ? get(new Reading { SampleId = 7 }) : 0L);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Text_keyed_parents_get_their_rows(Order order, Shape shape, LoadStrategy strategy)
    {
        var (shelves, volumes, crates) = await ExpectedAsync();
        var expected = Sort(shelves, order, s => s.Code, s => s.Name)
            .Select(s => Describe(s.Code, Children(volumes.Where(v => v.ShelfCode == s.Code), shape), shape, v => Crate(crates, v.CrateId)))
            .ToList();

        var query = Sort(fixture.Db.Shelfs.Where(s => _shelves.Contains(s.Code)), order, s => s.Code, s => s.Name);
        var loaded = shape switch
        {
            Shape.Include => await query.Include(s => s.Volumes, strategy).ToListAsync(),
            Shape.FilteredInclude => await query.Include(s => s.Volumes.Where(v => v.Price < 20000000000000000000000000000m).OrderByDescending(v => v.Title).Skip(1).Take(2), strategy).ToListAsync(),
            _ => await query.Include(s => s.Volumes, strategy).ThenInclude(v => v.Crate, strategy).ToListAsync(),
        };

        Assert.Equal(expected, loaded.Select(s => Describe(s.Code, s.Volumes, shape, v => v.Crate)).ToList());
        Assert.Contains(loaded, s => s.Volumes.Count == 0);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Uuid_keyed_parents_get_their_rows(Order order, Shape shape, LoadStrategy strategy)
    {
        var (shelves, volumes, crates) = await ExpectedAsync();
        var expected = Sort(crates, order, c => c.Id, c => c.Label)
            .Select(c => Describe(c.Id.ToString(), Children(volumes.Where(v => v.CrateId == c.Id), shape), shape, v => Shelf(shelves, v.ShelfCode)))
            .ToList();

        var query = Sort(fixture.Db.Crates.Where(c => _crates.Contains(c.Id)), order, c => c.Id, c => c.Label);
        var loaded = shape switch
        {
            Shape.Include => await query.Include(c => c.Volumes, strategy).ToListAsync(),
            Shape.FilteredInclude => await query.Include(c => c.Volumes.Where(v => v.Price < 20000000000000000000000000000m).OrderByDescending(v => v.Title).Skip(1).Take(2), strategy).ToListAsync(),
            _ => await query.Include(c => c.Volumes, strategy).ThenInclude(v => v.Shelf, strategy).ToListAsync(),
        };

        Assert.Equal(expected, loaded.Select(c => Describe(c.Id.ToString(), c.Volumes, shape, v => v.Shelf)).ToList());
        Assert.Contains(loaded, c => c.Volumes.Count == 0);
    }

    [Theory]
    [InlineData(LoadStrategy.Join)]
    [InlineData(LoadStrategy.Query)]
    public async Task Children_get_their_shared_parents_back(LoadStrategy strategy)
    {
        var (shelves, volumes, crates) = await ExpectedAsync();
        var expected = volumes.Select(v => $"{v.Id}:{Shelf(shelves, v.ShelfCode)?.Name}:{Crate(crates, v.CrateId)?.PackedAt.Ticks}").ToList();

        // Parents repeat (several volumes share a shelf or a crate) and some foreign keys are NULL.
        var loaded = await fixture.Db.Volumes.Where(v => v.Title.StartsWith(_tag)).OrderBy(v => v.Id)
            .Include(v => v.Shelf, strategy).Include(v => v.Crate, strategy).ToListAsync();

        Assert.Equal(expected, loaded.Select(v => $"{v.Id}:{v.Shelf?.Name}:{v.Crate?.PackedAt.Ticks}"));
        Assert.All(loaded.Where(v => v.Shelf is not null), v => Assert.Equal(v.ShelfCode, v.Shelf!.Code));
        Assert.All(loaded.Where(v => v.Crate is not null), v => Assert.Equal(v.CrateId, v.Crate!.Id));
    }

    private static IEnumerable<Volume> Children(IEnumerable<Volume> volumes, Shape shape) => shape == Shape.FilteredInclude
        ? volumes.Where(v => v.Price < 20000000000000000000000000000m).OrderByDescending(v => v.Title, StringComparer.Ordinal).Skip(1).Take(2)
        : volumes.OrderBy(v => v.Id);

    private static string Describe(string key, IEnumerable<Volume> volumes, Shape shape, Func<Volume, object?> parent) =>
        key + "[" + string.Join(",", volumes.Select(v => v.Id + "|" + v.Price.ToString(CultureInfo.InvariantCulture)
            + (shape == Shape.ThenIncludeToOne ? "|" + Name(parent(v)) : ""))) + "]";

    private static string Name(object? parent) => parent switch
    {
        Crate c => c.Label + "@" + c.PackedAt.Ticks,
        Shelf s => s.Code + "/" + s.Name,
        _ => "-",
    };

    private static Crate? Crate(List<Crate> crates, Guid? id) => crates.SingleOrDefault(c => c.Id == id);

    private static Shelf? Shelf(List<Shelf> shelves, string? code) => shelves.SingleOrDefault(s => s.Code == code);

    // The database orders text by its collation and uuids bytewise, so the expected order is taken from it.
    private IEnumerable<T> Sort<T, TKey>(List<T> rows, Order order, Func<T, TKey> key, Func<T, string> name) => order switch
    {
        Order.KeyAscending => rows,
        Order.KeyDescending => Enumerable.Reverse(rows),
        _ => rows.Select((row, i) => (row, i)).OrderBy(x => name(x.row), StringComparer.Ordinal).ThenBy(x => x.i).Select(x => x.row),
    };

    private static IQueryable<T> Sort<T, TKey>(IQueryable<T> rows, Order order, System.Linq.Expressions.Expression<Func<T, TKey>> key,
        System.Linq.Expressions.Expression<Func<T, string>> name) => order switch
    {
        Order.KeyAscending => rows.OrderBy(key),
        Order.KeyDescending => rows.OrderByDescending(key),
        _ => rows.OrderBy(name).ThenBy(key),
    };

    private async Task<(List<Shelf> Shelves, List<Volume> Volumes, List<Crate> Crates)> ExpectedAsync()
    {
        var cs = fixture.ConnectionString;
        var codes = string.Join(",", _shelves.Select(c => "'" + c.Replace("'", "''") + "'"));
        var ids = string.Join(",", _crates.Select(id => "'" + id + "'::uuid"));
        // Ordered by key in the database, so LINQ-to-Objects keeps the server's order of text and uuid keys.
        var shelves = await PlainRows.ReadAsync(cs, $"SELECT \"Code\", \"Name\" FROM \"Shelf\" WHERE \"Code\" IN ({codes}) ORDER BY \"Code\"",
            r => new Shelf { Code = r.Get<string>("Code"), Name = r.Get<string>("Name") });
        var crates = await PlainRows.ReadAsync(cs, $"SELECT \"Id\", \"Label\", \"PackedAt\" FROM \"Crate\" WHERE \"Id\" IN ({ids}) ORDER BY \"Id\"",
            r => new Crate { Id = r.Get<Guid>("Id"), Label = r.Get<string>("Label"), PackedAt = r.Get<DateTime>("PackedAt") });
        var volumes = await PlainRows.ReadAsync(cs, $"SELECT \"Id\", \"Title\", \"Price\", \"ShelfCode\", \"CrateId\" FROM \"Volume\" WHERE \"Title\" LIKE '{_tag}-%' ORDER BY \"Id\"",
            r => new Volume
            {
                Id = r.Get<int>("Id"), Title = r.Get<string>("Title"), Price = r.Get<decimal>("Price"), ShelfCode = r.Ref<string>("ShelfCode"),
                CrateId = r.Value<Guid>("CrateId"),
            });
        return (shelves, volumes, crates);
    }
}

using System.Text.Json;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// Racks and entries with array, jsonb and text columns, written through the generated <c>CreateAsync</c> and read
/// back with plain Npgsql (not through the code under test) into <see cref="Entries"/> and <see cref="Racks"/>, so
/// that LINQ-to-Objects over them is the independent expectation. Tests must not write to this database.
/// </summary>
public class EntryFixture : IAsyncLifetime
{
    public static readonly string[] Titles =
    [
        "The quick brown fox jumps", "Running databases in production", "A lazy dog sleeps all day", "Foxes and hounds",
        "PostgreSQL arrays explained", "JSON documents in databases", "Jumping over the fence", "Why the database runs slowly",
    ];

    private readonly DatabaseFixture _database = new();

    public TestDb Db => _database.Db;

    public string ConnectionString => _database.ConnectionString;

    public List<Rack> Racks { get; private set; } = [];

    public List<Entry> Entries { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var racks = new List<Rack>();
        foreach (var name in new[] { "t0", "t1", "none" })
        {
            racks.Add(await Db.Racks.CreateAsync(new() { Name = name }));
        }

        for (var i = 0; i < 16; i++)
        {
            await Db.Entries.CreateAsync(Input(i, racks[i % 3].Id));
        }

        await ReadBackAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <summary>Entry <paramref name="i"/>: every kind of array (empty, NULL, with NULL elements) and JSON (missing keys, JSON null).</summary>
    public static EntryCreateInput Input(int i, int rackId) => new()
    {
        RackId = rackId,
        Title = Titles[i % Titles.Length],
        Body = i % 4 == 0 ? null : Titles[(i * 3 + 1) % Titles.Length] + " and more " + i,
        Tags = i % 5 == 0 ? [] : ["t" + (i % 3), "all", i % 2 == 0 ? "even" : "odd"],
        Labels = (i % 4) switch
        {
            0 => i % 8 == 0 ? null : [null!, "c"],
            1 => ["a", null!, "b"],
            2 => [],
            _ => ["b" + i, "a"],
        },
        Scores = i % 6 == 0 ? [] : [i, i * 2, 7],
        Ranks = (i % 3) switch
        {
            0 => null,
            1 => [i, null, 3],
            _ => [i % 4],
        },
        Meta = i % 5 == 0 ? null : JsonDocument.Parse(Meta(i)),
        Data = JsonDocument.Parse("{\"v\":" + (i * 7 % 11) + ",\"s\":\"s" + i + "\",\"arr\":[" + string.Join(",", Enumerable.Range(i, i % 4 + 1)) + "]}").RootElement.Clone(),
    };

    private static string Meta(int i)
    {
        var opt = i % 3 == 0 ? "" : ",\"opt\":\"x" + i + "\"";
        var nul = i % 4 == 1 ? ",\"nul\":null" : "";
        return "{\"kind\":\"" + (i % 2 == 0 ? "book" : "paper") + "\",\"pages\":" + (i * 10) + ",\"price\":" + (i * 1.5m).ToString(System.Globalization.CultureInfo.InvariantCulture)
            + ",\"ok\":" + (i % 3 == 0 ? "true" : "false") + ",\"author\":{\"name\":\"n" + (i % 4) + "\",\"age\":" + (20 + i) + "},\"list\":[1,2" + (i % 2 == 0 ? "," + i : "") + "]"
            + opt + nul + "}";
    }

    // Plain Npgsql: the expectation must not come from the code under test.
    private async Task ReadBackAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using (var command = dataSource.CreateCommand("SELECT \"Id\", \"Name\" FROM \"Rack\" ORDER BY \"Id\""))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                Racks.Add(new Rack { Id = reader.GetInt32(0), Name = reader.GetString(1) });
            }
        }

        await using (var command = dataSource.CreateCommand(
            "SELECT \"Id\", \"RackId\", \"Title\", \"Body\", \"Tags\", \"Labels\", \"Scores\", \"Ranks\", \"Meta\", \"Data\" FROM \"Entry\" ORDER BY \"Id\""))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                Entries.Add(new Entry
                {
                    Id = reader.GetInt32(0),
                    RackId = reader.GetInt32(1),
                    Title = reader.GetString(2),
                    Body = reader.IsDBNull(3) ? null : reader.GetString(3),
                    Tags = reader.GetFieldValue<string[]>(4),
                    Labels = reader.IsDBNull(5) ? null : reader.GetFieldValue<string[]>(5),
                    Scores = reader.GetFieldValue<int[]>(6),
                    Ranks = reader.IsDBNull(7) ? null : reader.GetFieldValue<int?[]>(7),
                    Meta = reader.IsDBNull(8) ? null : JsonDocument.Parse(reader.GetString(8)),
                    Data = JsonDocument.Parse(reader.GetString(9)).RootElement.Clone(),
                });
            }
        }

        var racks = Racks.ToDictionary(s => s.Id);
        foreach (var entry in Entries)
        {
            entry.Rack = racks[entry.RackId];
            racks[entry.RackId].Entries.Add(entry);
        }
    }
}

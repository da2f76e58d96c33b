using System.Text.Json.Serialization;
using Blog.Model;
using Linq;

namespace AotSample;

/// <summary>A typed JSON column, an array column, a full-text index and an enum with mapped labels, checked under NativeAOT.</summary>
[Model]
public partial class Shipment
{
    [Id, AutoIncrement] public int Id { get; set; }
    [FullTextIndex("english")] public required string Note { get; set; }
    public required string[] Tags { get; set; }
    [JsonColumn(typeof(ShipmentJsonContext))] public required Destination To { get; set; }
    [JsonColumn(typeof(ShipmentJsonContext))] public Destination? ReturnTo { get; set; }
    public Speed Speed { get; set; }
}

/// <summary>Labels that are no C# names: the generated label table, not reflection, maps them (also for ToString in SQL).</summary>
[DbEnum]
public enum Speed
{
    [Map("next-day")] NextDay,
    [Map("2-day")] TwoDay,
    Standard,
}

/// <summary>Stored as jsonb with the source-generated metadata of <see cref="ShipmentJsonContext"/>.</summary>
public sealed record Destination
{
    public required string City { get; init; }
    [JsonPropertyName("floor_no")] public int Floor { get; init; }
    public List<string> Lines { get; init; } = [];
}

/// <summary>No reflection: the [JsonColumn] values are written and read with this context's generated code.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Destination))]
public partial class ShipmentJsonContext : JsonSerializerContext;

/// <summary>The guide's tables and <see cref="Shipment"/>.</summary>
[Database(Include = [typeof(BlogDb)])]
public partial class ShipmentDb : LinqDatabase;

/// <summary>The checks of array, JSON and full-text queries.</summary>
internal static class ShipmentSample
{
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026:RequiresUnreferencedCode",
        Justification = "The anonymous-type projection's expression tree is built with Expression.New(ConstructorInfo, arguments, members), which "
            + "trimming flags; its members are those of the type constructed here, kept by the tree's own tokens (as in Sample.RunAsync).")]
    public static async Task RunAsync(string url, Checks checks)
    {
        await using var db = new ShipmentDb(url);
        await db.Schema.PushAsync();
        await db.Shipments.CreateAsync(new() { Note = "Boxes of running shoes", Tags = ["fragile", "red"], To = new() { City = "Oslo", Floor = 3, Lines = ["Gate 1"] }, Speed = Speed.NextDay });
        await db.Shipments.CreateAsync(new()
        {
            Note = "One shoe box", Tags = ["blue"], To = new() { City = "Bergen", Floor = 1 }, ReturnTo = new() { City = "Oslo", Floor = 7 }, Speed = Speed.TwoDay,
        });

        var oslo = await db.Shipments.Where(s => s.To.City == "Oslo" && s.To.Floor > 2).SingleAsync();
        checks.Equal("Gate 1", string.Join(",", oslo.To.Lines), "[JsonColumn] value read back under NativeAOT");
        var returns = await db.Shipments.Where(s => s.ReturnTo != null).Select(s => new { s.ReturnTo, s.ReturnTo!.Floor }).SingleAsync();
        checks.Equal(7, returns.ReturnTo!.Floor, "[JsonColumn] value projected");
        checks.Equal(7, returns.Floor, "[JsonColumn] member projected");
        var tag = "red";
        checks.Equal(1, await db.Shipments.CountAsync(s => s.Tags.Contains(tag) && s.Tags.Any(t => t.StartsWith("fr"))), "array Contains and Any");
        checks.Equal(2, await db.Shipments.CountAsync(s => Pg.Matches(s.Note, "shoe")), "full-text search with English stemming");
        var moved = await db.Shipments.UpdateAsync(s => s.Id == oslo.Id, new() { ReturnTo = new Destination { City = "Trondheim" } });
        checks.Equal("Trondheim", moved.ReturnTo?.City, "[JsonColumn] update");

        var fast = Speed.TwoDay;
        checks.Equal("Bergen", (await db.Shipments.Where(s => s.Speed == fast).SingleAsync()).To.City, "[Map] enum label filter and read");
        var speeds = await db.Shipments.OrderBy(s => s.Speed).Select(s => new { s.Speed, Text = s.Speed.ToString() }).ToListAsync();
        checks.Equal("NextDay:NextDay,TwoDay:TwoDay", string.Join(",", speeds.Select(p => $"{p.Speed}:{p.Text}")), "[Map] enum projected, ToString() in SQL gives the member name");
        var labels = await db.QueryRawAsync<string>($"SELECT \"Speed\"::text FROM \"Shipment\" ORDER BY \"Id\"");
        checks.Equal("next-day,2-day", string.Join(",", labels), "[Map] enum stored as its labels");
    }
}

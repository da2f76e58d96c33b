using System.Text.Json.Serialization;

namespace Linq.Provider.Tests.Models;

/// <summary>Typed JSON columns: a required and a nullable <c>[JsonColumn]</c> address, serialized by <see cref="ParcelJsonContext"/>.</summary>
[Model]
public partial class Parcel
{
    [Id, AutoIncrement] public int Id { get; set; }
    public int RackId { get; set; }
    [Relation(nameof(RackId))] public Rack? Rack { get; set; }
    public required string Label { get; set; }
    [JsonColumn(typeof(ParcelJsonContext))] public required Address Shipping { get; set; }
    [JsonColumn(typeof(ParcelJsonContext)), Map("billing")] public Address? Billing { get; set; }
}

/// <summary>A plain record stored as jsonb: camelCase names from the context, one renamed member, one ignored, one nested object.</summary>
public sealed record Address
{
    public required string City { get; init; }
    [JsonPropertyName("postal_code")] public string? Zip { get; init; }
    public int Floor { get; init; }
    public decimal Fee { get; init; }
    public bool Express { get; init; }
    public Geo? Location { get; init; }
    public List<string> Lines { get; init; } = [];
    [JsonIgnore] public string? Secret { get; init; }
}

/// <summary>Nested inside <see cref="Address"/>.</summary>
public sealed record Geo(double Lat, double Lng);

/// <summary>The source-generated serializer metadata the <c>[JsonColumn]</c> columns use (no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Address))]
public partial class ParcelJsonContext : JsonSerializerContext;

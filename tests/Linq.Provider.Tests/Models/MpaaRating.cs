namespace Linq.Provider.Tests.Models;

/// <summary>Pagila's <c>mpaa_rating</c>: labels that are no C# names, mapped with <c>[Map]</c>.</summary>
[DbEnum(Name = "mpaa_rating")]
public enum MpaaRating
{
    G,
    PG,
    [Map("PG-13")] Pg13,
    R,
    [Map("NC-17")] Nc17,
}

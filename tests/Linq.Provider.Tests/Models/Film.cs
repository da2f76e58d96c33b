namespace Linq.Provider.Tests.Models;

/// <summary>A row with <c>[Map]</c>-labelled enums: plain, nullable, array, and a default that is a mapped member.</summary>
[Model(Table = "films")]
public partial class Film
{
    [Id, AutoIncrement] public int Id { get; set; }
    [Unique] public required string Title { get; set; }
    [Default(MpaaRating.Pg13)] public MpaaRating Rating { get; set; }
    public WorkStage? Stage { get; set; }
    public MpaaRating[]? Allowed { get; set; }
    public int? StudioId { get; set; }
    [Relation(nameof(StudioId))] public FilmStudio? Studio { get; set; }
}

namespace Linq.Provider.Tests.Models;

/// <summary>The parent of <see cref="Film"/>: related rows (read from JSON) and nested creates with mapped labels.</summary>
[Model(Table = "film_studios")]
public partial class FilmStudio
{
    [Id, AutoIncrement] public int Id { get; set; }
    [Unique] public required string Name { get; set; }
    [Default(WorkStage.Waiting)] public WorkStage Stage { get; set; }
    public List<Film> Films { get; set; } = [];
}

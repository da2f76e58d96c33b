using Linq.Sql.Schema;

namespace Linq.Provider.Tests.Models;

/// <summary>
/// A required foreign key with <c>OnDelete = SetNull</c>: PostgreSQL accepts the key, and deleting the harbor fails.
/// The generator warns (LINQ046); the warning is the point of this model, so the project silences it (NoWarn).
/// </summary>
[Model]
public partial class Boat
{
    [Id, AutoIncrement] public int Id { get; set; }
    public required string Name { get; set; }
    public int HarborId { get; set; }
    [Relation(nameof(HarborId), OnDelete = ReferentialAction.SetNull)] public Harbor? Harbor { get; set; }
}

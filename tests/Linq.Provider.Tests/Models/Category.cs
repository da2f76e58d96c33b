namespace Linq.Provider.Tests.Models;

/// <summary>A tree: the self-relation has a nullable foreign key, so children can be detached.</summary>
[Model]
public partial class Category
{
    [Id, AutoIncrement] public int Id { get; set; }
    [Unique] public required string Name { get; set; }
    public int? ParentId { get; set; }
    [Relation(nameof(ParentId))] public Category? Parent { get; set; }
    public List<Category> Children { get; set; } = [];
}

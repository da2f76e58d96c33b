using System.ComponentModel;
using Linq.Sql.Schema;

namespace Linq.Contract;

/// <summary>
/// A navigation property. <see cref="IsOwner"/> says which side holds the foreign key: for
/// <c>Post.Author</c> it is the post (owner); for <c>User.Posts</c> it is the target.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RelationMetadata
{
    private readonly Func<ModelMetadata> _target;

    /// <summary>Created by generated code only. The target is resolved lazily so models may refer to each other.</summary>
    public RelationMetadata(string propertyName, Func<ModelMetadata> target, RelationKind kind, bool isOwner, bool isOptional,
        IReadOnlyList<string> foreignKeyProperties, IReadOnlyList<string> referencedProperties, string constraintName,
        ReferentialAction onDelete, Action<object, object?>? setter = null, ReferentialAction onUpdate = ReferentialAction.Cascade)
    {
        OnUpdate = onUpdate;
        Setter = setter;
        PropertyName = propertyName;
        _target = target;
        Kind = kind;
        IsOwner = isOwner;
        IsOptional = isOptional;
        ForeignKeyProperties = foreignKeyProperties;
        ReferencedProperties = referencedProperties;
        ConstraintName = constraintName;
        OnDelete = onDelete;
    }

    /// <summary>Created by generated code only: one side of an implicit many-to-many relation over <paramref name="joinTable"/>.</summary>
    public RelationMetadata(string propertyName, Func<ModelMetadata> target, JoinTableMetadata joinTable, Action<object, object?>? setter = null)
        : this(propertyName, target, RelationKind.ToMany, isOwner: false, isOptional: true, [], [], joinTable.TableName, ReferentialAction.Cascade, setter)
    {
        JoinTable = joinTable;
    }

    /// <summary>The join table of a many-to-many relation; null for a relation over a foreign key.</summary>
    public JoinTableMetadata? JoinTable { get; }

    /// <summary>The navigation property name.</summary>
    public string PropertyName { get; }

    /// <summary>The related model.</summary>
    public ModelMetadata Target => _target();

    /// <summary>One or many.</summary>
    public RelationKind Kind { get; }

    /// <summary>Whether this model holds the foreign key.</summary>
    public bool IsOwner { get; }

    /// <summary>Whether the related row may be absent (nullable foreign key or back-reference).</summary>
    public bool IsOptional { get; }

    /// <summary>The foreign key properties, on whichever side owns the relation.</summary>
    public IReadOnlyList<string> ForeignKeyProperties { get; }

    /// <summary>The referenced key properties, on the principal side.</summary>
    public IReadOnlyList<string> ReferencedProperties { get; }

    /// <summary>The foreign key constraint's name.</summary>
    public string ConstraintName { get; }

    /// <summary>
    /// Sets the navigation on an entity (generated; null when the property is init-only and so cannot be
    /// loaded after construction).
    /// </summary>
    public Action<object, object?>? Setter { get; }

    /// <summary>The delete rule of the foreign key.</summary>
    public ReferentialAction OnDelete { get; }

    /// <summary>The update rule of the foreign key.</summary>
    public ReferentialAction OnUpdate { get; }
}

using Linq.Contract;
using Npgsql;

namespace Linq.Querying.Relations;

/// <summary>
/// A relation loaded with <see cref="LoadStrategy.Query"/>: one statement for the whole level
/// (<c>WHERE fk = ANY(ARRAY(parent keys))</c>), its rows stitched onto the parents by key, then its own levels below.
/// </summary>
internal sealed class FollowUpQuery(CompiledQuery statement, RelationMetadata relation, ColumnMetadata ownerKey, ColumnMetadata childKey,
    IReadOnlyList<FollowUpQuery> children)
{
    // Built on first use (after Linked is set); a plan shared by threads may build it twice, to the same effect.
    private LevelKeys? _keys;

    public CompiledQuery Statement { get; } = statement;

    public RelationMetadata Relation { get; } = relation;

    /// <summary>The parent's property whose values are looked up (its key, or its foreign key for a to-one).</summary>
    public ColumnMetadata OwnerKey { get; } = ownerKey;

    /// <summary>The child's property matched against <see cref="OwnerKey"/>.</summary>
    public ColumnMetadata ChildKey { get; } = childKey;

    public IReadOnlyList<FollowUpQuery> Children { get; } = children;

    /// <summary>Whether the rows are <see cref="LinkedRow"/>s carrying their parent's key (a many-to-many relation).</summary>
    public bool Linked { get; init; }

    /// <summary>How the level's rows are matched to their parents (typed by the key where the model's getters allow).</summary>
    public LevelKeys Keys => _keys ??= Linked ? LevelKeys.Linked(OwnerKey) : LevelKeys.For(OwnerKey, ChildKey);

    /// <summary>The statement's parameters: the query's values (the parent keys are selected by the statement itself).</summary>
    public NpgsqlParameter[] Bind(object?[] values) => Statement.Bind(values);
}

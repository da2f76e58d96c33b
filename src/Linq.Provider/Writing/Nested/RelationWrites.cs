using System.Linq.Expressions;
using Linq.Contract;

namespace Linq.Writing.Nested;

/// <summary>
/// The nested writes of one input to one relation, taken out of the generated generic types into plain lists the
/// planner walks. Filters that are not unique keys keep a typed callback that compiles them against the child table.
/// The lists other than <see cref="Create"/> are made on first use: a nested create of children allocates none of them.
/// </summary>
internal sealed class RelationWrites(RelationMetadata relation)
{
    public RelationMetadata Relation { get; } = relation;

    /// <summary>The children to create: the input's own list (checked for nulls), not a copy.</summary>
    public IReadOnlyList<ICreateInput> Create { get; set; } = [];

    private List<ICreateInput>? _createMany;

    public List<ICreateInput> CreateMany => _createMany ??= [];

    public bool SkipDuplicates { get; set; }

    private List<LambdaExpression>? _connect;

    public List<LambdaExpression> Connect => _connect ??= [];

    private List<(LambdaExpression Where, ICreateInput Create)>? _connectOrCreate;

    public List<(LambdaExpression Where, ICreateInput Create)> ConnectOrCreate => _connectOrCreate ??= [];

    private List<(LambdaExpression Where, IUpdateInput Data)>? _update;

    public List<(LambdaExpression Where, IUpdateInput Data)> Update => _update ??= [];

    private List<(Func<FilterPlan> Where, IUpdateInput Data)>? _updateMany;

    public List<(Func<FilterPlan> Where, IUpdateInput Data)> UpdateMany => _updateMany ??= [];

    private List<LambdaExpression>? _delete;

    public List<LambdaExpression> Delete => _delete ??= [];

    private List<Func<FilterPlan>>? _deleteMany;

    public List<Func<FilterPlan>> DeleteMany => _deleteMany ??= [];

    private List<LambdaExpression>? _disconnect;

    public List<LambdaExpression> Disconnect => _disconnect ??= [];

    /// <summary>Many-to-many: when not null, the rows the parent is linked to after the write (every other link goes).</summary>
    public List<LambdaExpression>? Set { get; set; }

    /// <summary>To-one: update the related row (whichever it is).</summary>
    public IUpdateInput? UpdateOne { get; set; }

    /// <summary>To-one: delete the related row.</summary>
    public bool DeleteOne { get; set; }

    /// <summary>To-one: detach the related row.</summary>
    public bool DisconnectOne { get; set; }

    public bool HasCreates => Create.Count > 0 || _createMany is { Count: > 0 } || _connect is { Count: > 0 } || _connectOrCreate is { Count: > 0 } || Set is { Count: > 0 };

    public bool HasUpdates => _update is { Count: > 0 } || _updateMany is { Count: > 0 } || _delete is { Count: > 0 } || _deleteMany is { Count: > 0 }
        || _disconnect is { Count: > 0 } || UpdateOne is not null || DeleteOne || DisconnectOne;

    /// <summary>Of the writes that add children, only creates of new rows (updates of existing ones may come with them).</summary>
    public bool NewRowsOnly => _createMany is not { Count: > 0 } && _connect is not { Count: > 0 } && _connectOrCreate is not { Count: > 0 } && Set is null && !SkipDuplicates;

    /// <summary>Only creates of new rows (or nothing): no createMany, connects, link sets or updates.</summary>
    public bool CreatesOnly => _createMany is not { Count: > 0 } && _connect is not { Count: > 0 } && _connectOrCreate is not { Count: > 0 } && Set is null
        && !SkipDuplicates && !HasUpdates;
}

using System.Linq.Expressions;
using Linq.Contract;

namespace Linq.Writing.Nested;

/// <summary>
/// The nested writes of one input to one relation, taken out of the generated generic types into plain lists the
/// planner walks. Filters that are not unique keys keep a typed callback that compiles them against the child table.
/// </summary>
internal sealed class RelationWrites(RelationMetadata relation)
{
    public RelationMetadata Relation { get; } = relation;

    public List<ICreateInput> Create { get; } = [];

    public List<ICreateInput> CreateMany { get; } = [];

    public bool SkipDuplicates { get; set; }

    public List<LambdaExpression> Connect { get; } = [];

    public List<(LambdaExpression Where, ICreateInput Create)> ConnectOrCreate { get; } = [];

    public List<(LambdaExpression Where, IUpdateInput Data)> Update { get; } = [];

    public List<(Func<FilterPlan> Where, IUpdateInput Data)> UpdateMany { get; } = [];

    public List<LambdaExpression> Delete { get; } = [];

    public List<Func<FilterPlan>> DeleteMany { get; } = [];

    public List<LambdaExpression> Disconnect { get; } = [];

    /// <summary>Many-to-many: when not null, the rows the parent is linked to after the write (every other link goes).</summary>
    public List<LambdaExpression>? Set { get; set; }

    /// <summary>To-one: update the related row (whichever it is).</summary>
    public IUpdateInput? UpdateOne { get; set; }

    /// <summary>To-one: delete the related row.</summary>
    public bool DeleteOne { get; set; }

    /// <summary>To-one: detach the related row.</summary>
    public bool DisconnectOne { get; set; }

    public bool HasCreates => Create.Count > 0 || CreateMany.Count > 0 || Connect.Count > 0 || ConnectOrCreate.Count > 0 || Set is { Count: > 0 };

    public bool HasUpdates => Update.Count > 0 || UpdateMany.Count > 0 || Delete.Count > 0 || DeleteMany.Count > 0 || Disconnect.Count > 0
        || UpdateOne is not null || DeleteOne || DisconnectOne;
}

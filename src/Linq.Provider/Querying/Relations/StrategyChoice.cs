using Linq.Contract;

namespace Linq.Querying.Relations;

/// <summary>
/// Picks each include's <see cref="LoadStrategy"/>: the include's own, else the query's
/// (<c>RelationLoadStrategy</c>), else by shape: a collection over a single-column key loads with the batched
/// per-level statements (<see cref="LoadStrategy.Query"/>, measured fastest for collections), anything else
/// (a to-one, a composite key) with a LATERAL join. A plan that must be one statement (streamed, a batch item, a
/// READ COMMITTED transaction) takes <see cref="LoadStrategy.Join"/> wherever nothing was named.
/// </summary>
internal sealed class StrategyChoice(LoadStrategy? named, bool singleStatement)
{
    /// <summary>Whether a relation was batched because nothing was named (so a one-statement plan can replace the plan).</summary>
    public bool BatchedByDefault { get; private set; }

    public LoadStrategy For(ModelMetadata owner, IncludeNode include)
    {
        var strategy = Choose(owner, include, out var byDefault);
        BatchedByDefault |= byDefault;
        return strategy;
    }

    /// <summary>
    /// Whether any relation <paramref name="includes"/> loads, at any depth, may be a statement of its own
    /// (<see cref="LoadStrategy.Query"/>): the rows it hangs under are then selected again by that statement.
    /// </summary>
    public bool BatchesAny(ModelMetadata owner, IncludeNode includes) => includes.Children.Any(include =>
        Choose(owner, include, out _) == LoadStrategy.Query
        || (owner.FindRelation(include.Navigation) is { } relation && BatchesAny(relation.Target, include)));

    private LoadStrategy Choose(ModelMetadata owner, IncludeNode include, out bool byDefault)
    {
        byDefault = false;
        if ((include.Strategy ?? named) is { } strategy)
        {
            return strategy;
        }

        if (singleStatement || !Batchable(owner.FindRelation(include.Navigation)))
        {
            return LoadStrategy.Join;
        }

        byDefault = true;
        return LoadStrategy.Query;
    }

    /// <summary>
    /// Whether any of the relations <paramref name="includes"/> loads into a row of <paramref name="owner"/> is loaded
    /// inside that row's own statement (<see cref="LoadStrategy.Join"/>); the others are statements of their own.
    /// </summary>
    public bool JoinsAny(ModelMetadata owner, IncludeNode includes) => includes.Children.Any(include => For(owner, include) == LoadStrategy.Join);

    // What FollowUpPlanner plans without refusing: a settable collection over one key column (or a join table), and a
    // single-column primary key for a per-parent page.
    private static bool Batchable(RelationMetadata? relation) =>
        relation is { Kind: RelationKind.ToMany, Setter: not null } && relation.Target.PrimaryKey.Columns.Count == 1
        && (relation.JoinTable is not null || relation.ForeignKeyProperties.Count == 1);
}

using System.Buffers;
using System.Data;
using Linq.Contract;
using Linq.Execution;
using Npgsql;

namespace Linq.Querying.Relations;

/// <summary>
/// Runs a query with <see cref="LoadStrategy.Query"/> relations in ONE round trip: the root statement and one statement
/// per relation level go in one <see cref="NpgsqlBatch"/> (each level selects its parents' keys itself, see
/// <see cref="FollowUpPlanner"/>), and the rows are stitched onto their parents by key afterwards.
/// </summary>
/// <remarks>
/// Consistency: under PostgreSQL's default READ COMMITTED every statement takes its own snapshot, so a writer committing
/// between two statements of the batch could make a level disagree with its parents. Outside a transaction the batch is
/// therefore <c>BEGIN ISOLATION LEVEL REPEATABLE READ; …; COMMIT</c> (still one round trip): every statement sees the one
/// snapshot the first took. Inside a transaction the statements run in it (under a savepoint) and see what its isolation
/// level lets them see, as any two statements of that transaction do.
/// </remarks>
internal static class RelationBatch
{
    /// <summary>
    /// Runs <paramref name="plan"/> and its follow-ups; <paramref name="entity"/> picks the entity of a root row. The batch
    /// runs on <paramref name="executor"/> (a read replica's) when given, else on the client's.
    /// </summary>
    public static async Task<List<TRow>> LoadAsync<TRow>(LinqDatabase database, CompiledQuery plan, object?[] values, Func<NpgsqlDataReader, TRow> read,
        Func<TRow, object?> entity, CancellationToken cancellationToken, CommandExecutor? executor = null)
    {
        // Sized by the roots' Take count as a single statement's list is (a page of roots is a plain select when every
        // relation is batched, so its LIMIT is the statement's own).
        var roots = new List<TRow>(plan.CapacityFor(values));
        var items = new List<BatchCommandSpec>
        {
            new(database, plan.Sql, plan.Bind(values), async (reader, token) =>
            {
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    roots.Add(Read(reader, read, roots.Count));
                }
            }),
        };
        var levels = new Dictionary<FollowUpQuery, List<object>>();
        Add(database, plan.FollowUps, values, items, levels);

        executor ??= database.Executor;
        await executor.RunBatchTransactionAsync(plan.Operation, items, executor.Binding is null ? IsolationLevel.RepeatableRead : null, cancellationToken)
            .ConfigureAwait(false);

        var parents = new List<object>(roots.Count);
        foreach (var root in roots)
        {
            if (entity(root) is { } parent)
            {
                parents.Add(parent);
            }
        }

        Stitch(parents, plan.FollowUps, levels);
        return roots;
    }

    // Depth first, in the order the levels are stitched: each level's rows are read into their own list.
    private static void Add(LinqDatabase database, IReadOnlyList<FollowUpQuery> followUps, object?[] values, List<BatchCommandSpec> items,
        Dictionary<FollowUpQuery, List<object>> levels)
    {
        foreach (var followUp in followUps)
        {
            var rows = new List<object>();
            levels[followUp] = rows;
            var shaper = followUp.Statement.Shaper<object>();
            items.Add(new BatchCommandSpec(database, followUp.Statement.Sql, followUp.Bind(values), async (reader, token) =>
            {
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    rows.Add(Read(reader, shaper, rows.Count));
                }
            }));
            Add(database, followUp.Children, values, items, levels);
        }
    }

    // A value the row's type cannot hold (a numeric beyond decimal) names its column and row, as a single statement's read does.
    private static T Read<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> read, int row)
    {
        try
        {
            return read(reader);
        }
        catch (Exception error) when (ReadFailure.Describe(reader, row, error) is { } described)
        {
            throw described;
        }
    }

    private static void Stitch(List<object> parents, IReadOnlyList<FollowUpQuery> followUps, Dictionary<FollowUpQuery, List<object>> levels)
    {
        foreach (var followUp in followUps)
        {
            var rows = levels[followUp];
            var runs = ArrayPool<(int Start, int Count)>.Shared.Rent(parents.Count);
            followUp.Keys.Find(parents, rows, runs);
            // A many-to-many row carries the key of its parent; any other row is the child itself.
            var children = rows;
            if (followUp.Linked)
            {
                children = new List<object>(rows.Count);
                foreach (var row in rows)
                {
                    children.Add(((LinkedRow)row).Entity);
                }
            }

            // The level selected its parents again in the same snapshot, so every parent is there; rows of parents this
            // result does not hold (none, in one snapshot) would simply not be attached.
            var target = followUp.Relation.Target;
            var setter = followUp.Relation.Setter!;
            var toMany = followUp.Relation.Kind == RelationKind.ToMany;
            for (var i = 0; i < parents.Count; i++)
            {
                var (start, count) = runs[i];
                setter(parents[i], toMany ? target.CopyList(children, start, count) : count > 0 ? children[start] : null);
            }

            ArrayPool<(int Start, int Count)>.Shared.Return(runs);
            if (followUp.Children.Count > 0)
            {
                Stitch(children, followUp.Children, levels);
            }
        }
    }
}

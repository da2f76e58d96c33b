using System.Collections;
using Linq.Contract;
using Linq.Execution;
using Npgsql;

namespace Linq.Querying.Relations;

/// <summary>Runs <see cref="LoadStrategy.Query"/> relations after the main statement: one statement per relation level, never one per row.</summary>
internal static class FollowUpLoader
{
    // executor: where the main statement ran (a read replica's), so that the follow-ups read the same server; null for the client's own.
    public static async Task LoadAsync(LinqDatabase database, IList parents, IReadOnlyList<FollowUpQuery> followUps, object?[] values,
        CancellationToken cancellationToken, CommandExecutor? executor = null)
    {
        if (parents.Count == 0)
        {
            return;
        }

        foreach (var followUp in followUps)
        {
            var keys = new HashSet<object>();
            foreach (var parent in parents)
            {
                if (followUp.OwnerKey.Getter!(parent!) is { } key)
                {
                    keys.Add(key);
                }
            }

            var keyColumn = followUp.Linked ? followUp.OwnerKey : followUp.ChildKey;
            var keyType = Nullable.GetUnderlyingType(keyColumn.ClrType) ?? keyColumn.ClrType;
            var keyArray = ArrayConverter.FromObjects(keyType, keys);
            var shaper = followUp.Statement.Shaper<object>();
            var rows = await (executor ?? database.Executor).ListAsync(followUp.Statement.Operation, followUp.Statement.Sql, followUp.Bind(values, keyArray), shaper, cancellationToken)
                .ConfigureAwait(false);

            // A many-to-many row carries the key of its parent; any other row is matched by its own foreign key.
            var children = followUp.Linked ? rows.Select(r => ((LinkedRow)r).Entity).ToList() : rows;
            var byKey = new Dictionary<object, List<object>>();
            for (var i = 0; i < rows.Count; i++)
            {
                var child = children[i];
                var key = followUp.Linked ? ((LinkedRow)rows[i]).Key : followUp.ChildKey.Getter!(child)!;
                if (!byKey.TryGetValue(key, out var group))
                {
                    byKey[key] = group = [];
                }

                group.Add(child);
            }

            var target = followUp.Relation.Target;
            foreach (var parent in parents)
            {
                var key = followUp.OwnerKey.Getter!(parent!);
                var matches = key is not null && byKey.TryGetValue(key, out var found) ? found : null;
                if (followUp.Relation.Kind == RelationKind.ToMany)
                {
                    var list = target.CreateObjectList(matches?.Count ?? 0);
                    foreach (var match in matches ?? [])
                    {
                        list.Add(match);
                    }

                    followUp.Relation.Setter!(parent!, list);
                }
                else
                {
                    followUp.Relation.Setter!(parent!, matches?[0]);
                }
            }

            if (followUp.Children.Count > 0)
            {
                await LoadAsync(database, children, followUp.Children, values, cancellationToken, executor).ConfigureAwait(false);
            }
        }
    }
}

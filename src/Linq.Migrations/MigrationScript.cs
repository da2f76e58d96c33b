using Linq.Migrations.Diffing;
using Linq.Migrations.History;
using Linq.Migrations.Safety;
using Linq.Sql.Schema;
using Linq.Sql.Schema.Operations;

namespace Linq.Migrations;

/// <summary>
/// The text of a <c>migration.sql</c>: a header listing the operations, warning about destructive ones and noting the
/// indexes it rebuilds (dropped and created again: no data lost, but the table locked until commit), then the SQL.
/// </summary>
public static class MigrationScript
{
    /// <summary>Renders a migration file.</summary>
    /// <param name="operations">The operations, in order (as a diff returns them).</param>
    /// <param name="review">
    /// The operations classified, ideally with row counts from <see cref="DestructiveChangeChecker"/>; null classifies
    /// them here without counts. Every destructive one gets a warning line in the header.
    /// </param>
    /// <param name="runsInTransaction">False starts the file with <see cref="Migration.NoTransactionMarker"/>.</param>
    public static string Create(IReadOnlyList<SchemaOperation> operations, IReadOnlyList<ClassifiedOperation>? review = null, bool runsInTransaction = true)
    {
        ArgumentNullException.ThrowIfNull(operations);
        review ??= OperationClassifier.Classify(operations);
        var destructive = review.Where(r => r.IsDestructive).ToList();
        var notes = new List<string>();
        if (destructive.Count > 0)
        {
            notes.Add("");
            notes.Add($"WARNING: {destructive.Count} destructive operation{(destructive.Count == 1 ? "" : "s")}; review before applying:");
            notes.AddRange(destructive.Select(d => "  - " + d.Warning));
        }

        var rebuilt = RebuiltIndexes(operations);
        if (rebuilt.Count > 0)
        {
            notes.Add("");
            notes.Add($"NOTE: {rebuilt.Count} index{(rebuilt.Count == 1 ? " is" : "es are")} rebuilt (dropped and created again, say for a new NULL order); no data is lost, "
                + "but DROP INDEX locks the table until the migration commits, so its reads and writes wait while the index is built:");
            notes.AddRange(rebuilt.Select(r => "  - " + r.Description));
        }

        var script = DdlRenderer.Script(operations, notes);
        return runsInTransaction ? script : Migration.NoTransactionMarker + "\n" + script;
    }

    /// <summary>
    /// The indexes <paramref name="operations"/> drop and create again under the same name on the same table (say for a
    /// new NULL order): no data is lost, but the table is locked until the migration commits.
    /// </summary>
    /// <param name="operations">A diff's operations.</param>
    /// <returns>The creating operations of the rebuilt indexes, in the diff's order.</returns>
    public static IReadOnlyList<CreateIndexOperation> RebuiltIndexes(IReadOnlyList<SchemaOperation> operations)
    {
        var dropped = operations.OfType<DropIndexOperation>().Select(d => (d.Table, PostgresNames.Truncate(d.Index.Name))).ToHashSet();
        return operations.OfType<CreateIndexOperation>().Where(c => dropped.Contains((c.Table, PostgresNames.Truncate(c.Index.Name)))).ToList();
    }
}

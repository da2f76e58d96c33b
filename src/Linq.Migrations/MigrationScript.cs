using Linq.Migrations.History;
using Linq.Migrations.Safety;
using Linq.Sql.Schema;
using Linq.Sql.Schema.Operations;

namespace Linq.Migrations;

/// <summary>The text of a <c>migration.sql</c>: a header listing the operations and warning about destructive ones, then the SQL.</summary>
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

        var script = DdlRenderer.Script(operations, notes);
        return runsInTransaction ? script : Migration.NoTransactionMarker + "\n" + script;
    }
}

using System.Collections.Generic;
using System.Linq;

namespace Linq.Generators
{
    /// <summary>
    /// Reports names of the model that PostgreSQL would make one: relations of the schema (tables, views, indexes,
    /// the indexes of primary and unique keys), columns of a table, and constraints of a table, compared after the
    /// 63-byte cut. A long name that meets no other stays legal: PostgreSQL cuts it and the differ compares after the cut.
    /// Each collision is reported once, at the later of the two declarations.
    /// </summary>
    internal static class NameCollisions
    {
        public static void Report(IReadOnlyList<ModelPlan> plans, List<DiagnosticInfo> diagnostics)
        {
            var tables = SchemaNames.Collect(plans);
            var relations = tables.SelectMany(t => new[] { t.Table }.Concat(t.Indexes));
            foreach (var (first, later, cut) in Collisions(relations))
            {
                // A view may read a relation another model maps, under its exact name: only a name the cut changed is an error there.
                if ((first.Kind == SchemaNameKind.View || later.Kind == SchemaNameKind.View) && first.Name == later.Name)
                {
                    continue;
                }

                diagnostics.Add(DiagnosticInfo.Create(NameDiagnostics.RelationNameCollision, later.Origin.Location,
                    first.Origin.What, first.Name, later.Origin.What, later.Name, cut, later.Origin.Fix));
            }

            foreach (var table in tables)
            {
                foreach (var (first, later, cut) in Collisions(table.Columns))
                {
                    diagnostics.Add(DiagnosticInfo.Create(NameDiagnostics.ColumnNameCollision, later.Origin.Location,
                        first.Origin.What, later.Origin.What, table.Model, first.Name, later.Name, cut));
                }

                foreach (var (first, later, cut) in Collisions(table.Constraints))
                {
                    // Two keys that meet are already reported as relations (their indexes share the schema's namespace).
                    if (first.Kind == SchemaNameKind.KeyIndex && later.Kind == SchemaNameKind.KeyIndex)
                    {
                        continue;
                    }

                    diagnostics.Add(DiagnosticInfo.Create(NameDiagnostics.ConstraintNameCollision, later.Origin.Location,
                        first.Origin.What, first.Name, later.Origin.What, later.Name, table.Table.Name, cut, later.Origin.Fix));
                }
            }
        }

        /// <summary>Each name that meets an earlier declared one after the cut, with that first one and the shared name.</summary>
        private static IEnumerable<(SchemaName First, SchemaName Later, string Cut)> Collisions(IEnumerable<SchemaName> names)
        {
            foreach (var group in names.GroupBy(n => PostgresIdentifier.Truncate(n.Name), System.StringComparer.Ordinal))
            {
                var ordered = group.OrderBy(n => n.Origin.Location?.FilePath ?? "", System.StringComparer.Ordinal)
                    .ThenBy(n => n.Origin.Location?.Span.Start ?? -1).ToList();
                for (var i = 1; i < ordered.Count; i++)
                {
                    yield return (ordered[0], ordered[i], group.Key);
                }
            }
        }
    }
}

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

            ReportEnumTypes(plans, tables, diagnostics);
            ReportEnumTwins(InOrder(plans).Select(p => (p, true)), diagnostics);
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

        /// <summary>
        /// The same checks between the models of this compilation and those a <c>[Database(Include = …)]</c> brings in from
        /// a referenced project (validated there among themselves): a table, view or index of one that meets a relation of
        /// the other after the cut, and an enum type that meets a row type. Reported at the local declaration.
        /// </summary>
        public static void ReportAcross(IReadOnlyList<ModelPlan> local, IReadOnlyList<ModelPlan> included, List<DiagnosticInfo> diagnostics)
        {
            var localTables = SchemaNames.Collect(local);
            var includedTables = SchemaNames.Collect(included).Select(Included).ToList();
            var foreign = new HashSet<SchemaName>(includedTables.SelectMany(t => new[] { t.Table }.Concat(t.Indexes)));
            var relations = localTables.Concat(includedTables).SelectMany(t => new[] { t.Table }.Concat(t.Indexes));
            foreach (var (first, later, cut) in Collisions(relations))
            {
                var (theirs, ours) = foreign.Contains(first) ? (first, later) : (later, first);
                if (foreign.Contains(ours) || !foreign.Contains(theirs))
                {
                    continue;
                }

                if ((theirs.Kind == SchemaNameKind.View || ours.Kind == SchemaNameKind.View) && theirs.Name == ours.Name)
                {
                    continue;
                }

                diagnostics.Add(DiagnosticInfo.Create(NameDiagnostics.RelationNameCollision, ours.Origin.Location,
                    theirs.Origin.What, theirs.Name, ours.Origin.What, ours.Name, cut, ours.Origin.Fix));
            }

            ReportEnumTypes(local, includedTables, diagnostics);
            ReportEnumTwins(included.Select(p => (p, false)).Concat(InOrder(local).Select(p => (p, true))), diagnostics, acrossOnly: true);
            foreach (var plan in included)
            {
                foreach (var @enum in plan.Info.Enums)
                {
                    var cut = PostgresIdentifier.Truncate(@enum.StoreName);
                    var table = localTables.FirstOrDefault(t => PostgresIdentifier.Truncate(t.Table.Name) == cut);
                    if (table is not null)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(NameDiagnostics.EnumTypeNameCollision, table.Table.Origin.Location,
                            @enum.StoreName, @enum.FullName.Replace("global::", ""), plan.Info.Name + " (an included model)", table.Table.Origin.What, table.Table.Name, cut));
                    }
                }
            }
        }

        // An included model's names, said to be so in the messages.
        private static TableNames Included(TableNames table)
        {
            static SchemaName Mark(SchemaName name) => name with { Origin = name.Origin with { What = name.Origin.What + " (an included model)" } };
            var marked = new TableNames(table.Model, Mark(table.Table));
            marked.Indexes.AddRange(table.Indexes.Select(Mark));
            return marked;
        }

        // Every table and view also has a composite type of its name in PostgreSQL's types (pg_type), where a [DbEnum]'s
        // type lives too: CREATE TYPE or CREATE TABLE would fail with "type … already exists". Reported once per enum,
        // on the first model (in declaration order) that uses it.
        private static void ReportEnumTypes(IReadOnlyList<ModelPlan> plans, List<TableNames> tables, List<DiagnosticInfo> diagnostics)
        {
            var rowTypes = new Dictionary<string, SchemaName>(System.StringComparer.Ordinal);
            foreach (var table in tables)
            {
                var cut = PostgresIdentifier.Truncate(table.Table.Name);
                if (!rowTypes.ContainsKey(cut))
                {
                    rowTypes.Add(cut, table.Table);
                }
            }

            var reported = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var plan in InOrder(plans))
            {
                foreach (var @enum in plan.Info.Enums)
                {
                    var cut = PostgresIdentifier.Truncate(@enum.StoreName);
                    if (rowTypes.TryGetValue(cut, out var relation) && reported.Add(@enum.FullName))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(NameDiagnostics.EnumTypeNameCollision, plan.Info.Location,
                            @enum.StoreName, @enum.FullName.Replace("global::", ""), plan.Info.Name, relation.Origin.What, relation.Name, cut));
                    }
                }
            }
        }

        // Two enums whose type names the cut makes one (or that are one): a schema holds one type of a name. Reported once
        // per later enum, at the first model that uses it; across an include only a local enum meeting an included one.
        private static void ReportEnumTwins(IEnumerable<(ModelPlan Plan, bool Local)> uses, List<DiagnosticInfo> diagnostics, bool acrossOnly = false)
        {
            var first = new Dictionary<string, (EnumInfo Enum, ModelPlan Plan, bool Local)>(System.StringComparer.Ordinal);
            var reported = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var (plan, local) in uses)
            {
                foreach (var @enum in plan.Info.Enums)
                {
                    var cut = PostgresIdentifier.Truncate(@enum.StoreName);
                    if (!first.TryGetValue(cut, out var earlier))
                    {
                        first.Add(cut, (@enum, plan, local));
                    }
                    else if (earlier.Enum.FullName != @enum.FullName && (!acrossOnly || (local && !earlier.Local)) && reported.Add(@enum.FullName))
                    {
                        var what = earlier.Local ? earlier.Plan.Info.Name : earlier.Plan.Info.Name + " (an included model)";
                        diagnostics.Add(DiagnosticInfo.Create(NameDiagnostics.EnumTypeTwins, plan.Info.Location,
                            @enum.FullName.Replace("global::", ""), @enum.StoreName, plan.Info.Name,
                            earlier.Enum.FullName.Replace("global::", ""), earlier.Enum.StoreName, what, cut));
                    }
                }
            }
        }

        private static IEnumerable<ModelPlan> InOrder(IEnumerable<ModelPlan> plans) =>
            plans.OrderBy(p => p.Info.Location?.FilePath ?? "", System.StringComparer.Ordinal).ThenBy(p => p.Info.Location?.Span.Start ?? -1);

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

using System.Collections.Generic;
using System.Linq;

namespace Linq.Generators
{
    /// <summary>
    /// Pairs the collection navigations of implicit many-to-many relations and names their join tables. A collection is
    /// many-to-many when it carries <c>[ManyToMany]</c>, or when its target holds no foreign key back to it (so it is no
    /// back-reference) and the target has a collection pointing back. Pairs match by <c>[ManyToMany("name")]</c>, or, without
    /// names, as the only such collections between the two models.
    /// </summary>
    internal static class ManyToManyResolver
    {
        /// <summary>Adds the relations to the plans; returns the navigations it took (resolved or reported).</summary>
        public static HashSet<(ModelPlan Plan, string Navigation)> Resolve(List<ModelPlan> plans, Dictionary<string, ModelPlan> byType, List<DiagnosticInfo> diagnostics)
        {
            var taken = new HashSet<(ModelPlan, string)>();
            var candidates = new List<(ModelPlan Plan, PropertyInfo Nav, ModelPlan Target)>();
            foreach (var plan in plans)
            {
                foreach (var nav in plan.Navigations.Where(n => !n.HasRelation))
                {
                    if (nav.IsManyToMany && nav.Kind != PropertyKind.ToMany)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(RelationDiagnostics.ManyToManyNotCollection, nav.Location, plan.Info.Name, nav.Name, nav.TargetName));
                        taken.Add((plan, nav.Name));
                        continue;
                    }

                    if (nav.Kind != PropertyKind.ToMany || !byType.TryGetValue(nav.TargetType, out var target))
                    {
                        continue;
                    }

                    var backReference = target.Relations.Any(r => r.IsOwner && r.TargetType == plan.Info.FullName);
                    var pointsBack = target.Navigations.Any(n => !n.HasRelation && n.Kind == PropertyKind.ToMany && n.TargetType == plan.Info.FullName
                        && (target != plan || n.Name != nav.Name));
                    if (nav.IsManyToMany || (!backReference && pointsBack))
                    {
                        candidates.Add((plan, nav, target));
                    }
                }
            }

            var tables = new Dictionary<string, string>(System.StringComparer.Ordinal);
            foreach (var plan in plans)
            {
                tables[plan.Info.TableName] = "the table of model '" + plan.Info.Name + "'";
            }

            foreach (var candidate in candidates)
            {
                if (!taken.Add((candidate.Plan, candidate.Nav.Name)))
                {
                    continue;
                }

                var name = candidate.Nav.ManyToManyName;
                var self = candidate.Plan == candidate.Target;
                var partners = candidates.Where(c => c.Plan == candidate.Target && c.Target == candidate.Plan && c.Nav.ManyToManyName == name
                    && !(self && c.Nav.Name == candidate.Nav.Name)).ToList();
                var rivals = candidates.Where(c => c.Plan == candidate.Plan && c.Target == candidate.Target && c.Nav.ManyToManyName == name
                    && c.Nav.Name != candidate.Nav.Name && !partners.Contains(c)).ToList();
                var suggestion = candidate.Plan.Info.Name + candidate.Nav.Name;
                if (partners.Count == 0)
                {
                    var named = name is null ? "" : "[ManyToMany(\"" + name + "\")] ";
                    var extra = name is null ? "" : " with [ManyToMany(\"" + name + "\")]";
                    diagnostics.Add(DiagnosticInfo.Create(RelationDiagnostics.ManyToManyNoCounterpart, candidate.Nav.Location, candidate.Plan.Info.Name,
                        candidate.Nav.Name, candidate.Target.Info.Name, named, extra));
                    continue;
                }

                if (partners.Count > 1 || rivals.Count > 0 || (self && name is null))
                {
                    var why = self && name is null
                        ? "a many-to-many relation of '" + candidate.Plan.Info.Name + "' with itself needs a name on both sides"
                        : "there are several unnamed many-to-many collections between '" + candidate.Plan.Info.Name + "' and '" + candidate.Target.Info.Name + "'";
                    diagnostics.Add(DiagnosticInfo.Create(RelationDiagnostics.ManyToManyAmbiguous, candidate.Nav.Location, candidate.Plan.Info.Name,
                        candidate.Nav.Name, why, suggestion));
                    foreach (var other in partners.Concat(rivals))
                    {
                        if (taken.Add((other.Plan, other.Nav.Name)))
                        {
                            diagnostics.Add(DiagnosticInfo.Create(RelationDiagnostics.ManyToManyAmbiguous, other.Nav.Location, other.Plan.Info.Name,
                                other.Nav.Name, why, suggestion));
                        }
                    }

                    continue;
                }

                var partner = partners[0];
                taken.Add((partner.Plan, partner.Nav.Name));
                if (!Valid(candidate.Plan, candidate.Nav, candidate.Target, diagnostics) | !Valid(partner.Plan, partner.Nav, partner.Target, diagnostics))
                {
                    continue;
                }

                // Prisma's convention: "_{A}To{B}" with A the model whose name sorts first (for a self-relation, the navigation).
                var first = Compare(candidate.Plan, candidate.Nav, partner.Plan, partner.Nav) <= 0 ? candidate : partner;
                var second = first == candidate ? partner : candidate;
                var table = name ?? "_" + first.Plan.Info.Name + "To" + second.Plan.Info.Name;
                if (tables.TryGetValue(table, out var owner))
                {
                    diagnostics.Add(DiagnosticInfo.Create(RelationDiagnostics.JoinTableNameTaken, candidate.Nav.Location, table, candidate.Plan.Info.Name,
                        candidate.Nav.Name, owner));
                    continue;
                }

                tables[table] = "the join table of '" + candidate.Plan.Info.Name + "." + candidate.Nav.Name + "'";
                first.Plan.Relations.Add(Relation(first.Nav, second.Nav, first.Target, table, "A", "B"));
                second.Plan.Relations.Add(Relation(second.Nav, first.Nav, second.Target, table, "B", "A"));
            }

            return taken;
        }

        private static int Compare(ModelPlan a, PropertyInfo aNav, ModelPlan b, PropertyInfo bNav)
        {
            var byModel = string.CompareOrdinal(a.Info.Name, b.Info.Name);
            return byModel != 0 ? byModel : string.CompareOrdinal(aNav.Name, bNav.Name);
        }

        private static bool Valid(ModelPlan plan, PropertyInfo nav, ModelPlan target, List<DiagnosticInfo> diagnostics)
        {
            foreach (var model in new[] { plan, target })
            {
                if (model.PrimaryKey.Columns.Count != 1 || model.Info.IsView)
                {
                    diagnostics.Add(DiagnosticInfo.Create(RelationDiagnostics.ManyToManyNeedsSingleKey, nav.Location, plan.Info.Name, nav.Name, model.Info.Name));
                    return false;
                }
            }

            return true;
        }

        private static RelationPlan Relation(PropertyInfo nav, PropertyInfo inverse, ModelPlan target, string table, string source, string targetColumn) => new RelationPlan
        {
            PropertyName = nav.Name,
            TargetType = target.Info.FullName,
            Many = true,
            IsOwner = false,
            IsOptional = true,
            ConstraintName = table,
            InverseProperty = inverse.Name,
            JoinTable = table,
            SourceColumn = source,
            TargetColumn = targetColumn,
        };
    }
}

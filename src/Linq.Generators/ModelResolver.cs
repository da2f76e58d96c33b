using System;
using System.Collections.Generic;
using System.Linq;

namespace Linq.Generators
{
    /// <summary>Validates models against each other and resolves relations (owner sides and back-references).</summary>
    internal static class ModelResolver
    {
        // ReferentialAction values of Linq.Sql.Schema.ReferentialAction.
        private const int Restrict = 1;
        private const int SetNull = 3;
        private const int Cascade = 2;
        private const int SetDefault = 4;

        public static List<ModelPlan> Resolve(IReadOnlyList<ModelInfo> models, List<DiagnosticInfo> diagnostics)
        {
            var plans = models.Select(m => BuildColumns(m, diagnostics)).ToList();
            var byType = new Dictionary<string, ModelPlan>();
            foreach (var plan in plans)
            {
                byType[plan.Info.FullName] = plan;
            }

            // Owner sides first: back-references are resolved against them.
            foreach (var plan in plans)
            {
                foreach (var nav in plan.Navigations.Where(n => n.HasRelation))
                {
                    var relation = ResolveOwner(plan, nav, byType, diagnostics);
                    if (relation is not null)
                    {
                        plan.Relations.Add(relation);
                    }
                }
            }

            var manyToMany = ManyToManyResolver.Resolve(plans, byType, diagnostics);
            foreach (var plan in plans)
            {
                foreach (var nav in plan.Navigations.Where(n => !n.HasRelation && !manyToMany.Contains((plan, n.Name))))
                {
                    var relation = ResolveBackReference(plan, nav, byType, diagnostics);
                    if (relation is not null)
                    {
                        plan.Relations.Add(relation);
                    }
                }
            }

            foreach (var plan in plans)
            {
                foreach (var relation in plan.Relations)
                {
                    relation.TargetIsView = byType.TryGetValue(relation.TargetType, out var target) && target.Info.IsView;
                }
            }

            NameCollisions.Report(plans, diagnostics);
            return plans;
        }

        private static ModelPlan BuildColumns(ModelInfo model, List<DiagnosticInfo> diagnostics)
        {
            var plan = new ModelPlan(model);
            if (!model.IsTopLevelNonGeneric)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NestedOrGenericModel, model.Location, model.Name));
            }
            else if (!model.IsPartial)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, model.Location, model.Name, "metadata and materializer"));
            }

            var columnsByName = new Dictionary<string, PropertyInfo>();
            foreach (var property in model.Properties)
            {
                switch (property.Kind)
                {
                    case PropertyKind.Unmappable:
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnmappableType, property.Location, model.Name, property.Name, property.TypeDisplay));
                        continue;
                    case PropertyKind.NotAModel:
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RelationTargetNotModel, property.Location, model.Name, property.Name, property.TargetName));
                        continue;
                    case PropertyKind.ToOne:
                    case PropertyKind.ToMany:
                        plan.Navigations.Add(property);
                        continue;
                }

                if (columnsByName.TryGetValue(property.ColumnName, out var other))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateColumn, property.Location, other.Name, property.Name, model.Name, property.ColumnName));
                    continue;
                }

                columnsByName[property.ColumnName] = property;
                if (property.IsAutoIncrement && !property.IsInteger)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AutoIncrementNotInteger, property.Location, model.Name, property.Name, property.TypeDisplay));
                }

                foreach (var error in property.FacetErrors)
                {
                    var parts = error.Split('|');
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ColumnAttributeMisuse, property.Location, parts[0], model.Name, property.Name, parts[1]));
                }

                if (property.DefaultMismatch)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadDefault, property.Location, model.Name, property.Name, property.DefaultValueType, property.TypeDisplay));
                }

                plan.Columns.Add(property);
            }

            var idColumns = plan.Columns.Select((c, i) => (c, i)).Where(x => x.c.IsId).Select(x => x.i).ToList();
            if (idColumns.Count == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingId, model.Location, model.Name));
            }

            plan.PrimaryKey = new KeyPlan(model.TableName + "_pkey", idColumns, new NameOrigin("the primary key of model '" + model.Name + "'",
                "a shorter table name with [Model(Table = \"…\")] on '" + model.Name + "' (the key is named '<table>_pkey')", model.Location));
            foreach (var column in plan.Columns.Where(c => c.Uniques.Count > 0))
            {
                AddPropertyUniques(plan, column, soleId: column.IsId && idColumns.Count == 1, diagnostics);
            }

            AddClassKeys(plan, model.Uniques, "Unique", "_key", plan.Uniques, diagnostics);
            AddClassKeys(plan, model.Indexes, "Index", "_idx", plan.Indexes, diagnostics);
            FullTextIndexes.Add(plan, diagnostics);
            JsonColumns.Report(plan, diagnostics);
            return plan;
        }

        /// <summary>
        /// Each [Unique] on a property is a one-column unique key of its own (a column may carry several, as the database
        /// allows; `linq db pull` writes them so). Two that get the same name are LINQ069, not one key silently dropped.
        /// </summary>
        private static void AddPropertyUniques(ModelPlan plan, PropertyInfo column, bool soleId, List<DiagnosticInfo> diagnostics)
        {
            var model = plan.Info;
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var spec in column.Uniques)
            {
                var location = column.Location ?? model.Location;
                if (!KeyNames.Valid(spec.Name, "Unique", "property '" + model.Name + "." + column.Name + "'", location, diagnostics))
                {
                    continue;
                }

                var name = spec.Name ?? model.TableName + "_" + column.ColumnName + "_key";
                if (!names.Add(name))
                {
                    // At the repeated attribute itself: the property's other [Unique] is fine.
                    diagnostics.Add(DiagnosticInfo.Create(KeyDiagnostics.RepeatedUnique, spec.Location ?? location, model.Name, column.Name, name));
                    continue;
                }

                // A [Unique] on the sole [Id] adds nothing to the primary key, unless it is named: then the database holds it too.
                if (soleId && spec.Name is null)
                {
                    continue;
                }

                plan.Uniques.Add(new KeyPlan(name, new List<int> { plan.ColumnOrdinal(column.Name) },
                    new NameOrigin("the unique key of '" + model.Name + "." + column.Name + "'",
                        "Name = \"…\" on the [Unique] of '" + model.Name + "." + column.Name + "'", location)));
            }
        }

        private static void AddClassKeys(ModelPlan plan, EquatableArray<KeySpec> specs, string attribute, string suffix, List<KeyPlan> target, List<DiagnosticInfo> diagnostics)
        {
            foreach (var spec in specs)
            {
                if (spec.Fields.Count == 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(KeyDiagnostics.KeyWithoutProperties, spec.Location ?? plan.Info.Location, attribute, plan.Info.Name));
                    continue;
                }

                var ordinals = new List<int>();
                foreach (var field in spec.Fields)
                {
                    var ordinal = plan.ColumnOrdinal(field);
                    if (ordinal < 0)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownKeyField, spec.Location ?? plan.Info.Location, attribute, plan.Info.Name, field));
                    }
                    else
                    {
                        ordinals.Add(ordinal);
                    }
                }

                if (ordinals.Count == spec.Fields.Count
                    && KeyNames.Valid(spec.Name, attribute, "model '" + plan.Info.Name + "' on (" + string.Join(", ", spec.Fields) + ")", spec.Location ?? plan.Info.Location, diagnostics))
                {
                    var name = spec.Name ?? plan.Info.TableName + "_" + string.Join("_", ordinals.Select(o => plan.Columns[o].ColumnName)) + suffix;
                    target.Add(new KeyPlan(name, ordinals, new NameOrigin("the [" + attribute + "] of model '" + plan.Info.Name + "' on (" + string.Join(", ", spec.Fields) + ")",
                        "Name = \"…\" on that [" + attribute + "]", spec.Location ?? plan.Info.Location)) { NullsLast = spec.NullsLast });
                }
            }
        }

        private static RelationPlan? ResolveOwner(ModelPlan plan, PropertyInfo nav, Dictionary<string, ModelPlan> byType, List<DiagnosticInfo> diagnostics)
        {
            if (!byType.TryGetValue(nav.TargetType, out var target))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RelationTargetNotModel, nav.Location, plan.Info.Name, nav.Name, nav.TargetName));
                return null;
            }

            var fields = nav.RelationFields.ToList();
            var references = nav.RelationReferences.Count > 0
                ? nav.RelationReferences.ToList()
                : target.PrimaryKey.Columns.Select(o => target.Columns[o].Name).ToList();
            var ok = fields.Count > 0 && fields.Count == references.Count;
            for (var i = 0; i < fields.Count; i++)
            {
                var fk = plan.Columns.FirstOrDefault(c => c.Name == fields[i]);
                if (fk is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingForeignKey, nav.Location, plan.Info.Name, nav.Name, fields[i], plan.Info.Name));
                    ok = false;
                    continue;
                }

                var referenced = i < references.Count ? target.Columns.FirstOrDefault(c => c.Name == references[i]) : null;
                if (referenced is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingForeignKey, nav.Location, plan.Info.Name, nav.Name,
                        i < references.Count ? references[i] : "(missing reference)", target.Info.Name));
                    ok = false;
                    continue;
                }

                if (fk.ClrType != referenced.ClrType)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ForeignKeyTypeMismatch, fk.Location ?? nav.Location, plan.Info.Name, fk.Name,
                        fk.TypeDisplay, target.Info.Name, referenced.Name, referenced.TypeDisplay));
                    ok = false;
                }
            }

            // An empty foreign key name would reach the database, which rejects zero-length identifiers.
            if (!ok || !KeyNames.Valid(nav.RelationName, "Relation", "property '" + plan.Info.Name + "." + nav.Name + "'", nav.Location ?? plan.Info.Location, diagnostics))
            {
                return null;
            }

            var optional = fields.Any(f => plan.Columns.First(c => c.Name == f).IsNullable);
            var onDelete = nav.OnDelete >= 0 ? nav.OnDelete : optional ? SetNull : Restrict;
            var onUpdate = nav.OnUpdate >= 0 ? nav.OnUpdate : Cascade;
            WarnIfActionNullsRequiredKey(plan, nav, fields, "Delete", onDelete, "deleted", "delete", diagnostics);
            WarnIfActionNullsRequiredKey(plan, nav, fields, "Update", onUpdate, "given a new key", "key change", diagnostics);
            return new RelationPlan
            {
                PropertyName = nav.Name,
                TargetType = target.Info.FullName,
                Many = nav.Kind == PropertyKind.ToMany,
                IsOwner = true,
                IsOptional = optional,
                ForeignKeyNullable = optional,
                ForeignKeyProperties = fields,
                ReferencedProperties = references,
                ConstraintName = nav.RelationName ?? plan.Info.TableName + "_" + string.Join("_", fields.Select(f => plan.Columns.First(c => c.Name == f).ColumnName)) + "_fkey",
                OnDelete = onDelete,
                OnUpdate = onUpdate,
            };
        }

        // SET NULL sets every column of the key (PostgreSQL 15 and earlier take no column list from us); SET DEFAULT
        // sets a column without a default to NULL. Either fails on a NOT NULL column when the action fires.
        private static void WarnIfActionNullsRequiredKey(ModelPlan plan, PropertyInfo nav, IReadOnlyList<string> fields, string which, int action,
            string happened, string statement, List<DiagnosticInfo> diagnostics)
        {
            if (action != SetNull && action != SetDefault)
            {
                return;
            }

            var column = fields.Select(f => plan.Columns.First(c => c.Name == f))
                .FirstOrDefault(c => !c.IsNullable && (action == SetNull || (c.DefaultCode is null && !c.DefaultNow && !c.IsAutoIncrement)));
            if (column is null)
            {
                return;
            }

            diagnostics.Add(DiagnosticInfo.Create(RelationDiagnostics.ActionNullsRequiredKey, nav.Location, plan.Info.Name + "." + nav.Name, which,
                action == SetNull ? "SetNull" : "SetDefault", column.Name, happened, action == SetDefault ? " and has no default" : "",
                statement, action == SetDefault ? " or give it a [Default]" : ""));
        }

        private static RelationPlan? ResolveBackReference(ModelPlan plan, PropertyInfo nav, Dictionary<string, ModelPlan> byType, List<DiagnosticInfo> diagnostics)
        {
            if (!byType.TryGetValue(nav.TargetType, out var target))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RelationTargetNotModel, nav.Location, plan.Info.Name, nav.Name, nav.TargetName));
                return null;
            }

            var owners = target.Relations.Where(r => r.IsOwner && r.TargetType == plan.Info.FullName).ToList();
            if (owners.Count != 1)
            {
                var why = owners.Count == 0 ? "" : " (there are " + owners.Count + "; keep one navigation per relation)";
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoRelationForNavigation, nav.Location, plan.Info.Name, nav.Name, target.Info.Name, why));
                return null;
            }

            var owner = owners[0];
            var many = nav.Kind == PropertyKind.ToMany;
            if (!many && !IsUniqueSet(target, owner.ForeignKeyProperties))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OneToOneNeedsUniqueKey, nav.Location, plan.Info.Name, nav.Name, target.Info.Name,
                    string.Join(", ", owner.ForeignKeyProperties)));
                return null;
            }

            return new RelationPlan
            {
                PropertyName = nav.Name,
                TargetType = target.Info.FullName,
                Many = many,
                IsOwner = false,
                IsOptional = true,
                ForeignKeyProperties = owner.ForeignKeyProperties,
                ReferencedProperties = owner.ReferencedProperties,
                ConstraintName = owner.ConstraintName,
                OnDelete = owner.OnDelete,
                OnUpdate = owner.OnUpdate,
                InverseProperty = owner.PropertyName,
                ForeignKeyNullable = owner.ForeignKeyNullable,
            };
        }

        private static bool IsUniqueSet(ModelPlan model, List<string> properties)
        {
            var ordinals = new HashSet<int>(properties.Select(model.ColumnOrdinal));
            return model.Uniques.Concat(new[] { model.PrimaryKey }).Any(k => k.Columns.Count > 0 && new HashSet<int>(k.Columns).SetEquals(ordinals));
        }
    }
}

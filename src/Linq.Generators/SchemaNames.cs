using System.Collections.Generic;
using System.Linq;

namespace Linq.Generators
{
    /// <summary>What declared a name in the schema, and how the user gives it another one.</summary>
    internal sealed record NameOrigin(string What, string Fix, LocationInfo? Location);

    /// <summary>What a name in the schema names; it decides the namespace the name lives in.</summary>
    internal enum SchemaNameKind
    {
        Table,
        View,
        Column,

        /// <summary>An index that is not a constraint (<c>[Index]</c>, full-text, foreign key, join table).</summary>
        Index,

        /// <summary>A primary key or unique constraint: a constraint of its table and an index in the schema.</summary>
        KeyIndex,
        ForeignKey,
        Check,
    }

    /// <summary>One name the database will hold for the model.</summary>
    internal sealed record SchemaName(SchemaNameKind Kind, string Name, NameOrigin Origin);

    /// <summary>The names of one table (or view) of the model: its own, its columns', its indexes' and its constraints'.</summary>
    internal sealed class TableNames
    {
        public TableNames(string model, SchemaName table)
        {
            Model = model;
            Table = table;
        }

        /// <summary>The model the table belongs to (for a join table, the model declaring the navigation).</summary>
        public string Model { get; }

        public SchemaName Table { get; }

        public List<SchemaName> Columns { get; } = new List<SchemaName>();

        /// <summary>Relations in the schema's namespace besides the table: primary key, unique keys and indexes.</summary>
        public List<SchemaName> Indexes { get; } = new List<SchemaName>();

        /// <summary>Constraints of the table: primary key, unique keys, foreign keys and checks.</summary>
        public List<SchemaName> Constraints { get; } = new List<SchemaName>();
    }

    /// <summary>
    /// Every name the schema the migrations manage gives the model, derived as the runtime derives it: the keys'
    /// names as the resolver made them, plus the names only Linq.Provider computes at run time, reproduced here from the
    /// same inputs: the index a foreign key gets (<c>ModelMetadata.ToTableDefinition</c>), the decimal range check
    /// (<c>CheckConstraintDefinition.DecimalRange</c>) and the join table's keys (<c>JoinTableMetadata</c>).
    /// A generator test compares these with the runtime's schema, so the two cannot drift apart.
    /// </summary>
    internal static class SchemaNames
    {
        public static List<TableNames> Collect(IReadOnlyList<ModelPlan> plans)
        {
            var tables = plans.Select(p => p.Info.IsView ? View(p) : Table(p)).ToList();
            foreach (var plan in plans.Where(p => !p.Info.IsView))
            {
                // Both sides of a many-to-many relation name its join table; the "A" side stands for it.
                foreach (var relation in plan.Relations.Where(r => r.JoinTable.Length > 0 && r.SourceColumn == "A"))
                {
                    tables.Add(JoinTable(plan, relation));
                }
            }

            return tables;
        }

        private static TableNames View(ModelPlan plan)
        {
            var info = plan.Info;
            var names = new TableNames(info.Name, new SchemaName(SchemaNameKind.View, info.TableName,
                new NameOrigin("the view of model '" + info.Name + "'", "[View(\"…\")] on '" + info.Name + "'", info.Location)));
            AddColumns(plan, names);
            return names;
        }

        private static TableNames Table(ModelPlan plan)
        {
            var info = plan.Info;
            var names = new TableNames(info.Name, new SchemaName(SchemaNameKind.Table, info.TableName,
                new NameOrigin("the table of model '" + info.Name + "'", "[Model(Table = \"…\")] on '" + info.Name + "'", info.Location)));
            AddColumns(plan, names);
            foreach (var key in new[] { plan.PrimaryKey }.Concat(plan.Uniques))
            {
                var name = new SchemaName(SchemaNameKind.KeyIndex, key.Name, key.Origin);
                names.Indexes.Add(name);
                names.Constraints.Add(name);
            }

            names.Indexes.AddRange(plan.Indexes.Select(k => new SchemaName(SchemaNameKind.Index, k.Name, k.Origin)));

            // As ModelMetadata.ToTableDefinition: a foreign key gets an index unless a key or (not full-text) index
            // already starts with its columns; relations to views included.
            var covered = plan.Indexes.Where(k => k.TextSearchConfig is null).Concat(plan.Uniques).Concat(new[] { plan.PrimaryKey })
                .Select(k => k.Columns.Select(o => plan.Columns[o].ColumnName).ToList()).ToList();
            foreach (var relation in plan.Relations.Where(r => r.IsOwner))
            {
                var foreignKey = relation.ForeignKeyProperties.Select(p => plan.Columns.First(c => c.Name == p).ColumnName).ToList();
                var navigation = plan.Navigations.FirstOrDefault(n => n.Name == relation.PropertyName);
                var location = navigation?.Location ?? info.Location;
                var member = "'" + info.Name + "." + relation.PropertyName + "'";
                if (!covered.Any(c => c.Count >= foreignKey.Count && c.Take(foreignKey.Count).SequenceEqual(foreignKey)))
                {
                    var fields = string.Join(", ", relation.ForeignKeyProperties.Select(p => "nameof(" + p + ")"));
                    names.Indexes.Add(new SchemaName(SchemaNameKind.Index, info.TableName + "_" + string.Join("_", foreignKey) + "_idx",
                        new NameOrigin("the index of the foreign key of " + member,
                            "[Index(" + fields + ", Name = \"…\")] on '" + info.Name + "' (it takes the place of the index Linq adds for the foreign key)", location)));
                    covered.Add(foreignKey);
                }

                if (!relation.TargetIsView)
                {
                    names.Constraints.Add(new SchemaName(SchemaNameKind.ForeignKey, relation.ConstraintName,
                        new NameOrigin("the foreign key of " + member, "Name = \"…\" on the [Relation] of " + member, location)));
                }
            }

            foreach (var column in plan.Columns.Where(c => !c.IsRowVersion && MayExceedDecimal(c)))
            {
                var member = "'" + info.Name + "." + column.Name + "'";
                names.Constraints.Add(new SchemaName(SchemaNameKind.Check, info.TableName + "_" + column.ColumnName + "_range",
                    new NameOrigin("the decimal range check of " + member,
                        "a shorter column name with [Map(\"…\")] on " + member + " (the check is named '<table>_<column>_range')", column.Location)));
            }

            return names;
        }

        // As ColumnMetadata.MayExceedDecimal: a decimal on unconstrained numeric, or on numeric(p, s) with more than 28
        // digits (only decimal maps to numeric).
        private static bool MayExceedDecimal(PropertyInfo column) =>
            column.StoreType.StartsWith("numeric", System.StringComparison.Ordinal) && !column.StoreType.EndsWith("[]", System.StringComparison.Ordinal)
            && !(column.Precision > 0 && column.Precision <= 28);

        // A [RowVersion] property reads the xmin system column: no column of the table's own.
        private static void AddColumns(ModelPlan plan, TableNames names)
        {
            foreach (var column in plan.Columns.Where(c => !c.IsRowVersion))
            {
                names.Columns.Add(new SchemaName(SchemaNameKind.Column, column.ColumnName,
                    new NameOrigin(column.Name, "[Map(\"…\")] on '" + plan.Info.Name + "." + column.Name + "'", column.Location)));
            }
        }

        // As JoinTableMetadata.ToTableDefinition, whose first column is "A" (it sorts before "B").
        private static TableNames JoinTable(ModelPlan plan, RelationPlan relation)
        {
            var table = relation.JoinTable;
            var location = plan.Navigations.FirstOrDefault(n => n.Name == relation.PropertyName)?.Location ?? plan.Info.Location;
            var member = "'" + plan.Info.Name + "." + relation.PropertyName + "'";
            var fix = "a shorter name in [ManyToMany(\"…\")] on both sides of " + member;
            NameOrigin Origin(string what) => new NameOrigin(what + " of " + member, fix, location);

            var names = new TableNames(plan.Info.Name, new SchemaName(SchemaNameKind.Table, table, Origin("the join table")));
            names.Columns.Add(new SchemaName(SchemaNameKind.Column, "A", Origin("the column 'A' of the join table")));
            names.Columns.Add(new SchemaName(SchemaNameKind.Column, "B", Origin("the column 'B' of the join table")));
            var primaryKey = new SchemaName(SchemaNameKind.KeyIndex, table + "_AB_pkey", Origin("the primary key of the join table"));
            names.Indexes.Add(primaryKey);
            names.Indexes.Add(new SchemaName(SchemaNameKind.Index, table + "_B_index", Origin("the index of the join table")));
            names.Constraints.Add(primaryKey);
            names.Constraints.Add(new SchemaName(SchemaNameKind.ForeignKey, table + "_A_fkey", Origin("the foreign key 'A' of the join table")));
            names.Constraints.Add(new SchemaName(SchemaNameKind.ForeignKey, table + "_B_fkey", Origin("the foreign key 'B' of the join table")));
            return names;
        }
    }
}

using Linq.Migrations.Introspection;
using Linq.Sql.Rendering;
using Linq.Sql.Schema;
using Linq.Sql.Schema.Operations;

namespace Linq.Migrations.Diffing;

/// <summary>
/// Compares two schema models and returns the operations that turn the first into the second, ordered so every
/// operation's dependencies hold when it runs:
/// <list type="number">
/// <item>drop foreign keys (removed, changed, or in the way of a key or type change), then indexes, unique and primary keys and checks;</item>
/// <item>drop tables; drop identities, defaults and NOT NULL where they go or change; drop columns;</item>
/// <item>create enums and add labels; change column types; rebuild enums that lose or reorder labels; drop enums;</item>
/// <item>create tables; add columns; set defaults, NOT NULL and identities;</item>
/// <item>add primary keys, unique constraints, checks and indexes; add foreign keys last.</item>
/// </list>
/// Recognized checks (<see cref="CheckConstraintDefinition"/>) match by kind and column, whatever their names.
/// Pure: no I/O. Objects are matched by schema and name (after PostgreSQL's 63-byte truncation); a rename shows as a
/// drop and an add. Type names compare in canonical form, defaults by value. A unique index matches a unique
/// constraint of the same name and columns; a foreign key into a schema that was not read is left alone.
/// </summary>
public static class SchemaDiffer
{
    /// <summary>The operations that turn <paramref name="from"/> into <paramref name="to"/>; empty when they are the same.</summary>
    /// <param name="from">The schema as it is (e.g. introspected from the database, or the migration history's result).</param>
    /// <param name="to">The schema as it should be (e.g. the model).</param>
    /// <param name="options">Comparison options; null for the defaults.</param>
    public static IReadOnlyList<SchemaOperation> Diff(SchemaDefinition from, SchemaDefinition to, SchemaDiffOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return new Builder(options ?? new SchemaDiffOptions()).Run(from, to);
    }

    private enum Phase
    {
        DropForeignKeys,
        DropKeysAndIndexes,
        DropTables,
        DropIdentities,
        DropDefaults,
        DropNotNulls,
        DropColumns,
        CreateEnums,
        AlterTypes,
        RebuildEnums,
        AlterTypesToRebuiltEnums,
        DropEnums,
        CreateTables,
        AddColumns,
        SetDefaults,
        SetNotNulls,
        AddIdentities,
        AddPrimaryKeys,
        AddUniques,
        AddChecks,
        CreateIndexes,
        AddForeignKeys,
    }

    private sealed class Builder(SchemaDiffOptions options)
    {
        private readonly List<SchemaOperation>[] _phases = Enum.GetValues<Phase>().Select(_ => new List<SchemaOperation>()).ToArray();
        private readonly Dictionary<string, (EnumTypeDefinition From, EnumTypeDefinition To, List<EnumColumnReference> Columns)> _rebuilt = new(StringComparer.Ordinal);
        private readonly HashSet<(TableKey Table, string Column)> _retyped = [];
        private readonly HashSet<(TableKey Table, string Columns)> _droppedKeys = [];
        private HashSet<TableKey> _fromTables = [];

        public IReadOnlyList<SchemaOperation> Run(SchemaDefinition from, SchemaDefinition to)
        {
            DiffEnums(from, to);

            var fromTables = from.Tables.ToDictionary(Key);
            _fromTables = [.. fromTables.Keys];
            var toTables = to.Tables.ToDictionary(Key);
            var dropped = from.Tables.Where(t => !toTables.ContainsKey(Key(t))).ToList();
            foreach (var table in dropped)
            {
                // Foreign keys between two dropped tables go first, so the drops can run in any order.
                foreach (var fk in table.ForeignKeys)
                {
                    var target = new TableKey(Schema(fk.ReferencedSchema), PostgresNames.Truncate(fk.ReferencedTable));
                    if (target != Key(table) && dropped.Any(d => Key(d) == target))
                    {
                        Add(Phase.DropForeignKeys, new DropForeignKeyOperation(table.QualifiedName, fk));
                    }
                }

                Add(Phase.DropTables, new DropTableOperation(table));
            }

            var common = new List<(TableDefinition From, TableDefinition To)>();
            foreach (var table in to.Tables)
            {
                if (fromTables.TryGetValue(Key(table), out var existing))
                {
                    common.Add((existing, table));
                    continue;
                }

                Add(Phase.CreateTables, new CreateTableOperation(table));
                foreach (var unique in FoldedUniques.Of(table))
                {
                    Add(Phase.AddUniques, new AddUniqueConstraintOperation(table.QualifiedName, unique));
                }

                foreach (var index in table.Indexes)
                {
                    Add(Phase.CreateIndexes, new CreateIndexOperation(table.QualifiedName, index));
                }

                foreach (var fk in table.ForeignKeys)
                {
                    Add(Phase.AddForeignKeys, new AddForeignKeyOperation(table.QualifiedName, fk));
                }
            }

            foreach (var (f, t) in common)
            {
                DiffColumns(f, t);
                DiffKeysAndIndexes(f, t);
            }

            foreach (var (f, t) in common)
            {
                DiffForeignKeys(f, t);
            }

            foreach (var (_, rebuild) in _rebuilt.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                Add(Phase.RebuildEnums, new RebuildEnumOperation(rebuild.From, rebuild.To, rebuild.Columns));
            }

            return _phases.SelectMany(p => p).ToList();
        }

        private void DiffEnums(SchemaDefinition from, SchemaDefinition to)
        {
            var fromEnums = from.Enums.ToDictionary(EnumKey, StringComparer.Ordinal);
            var toEnums = to.Enums.ToDictionary(EnumKey, StringComparer.Ordinal);
            foreach (var target in to.Enums)
            {
                var key = EnumKey(target);
                if (!fromEnums.TryGetValue(key, out var existing))
                {
                    Add(Phase.CreateEnums, new CreateEnumOperation(target));
                    continue;
                }

                if (existing.Labels.SequenceEqual(target.Labels, StringComparer.Ordinal))
                {
                    continue;
                }

                var added = target.Labels.Where(l => !existing.Labels.Contains(l, StringComparer.Ordinal)).ToList();
                if (IsSubsequence(existing.Labels, target.Labels) && !UsedByDefault(to, key, added))
                {
                    AddLabels(existing, target);
                }
                else
                {
                    _rebuilt[key] = (existing, target, []);
                }
            }

            foreach (var old in from.Enums.Where(e => !toEnums.ContainsKey(EnumKey(e))))
            {
                Add(Phase.DropEnums, new DropEnumOperation(old));
            }
        }

        // ALTER TYPE … ADD VALUE, each label placed next to one that exists by the time it runs.
        private void AddLabels(EnumTypeDefinition existing, EnumTypeDefinition target)
        {
            var labels = target.Labels;
            var anchor = labels.FirstOrDefault(l => existing.Labels.Contains(l, StringComparer.Ordinal));
            var anchorIndex = anchor is null ? labels.Count : labels.ToList().IndexOf(anchor);
            for (var i = 0; i < labels.Count; i++)
            {
                if (existing.Labels.Contains(labels[i], StringComparer.Ordinal))
                {
                    continue;
                }

                Add(Phase.CreateEnums, i < anchorIndex
                    ? new AddEnumValueOperation(existing, labels[i], Before: anchor)
                    : new AddEnumValueOperation(existing, labels[i], After: labels[i - 1]));
            }
        }

        // PostgreSQL refuses a label added by ADD VALUE in the transaction that added it; a default that names one
        // means the type is rebuilt instead (a type created in the transaction has no such limit).
        private bool UsedByDefault(SchemaDefinition to, string enumKey, List<string> labels) =>
            to.Tables.SelectMany(t => t.Columns).Any(c =>
                c.Default is { } d && !c.Identity && EnumKeyOfType(c.TypeName) == enumKey
                && labels.Any(l => d.Sql.Contains(StringLiteral.Quote(l), StringComparison.Ordinal)));

        private void DiffColumns(TableDefinition f, TableDefinition t)
        {
            var table = f.QualifiedName;
            var tableKey = Key(f);
            var toColumns = t.Columns.ToDictionary(c => PostgresNames.Truncate(c.Name), StringComparer.Ordinal);
            var fromColumns = f.Columns.ToDictionary(c => PostgresNames.Truncate(c.Name), StringComparer.Ordinal);
            foreach (var column in f.Columns.Where(c => !toColumns.ContainsKey(PostgresNames.Truncate(c.Name))))
            {
                Add(Phase.DropColumns, new DropColumnOperation(table, column));
            }

            foreach (var target in t.Columns)
            {
                if (!fromColumns.TryGetValue(PostgresNames.Truncate(target.Name), out var existing))
                {
                    Add(Phase.AddColumns, new AddColumnOperation(table, target));
                    continue;
                }

                var name = existing.Name;
                var typeChanged = !TypeNames.AreEqual(existing.TypeName, target.TypeName);
                var rebuilt = !typeChanged && EnumKeyOfType(existing.TypeName) is { } enumKey && _rebuilt.ContainsKey(enumKey);
                if (typeChanged)
                {
                    var toRebuilt = EnumKeyOfType(target.TypeName) is { } targetEnum && _rebuilt.ContainsKey(targetEnum);
                    Add(toRebuilt ? Phase.AlterTypesToRebuiltEnums : Phase.AlterTypes, new AlterColumnTypeOperation(
                        table, name, existing.TypeName, target.TypeName,
                        CastViaText: TypeNames.IsUserDefined(existing.TypeName) || TypeNames.IsUserDefined(target.TypeName)));
                    _retyped.Add((tableKey, PostgresNames.Truncate(name)));
                }
                else if (rebuilt)
                {
                    _rebuilt[EnumKeyOfType(existing.TypeName)!].Columns.Add(new EnumColumnReference(table, name, TypeNames.IsArray(existing.TypeName)));
                    _retyped.Add((tableKey, PostgresNames.Truncate(name)));
                }

                var fromDefault = existing.Identity ? null : existing.Default;
                var toDefault = target.Identity ? null : target.Default;
                if (typeChanged || rebuilt)
                {
                    // A default of the old type may not cast to the new one: drop it first, set the target's after.
                    if (fromDefault is not null)
                    {
                        Add(Phase.DropDefaults, new DropDefaultOperation(table, name));
                    }

                    if (toDefault is not null)
                    {
                        Add(Phase.SetDefaults, new SetDefaultOperation(table, name, toDefault));
                    }
                }
                else if (!DefaultParser.AreEqual(fromDefault, toDefault))
                {
                    Add(toDefault is null ? Phase.DropDefaults : Phase.SetDefaults,
                        toDefault is null ? new DropDefaultOperation(table, name) : new SetDefaultOperation(table, name, toDefault));
                }

                if (existing.Identity && !target.Identity)
                {
                    Add(Phase.DropIdentities, new DropIdentityOperation(table, name));
                }
                else if (!existing.Identity && target.Identity)
                {
                    Add(Phase.AddIdentities, new AddIdentityOperation(table, name));
                }

                if (!existing.Nullable && target.Nullable)
                {
                    Add(Phase.DropNotNulls, new DropNotNullOperation(table, name));
                }
                else if (existing.Nullable && !target.Nullable)
                {
                    Add(Phase.SetNotNulls, new SetNotNullOperation(table, name));
                }
            }
        }

        private void DiffKeysAndIndexes(TableDefinition f, TableDefinition t)
        {
            var table = f.QualifiedName;
            var tableKey = Key(f);
            if (!SameColumns(f.PrimaryKey, t.PrimaryKey))
            {
                if (f.PrimaryKey.Count > 0)
                {
                    Add(Phase.DropKeysAndIndexes, new DropPrimaryKeyOperation(table, f.EffectivePrimaryKeyName, f.PrimaryKey));
                    _droppedKeys.Add((tableKey, ColumnSet(f.PrimaryKey)));
                }

                if (t.PrimaryKey.Count > 0)
                {
                    Add(Phase.AddPrimaryKeys, new AddPrimaryKeyOperation(table, t.EffectivePrimaryKeyName, t.PrimaryKey));
                }
            }

            var toUniques = t.Uniques.ToDictionary(u => PostgresNames.Truncate(u.Name), StringComparer.Ordinal);
            var fromUniques = f.Uniques.ToDictionary(u => PostgresNames.Truncate(u.Name), StringComparer.Ordinal);
            var toIndexes = t.Indexes.ToDictionary(i => PostgresNames.Truncate(i.Name), StringComparer.Ordinal);
            var fromIndexes = f.Indexes.ToDictionary(i => PostgresNames.Truncate(i.Name), StringComparer.Ordinal);

            // A unique index stands for the unique constraint of the same name and columns on the other side: both enforce
            // the same key (db pull writes a unique index as a constraint, and the model has no unique index), so neither
            // is dropped to make the other.
            var uniqueIndexes = f.Indexes
                .Where(i => i.Unique && i.TextSearchConfig is null && !toIndexes.ContainsKey(PostgresNames.Truncate(i.Name)) && !fromUniques.ContainsKey(PostgresNames.Truncate(i.Name))
                    && toUniques.TryGetValue(PostgresNames.Truncate(i.Name), out var constraint) && SameColumns(constraint.Columns, i.Columns))
                .Select(i => PostgresNames.Truncate(i.Name))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var unique in f.Uniques)
            {
                if (!toUniques.TryGetValue(PostgresNames.Truncate(unique.Name), out var target) || !SameColumns(unique.Columns, target.Columns))
                {
                    Add(Phase.DropKeysAndIndexes, new DropUniqueConstraintOperation(table, unique));
                    _droppedKeys.Add((tableKey, ColumnSet(unique.Columns)));
                }
            }

            foreach (var unique in t.Uniques)
            {
                if ((!fromUniques.TryGetValue(PostgresNames.Truncate(unique.Name), out var existing) || !SameColumns(unique.Columns, existing.Columns))
                    && !uniqueIndexes.Contains(PostgresNames.Truncate(unique.Name)))
                {
                    Add(Phase.AddUniques, new AddUniqueConstraintOperation(table, unique));
                }
            }

            foreach (var index in f.Indexes)
            {
                if ((!toIndexes.TryGetValue(PostgresNames.Truncate(index.Name), out var target) || !SameIndex(index, target))
                    && !uniqueIndexes.Contains(PostgresNames.Truncate(index.Name)))
                {
                    Add(Phase.DropKeysAndIndexes, new DropIndexOperation(table, index));
                    if (index.Unique)
                    {
                        _droppedKeys.Add((tableKey, ColumnSet(index.Columns)));
                    }
                }
            }

            foreach (var index in t.Indexes)
            {
                if (!fromIndexes.TryGetValue(PostgresNames.Truncate(index.Name), out var existing) || !SameIndex(index, existing))
                {
                    Add(Phase.CreateIndexes, new CreateIndexOperation(table, index));
                }
            }

            DiffChecks(f, t);
        }

        // Matched by kind and column: the name is ours to choose, and a check made by hand with another name is the same
        // check. A check whose column goes needs no drop (DROP COLUMN drops it); one whose column changes type is
        // dropped first (phase order), before the type change that could no longer evaluate it.
        private void DiffChecks(TableDefinition f, TableDefinition t)
        {
            static (CheckConstraintKind, string) CheckKey(CheckConstraintDefinition c) => (c.Kind, PostgresNames.Truncate(c.Column));
            var table = f.QualifiedName;
            var toChecks = t.Checks.Select(CheckKey).ToHashSet();
            var fromChecks = f.Checks.Select(CheckKey).ToHashSet();
            var kept = t.Columns.Select(c => PostgresNames.Truncate(c.Name)).ToHashSet(StringComparer.Ordinal);
            foreach (var check in f.Checks)
            {
                if (!toChecks.Contains(CheckKey(check)) && kept.Contains(PostgresNames.Truncate(check.Column)))
                {
                    Add(Phase.DropKeysAndIndexes, new DropCheckConstraintOperation(table, check));
                }
            }

            foreach (var check in t.Checks.Where(c => !fromChecks.Contains(CheckKey(c))))
            {
                Add(Phase.AddChecks, new AddCheckConstraintOperation(table, check));
            }
        }

        private void DiffForeignKeys(TableDefinition f, TableDefinition t)
        {
            var table = f.QualifiedName;
            var tableKey = Key(f);
            var toKeys = t.ForeignKeys.ToDictionary(k => PostgresNames.Truncate(k.Name), StringComparer.Ordinal);
            var fromKeys = f.ForeignKeys.ToDictionary(k => PostgresNames.Truncate(k.Name), StringComparer.Ordinal);
            foreach (var fk in f.ForeignKeys)
            {
                toKeys.TryGetValue(PostgresNames.Truncate(fk.Name), out var target);
                var referenced = new TableKey(Schema(fk.ReferencedSchema), PostgresNames.Truncate(fk.ReferencedTable));

                // A foreign key into another schema that was not read: the other side cannot name that table, so this
                // key is not ours to manage (a model's names are unqualified), and it stays as it is.
                if (target is null && referenced.Schema is not null && !_fromTables.Contains(referenced))
                {
                    continue;
                }

                // A foreign key in the way of a type change or of dropping the key it relies on is dropped and added again.
                var changed = target is null || !SameForeignKey(fk, target);
                var inTheWay = fk.Columns.Any(c => _retyped.Contains((tableKey, PostgresNames.Truncate(c))))
                    || fk.ReferencedColumns.Any(c => _retyped.Contains((referenced, PostgresNames.Truncate(c))))
                    || _droppedKeys.Contains((referenced, ColumnSet(fk.ReferencedColumns)));
                if (changed || inTheWay)
                {
                    Add(Phase.DropForeignKeys, new DropForeignKeyOperation(table, fk));
                    if (target is not null)
                    {
                        Add(Phase.AddForeignKeys, new AddForeignKeyOperation(table, target));
                    }
                }
            }

            foreach (var fk in t.ForeignKeys.Where(k => !fromKeys.ContainsKey(PostgresNames.Truncate(k.Name))))
            {
                Add(Phase.AddForeignKeys, new AddForeignKeyOperation(table, fk));
            }
        }

        private bool SameForeignKey(ForeignKeyDefinition a, ForeignKeyDefinition b) =>
            SameColumns(a.Columns, b.Columns)
            && SameColumns(a.ReferencedColumns, b.ReferencedColumns)
            && Schema(a.ReferencedSchema) == Schema(b.ReferencedSchema)
            && PostgresNames.Truncate(a.ReferencedTable) == PostgresNames.Truncate(b.ReferencedTable)
            && a.OnDelete == b.OnDelete
            && a.OnUpdate == b.OnUpdate;

        // An index whose NULL order differs is another index to the planner (it serves other orderings): it is rebuilt,
        // drop and create, which loses no data (MigrationScript says so in the script's header).
        private static bool SameIndex(IndexDefinition a, IndexDefinition b) =>
            a.Unique == b.Unique && SameColumns(a.Columns, b.Columns) && a.TextSearchConfig == b.TextSearchConfig
            && ColumnSet(a.NullsFirstColumns) == ColumnSet(b.NullsFirstColumns);

        private static bool SameColumns(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
            a.Select(PostgresNames.Truncate).SequenceEqual(b.Select(PostgresNames.Truncate), StringComparer.Ordinal);

        private static string ColumnSet(IReadOnlyList<string> columns) =>
            string.Join("\0", columns.Select(PostgresNames.Truncate).Order(StringComparer.Ordinal));

        private static bool IsSubsequence(IReadOnlyList<string> sub, IReadOnlyList<string> sequence)
        {
            var i = 0;
            foreach (var item in sequence)
            {
                if (i < sub.Count && string.Equals(sub[i], item, StringComparison.Ordinal))
                {
                    i++;
                }
            }

            return i == sub.Count;
        }

        private void Add(Phase phase, SchemaOperation operation) => _phases[(int)phase].Add(operation);

        private string? Schema(string? schema) => schema is null || schema == options.CurrentSchema ? null : schema;

        private TableKey Key(TableDefinition table) => new(Schema(table.Schema), PostgresNames.Truncate(table.Name));

        private string EnumKey(EnumTypeDefinition type) => new QualifiedName(Schema(type.Schema), PostgresNames.Truncate(type.Name)).ToSql();

        // The enum key of a column type written as a quoted (optionally qualified) name, or of an array of one.
        private string? EnumKeyOfType(string typeName)
        {
            var element = TypeNames.ElementType(typeName);
            if (!element.StartsWith('"'))
            {
                return null;
            }

            var parts = SplitQualified(element);
            return parts is null ? null : new QualifiedName(Schema(parts.Value.Schema), PostgresNames.Truncate(parts.Value.Name)).ToSql();
        }

        // Parses "name" or "schema"."name" (quotes doubled inside).
        private static (string? Schema, string Name)? SplitQualified(string text)
        {
            var parts = new List<string>();
            var i = 0;
            while (i < text.Length)
            {
                if (text[i] != '"')
                {
                    return null;
                }

                var part = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        return null;
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            part.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    part.Append(text[i++]);
                }

                parts.Add(part.ToString());
                if (i < text.Length)
                {
                    if (text[i] != '.')
                    {
                        return null;
                    }

                    i++;
                }
            }

            return parts.Count switch
            {
                1 => (null, parts[0]),
                2 => (parts[0], parts[1]),
                _ => null,
            };
        }
    }

    private readonly record struct TableKey(string? Schema, string Name);
}

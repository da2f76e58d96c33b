using Linq.Migrations.Introspection;
using Linq.Sql.Rendering;
using Linq.Sql.Schema;
using Linq.Sql.Schema.Operations;
using Npgsql;

namespace Linq.Migrations.Safety;

/// <summary>
/// Classifies operations (<see cref="OperationClassifier"/>) and counts, in a database at the state before them, the
/// rows each destructive one affects: rows of a dropped table, non-null values of a dropped column, rows holding a
/// dropped enum label, values that do not convert to a new type (where a cheap check exists), NULLs under a new
/// NOT NULL, rows of a table that gets a NOT NULL column without default, duplicate groups under a new unique
/// constraint, index or primary key, rows a new foreign key would reject, and values a new range check refuses.
/// </summary>
/// <remarks>
/// Reads only: every count runs in one read-only transaction that is rolled back, each in its own savepoint, so a
/// count that cannot run (say, a column an earlier operation of the list adds) is left null. Counts scan whole tables:
/// meant for development databases, not for production deploys.
/// </remarks>
public static class DestructiveChangeChecker
{
    private static readonly Dictionary<string, (decimal Min, decimal Max)> IntegerRanges = new(StringComparer.Ordinal)
    {
        ["smallint"] = (short.MinValue, short.MaxValue),
        ["integer"] = (int.MinValue, int.MaxValue),
        ["bigint"] = (long.MinValue, long.MaxValue),
    };

    private static readonly HashSet<string> NumericTypes = new(StringComparer.Ordinal) { "smallint", "integer", "bigint", "numeric", "real", "double precision" };

    private static readonly HashSet<string> TextTypes = new(StringComparer.Ordinal) { "text", "character varying", "character" };

    /// <summary>Classifies the operations and attaches row counts to the destructive ones.</summary>
    /// <param name="connection">The database as it is before the operations; opened here when closed. It must not be in a transaction.</param>
    /// <param name="operations">The operations, in order (as a diff returns them).</param>
    /// <param name="cancellationToken">Cancels the counts.</param>
    /// <returns>Every operation, classified, in order.</returns>
    public static async Task<IReadOnlyList<ClassifiedOperation>> CheckAsync(NpgsqlConnection connection, IReadOnlyList<SchemaOperation> operations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var classified = OperationClassifier.Classify(operations).ToList();
        if (!classified.Any(c => c.IsDestructive))
        {
            return classified;
        }

        var opened = false;
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            opened = true;
        }

        try
        {
            var context = new Context(operations, connection.PostgreSqlVersion.Major >= 16);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
            {
                await readOnly.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            for (var i = 0; i < classified.Count; i++)
            {
                if (!classified[i].IsDestructive || context.Count(classified[i].Operation) is not { } count)
                {
                    continue;
                }

                long? rows = null;
                await transaction.SaveAsync("linq_check", cancellationToken).ConfigureAwait(false);
                try
                {
                    rows = 0;
                    foreach (var query in count.Queries)
                    {
                        await using var command = new NpgsqlCommand(query.Sql, connection, transaction);
                        foreach (var parameter in query.Parameters)
                        {
                            command.Parameters.Add(parameter);
                        }

                        rows += Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
                    }

                    await transaction.ReleaseAsync("linq_check", cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException)
                {
                    rows = null;
                    await transaction.RollbackAsync("linq_check", cancellationToken).ConfigureAwait(false);
                }

                if (rows is not null)
                {
                    classified[i] = classified[i] with { AffectedRows = rows, AffectedRowsMeaning = count.Meaning };
                }
            }

            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync().ConfigureAwait(false);
            }
        }

        return classified;
    }

    private sealed record Query(string Sql, IReadOnlyList<NpgsqlParameter> Parameters);

    private sealed record RowCount(string Meaning, IReadOnlyList<Query> Queries);

    private sealed class Context(IReadOnlyList<SchemaOperation> operations, bool hasInputValidation)
    {
        private readonly HashSet<QualifiedName> _created = operations.OfType<CreateTableOperation>().Select(o => o.Table.QualifiedName).ToHashSet();
        private readonly HashSet<(QualifiedName, string)> _added = operations.OfType<AddColumnOperation>().Select(o => (o.Table, o.Column.Name)).ToHashSet();

        public RowCount? Count(SchemaOperation operation)
        {
            switch (operation)
            {
                case DropTableOperation op:
                    return One("rows in the table", $"SELECT count(*) FROM {op.Table.QualifiedName.ToSql()}");
                case DropColumnOperation op:
                    return One("non-null values", $"SELECT count(*) FROM {op.Table.ToSql()} WHERE {Identifier.Quote(op.Column.Name)} IS NOT NULL");
                case RebuildEnumOperation op:
                    var labels = op.RemovedLabels.ToArray();
                    return new RowCount("rows holding a dropped label", op.Columns.Select(c => new Query(
                        $"SELECT count(*) FROM {c.Table.ToSql()} WHERE {Identifier.Quote(c.Column)}{(c.IsArray ? "::text[] && $1" : "::text = ANY($1)")}",
                        [new NpgsqlParameter<string[]> { TypedValue = labels }])).ToList());
                case AlterColumnTypeOperation op:
                    return Conversion(op);
                case SetNotNullOperation op:
                    return One("rows with NULL", $"SELECT count(*) FROM {op.Table.ToSql()} WHERE {Identifier.Quote(op.Column)} IS NULL");
                case AddColumnOperation op:
                    return One("rows in the table", $"SELECT count(*) FROM {op.Table.ToSql()}");
                case AddUniqueConstraintOperation op when !AnyAdded(op.Table, op.Unique.Columns):
                    return Duplicates(op.Table, op.Unique.Columns);
                case CreateIndexOperation op when !AnyAdded(op.Table, op.Index.Columns):
                    return Duplicates(op.Table, op.Index.Columns);
                case AddPrimaryKeyOperation op when !AnyAdded(op.Table, op.Columns):
                    var columns = string.Join(", ", op.Columns.Select(Identifier.Quote));
                    var nulls = string.Join(" OR ", op.Columns.Select(c => Identifier.Quote(c) + " IS NULL"));
                    return new RowCount("duplicate groups and rows with NULL keys",
                    [
                        new Query($"SELECT count(*) FROM (SELECT 1 FROM {op.Table.ToSql()} GROUP BY {columns} HAVING count(*) > 1) AS d", []),
                        new Query($"SELECT count(*) FROM {op.Table.ToSql()} WHERE {nulls}", []),
                    ]);
                case AddCheckConstraintOperation op when !AnyAdded(op.Table, [op.Check.Column]):
                    return One("values no decimal can read back",
                        $"SELECT count(*) FROM {op.Table.ToSql()} WHERE NOT ({op.Check.Condition})");
                case AddForeignKeyOperation op when !AnyAdded(op.Table, op.ForeignKey.Columns) && !_created.Contains(op.ForeignKey.ReferencedQualifiedName):
                    var fk = op.ForeignKey;
                    var notNull = string.Join(" AND ", fk.Columns.Select(c => "c." + Identifier.Quote(c) + " IS NOT NULL"));
                    var match = string.Join(" AND ", fk.Columns.Zip(fk.ReferencedColumns, (c, p) => "p." + Identifier.Quote(p) + " = c." + Identifier.Quote(c)));
                    return One("rows referencing missing keys",
                        $"SELECT count(*) FROM {op.Table.ToSql()} AS c WHERE {notNull} AND NOT EXISTS (SELECT 1 FROM {fk.ReferencedQualifiedName.ToSql()} AS p WHERE {match})");
                default:
                    return null;
            }
        }

        private bool AnyAdded(QualifiedName table, IReadOnlyList<string> columns) => columns.Any(c => _added.Contains((table, c)));

        private static RowCount One(string meaning, string sql) => new(meaning, [new Query(sql, [])]);

        private static RowCount Duplicates(QualifiedName table, IReadOnlyList<string> columns)
        {
            var list = string.Join(", ", columns.Select(Identifier.Quote));
            var notNull = string.Join(" AND ", columns.Select(c => Identifier.Quote(c) + " IS NOT NULL"));
            return One("duplicate groups",
                $"SELECT count(*) FROM (SELECT 1 FROM {table.ToSql()} WHERE {notNull} GROUP BY {list} HAVING count(*) > 1) AS d");
        }

        // Rows whose value does not survive the new type, where a cheap check exists; null otherwise.
        private RowCount? Conversion(AlterColumnTypeOperation op)
        {
            const string Meaning = "values that do not convert";
            var from = TypeNames.Normalize(op.FromType);
            var to = TypeNames.Normalize(op.ToType);
            var column = Identifier.Quote(op.Column);
            var table = op.Table.ToSql();
            var fromBase = BaseName(from);
            var toBase = BaseName(to);

            if (TypeNames.IsUserDefined(to) && !TypeNames.IsArray(to) && EnumLabels(to) is { } labels)
            {
                return new RowCount(Meaning, [new Query(
                    $"SELECT count(*) FROM {table} WHERE {column} IS NOT NULL AND {column}::text <> ALL($1)",
                    [new NpgsqlParameter<string[]> { TypedValue = labels.ToArray() }])]);
            }

            if (TypeNames.IsUserDefined(to) && !TypeNames.IsArray(to))
            {
                // An enum that exists already: its labels come from the catalog.
                return new RowCount(Meaning, [new Query(
                    $"SELECT count(*) FROM {table} WHERE {column} IS NOT NULL AND {column}::text <> ALL(ARRAY(SELECT enumlabel::text FROM pg_catalog.pg_enum WHERE enumtypid = to_regtype($1)))",
                    [new NpgsqlParameter<string> { TypedValue = op.ToType }])]);
            }

            if (IntegerRanges.TryGetValue(to, out var range) && NumericTypes.Contains(fromBase))
            {
                return new RowCount(Meaning, [new Query(
                    $"SELECT count(*) FROM {table} WHERE {column} IS NOT NULL AND ({column}::numeric <> trunc({column}::numeric) OR {column}::numeric < $1 OR {column}::numeric > $2)",
                    [new NpgsqlParameter<decimal> { TypedValue = range.Min }, new NpgsqlParameter<decimal> { TypedValue = range.Max }])]);
            }

            if (OperationClassifier.IsTimeZoneChange(from, to))
            {
                return new RowCount("values converted through the session time zone", [new Query($"SELECT count(*) FROM {table} WHERE {column} IS NOT NULL", [])]);
            }

            if (Modifier(to, "character varying") is [var length] && !TypeNames.IsArray(from))
            {
                // ALTER … TYPE varchar(n) fails on longer values, or cuts them silently when the excess is spaces.
                return new RowCount("values longer than " + length, [new Query(
                    $"SELECT count(*) FROM {table} WHERE {column} IS NOT NULL AND char_length({column}::text) > $1",
                    [new NpgsqlParameter<int> { TypedValue = length }])]);
            }

            if (Modifier(to, "numeric") is [var precision, .. var rest] && NumericTypes.Contains(fromBase) && !TypeNames.IsArray(from))
            {
                // More decimal places are rounded away silently; more integer digits make the change fail.
                var scale = rest.Length > 0 ? rest[0] : 0;
                return new RowCount("values that would be rounded or do not fit", [new Query(
                    $"SELECT count(*) FROM {table} WHERE {column} IS NOT NULL AND ({column}::numeric <> round({column}::numeric, $1) OR abs(round({column}::numeric, $1)) >= power(10::numeric, $2))",
                    [new NpgsqlParameter<int> { TypedValue = scale }, new NpgsqlParameter<int> { TypedValue = precision - scale }])]);
            }

            if (hasInputValidation && !TypeNames.IsUserDefined(to))
            {
                return new RowCount(Meaning, [new Query(
                    $"SELECT count(*) FROM {table} WHERE {column} IS NOT NULL AND NOT pg_input_is_valid({column}::text, $1)",
                    [new NpgsqlParameter<string> { TypedValue = op.ToType }])]);
            }

            if (!TextTypes.Contains(fromBase) || TypeNames.IsArray(to))
            {
                return null;
            }

            // Before PostgreSQL 16 (no pg_input_is_valid): patterns for the common targets of text.
            var text = $"btrim({column}::text)";
            string? invalid = null;
            var parameters = new List<NpgsqlParameter>();
            if (IntegerRanges.TryGetValue(to, out range))
            {
                invalid = $"CASE WHEN {text} ~ '^[-+]?[0-9]{{1,19}}$' THEN {text}::numeric NOT BETWEEN $1 AND $2 ELSE true END";
                parameters.Add(new NpgsqlParameter<decimal> { TypedValue = range.Min });
                parameters.Add(new NpgsqlParameter<decimal> { TypedValue = range.Max });
            }
            else if (toBase is "numeric" or "real" or "double precision")
            {
                invalid = $"{text} !~* '^([-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)(e[-+]?[0-9]+)?|nan|[-+]?infinity)$'";
            }
            else if (to == "boolean")
            {
                invalid = $"lower({text}) <> ALL(ARRAY['t', 'true', 'y', 'yes', 'on', '1', 'f', 'false', 'n', 'no', 'off', '0'])";
            }
            else if (to == "uuid")
            {
                invalid = $"{text} !~* '^\\{{?[0-9a-f]{{8}}-?([0-9a-f]{{4}}-?){{3}}[0-9a-f]{{12}}\\}}?$'";
            }

            return invalid is null ? null : new RowCount(Meaning, [new Query(
                $"SELECT count(*) FROM {table} WHERE {column} IS NOT NULL AND {invalid}", parameters)]);
        }

        // The labels of an enum type named in the list (created or rebuilt), else null: the check then reads them.
        private IReadOnlyList<string>? EnumLabels(string typeName)
        {
            foreach (var operation in operations)
            {
                switch (operation)
                {
                    case CreateEnumOperation create when create.Enum.TypeName == typeName:
                        return create.Enum.Labels;
                    case RebuildEnumOperation rebuild when rebuild.To.TypeName == typeName:
                        return rebuild.To.Labels;
                }
            }

            var added = operations.OfType<AddEnumValueOperation>().Where(a => a.Enum.TypeName == typeName).ToList();
            return added.Count > 0 ? added[0].Enum.Labels.Concat(added.Select(a => a.Label)).ToList() : null;
        }

        // The numbers of a type with a modifier, e.g. [10, 2] for numeric(10,2), when its base name is baseName.
        private static int[]? Modifier(string type, string baseName)
        {
            if (!type.StartsWith(baseName + "(", StringComparison.Ordinal) || !type.EndsWith(')'))
            {
                return null;
            }

            return type[(baseName.Length + 1)..^1].Split(',').Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        }

        private static string BaseName(string type)
        {
            var paren = type.IndexOf('(', StringComparison.Ordinal);
            return paren < 0 ? type : type[..paren];
        }
    }
}

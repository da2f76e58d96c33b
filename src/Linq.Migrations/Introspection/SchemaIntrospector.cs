using Linq.Sql.Schema;
using Npgsql;

namespace Linq.Migrations.Introspection;

/// <summary>
/// Reads a live PostgreSQL schema into the <see cref="SchemaDefinition"/> model from <c>pg_catalog</c>: enum types
/// with their labels in order; tables (ordinary and partitioned, not partitions) with columns (type, nullability,
/// default, identity), primary key, unique constraints, foreign keys with their actions, the ascending B-tree indexes over
/// plain columns that back no constraint (with each column's NULL order, <c>pg_index.indoption</c> bit 1), and full-text GIN
/// indexes over <c>to_tsvector('config'::regconfig, column)</c>.
/// The decimal range check (<see cref="CheckConstraintKind.DecimalRange"/>, validated or not) is read in the form
/// PostgreSQL prints it back, and so is the magnitude-only form older versions created
/// (<see cref="CheckConstraintKind.DecimalMagnitude"/>), which a diff replaces. Other expression, partial and non-B-tree
/// indexes, B-tree indexes with a <c>DESC</c> column, a non-default operator class (<c>text_pattern_ops</c>), a collation other
/// than the column's or <c>INCLUDE</c> columns (a model can state none of these, and reading such an index as a plain one
/// would make a push create a different index), other check constraints, views, sequences, functions and objects that belong to extensions are not part of
/// the model and are left out.
/// </summary>
/// <remarks>
/// Type names are normalised (<c>timestamptz</c> and <c>timestamp with time zone</c> read the same); a column of a
/// domain reads as the domain's base type (the domain's own constraints are not part of the model, and a diff leaves
/// them alone while the model keeps that base type); enum types are
/// written quoted, as the DDL renderer writes them, and qualified when they live outside the current schema.
/// Defaults are read back into the form models use (<c>'x'::text</c> becomes <c>'x'</c>); others stay verbatim.
/// Four catalog queries in one round trip, every value a parameter.
/// </remarks>
public static class SchemaIntrospector
{
    private const string SettingsSql = "SELECT current_schema()";

    private const string EnumsSql = """
        SELECT n.nspname, t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
        FROM pg_catalog.pg_type t
        JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
        JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
        WHERE n.nspname = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
        GROUP BY n.nspname, t.typname
        ORDER BY n.nspname, t.typname
        """;

    private const string TablesFilter = """
        c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY($1) AND NOT (c.relname::text = ANY($2))
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        """;

    private const string ColumnsSql = $"""
        SELECT n.nspname, c.relname, a.attname, a.attnotnull, a.attidentity <> '', a.attgenerated <> '',
               pg_catalog.pg_get_expr(ad.adbin, ad.adrelid),
               CASE WHEN t.typtype = 'd' THEN pg_catalog.format_type(t.typbasetype, t.typtypmod) ELSE pg_catalog.format_type(a.atttypid, a.atttypmod) END,
               CASE WHEN t.typtype = 'e' THEN t.typname WHEN et.typtype = 'e' THEN et.typname END,
               CASE WHEN t.typtype = 'e' THEN tn.nspname WHEN et.typtype = 'e' THEN etn.nspname END,
               et.oid IS NOT NULL
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
        JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
        LEFT JOIN pg_catalog.pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
        LEFT JOIN pg_catalog.pg_namespace etn ON etn.oid = et.typnamespace
        LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
        WHERE {TablesFilter}
        ORDER BY n.nspname, c.relname, a.attnum
        """;

    // The CHECK forms the model knows, as PostgreSQL prints them back (DecimalCheckForms): the decimal range check
    // (CheckConstraintKind.DecimalRange) and the magnitude-only form older versions created (DecimalMagnitude), which a
    // diff replaces. Other checks stay out of the model.
    private const string CheckOfColumn = """
        SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
                   AND pg_catalog.pg_get_expr(con.conbin, con.conrelid) IN
        """;

    private const string DecimalRangeCheck = $"""
        array_length(con.conkey, 1) = 1
               AND EXISTS ({CheckOfColumn} ({DecimalCheckForms.Readable}, {DecimalCheckForms.Magnitude}))
        """;

    private const string ReadableCheck = $"EXISTS ({CheckOfColumn} ({DecimalCheckForms.Readable}))";

    private const string ConstraintsSql = $"""
        SELECT n.nspname, c.relname, con.conname, con.contype,
               ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                     JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord),
               fn.nspname, fc.relname,
               ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                     JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord),
               con.confdeltype, con.confupdtype,
               con.contype = 'c' AND {ReadableCheck}
        FROM pg_catalog.pg_constraint con
        JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
        LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
        WHERE (con.contype IN ('p', 'u', 'f') OR (con.contype = 'c' AND {DecimalRangeCheck})) AND {TablesFilter}
        ORDER BY n.nspname, c.relname, con.conname
        """;

    private const string IndexesSql = $"""
        SELECT n.nspname, c.relname, ic.relname, i.indisunique,
               ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                     JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                     WHERE k.ord <= i.indnkeyatts ORDER BY k.ord),
               CASE WHEN am.amname = 'gin' THEN pg_catalog.pg_get_indexdef(i.indexrelid, 1, false) END,
               ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[], i.indoption::int2[]) WITH ORDINALITY k(attnum, opt, ord)
                     JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                     WHERE k.ord <= i.indnkeyatts AND am.amname = 'btree' AND k.opt & 2 = 2 ORDER BY k.ord)
        FROM pg_catalog.pg_index i
        JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_catalog.pg_am am ON am.oid = ic.relam
        JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE {TablesFilter}
          AND i.indpred IS NULL
          AND ((am.amname = 'btree' AND i.indexprs IS NULL AND 0 <> ALL (i.indkey::int2[])
                AND NOT EXISTS (SELECT 1 FROM unnest(i.indoption::int2[]) WITH ORDINALITY o(opt, ord) WHERE o.ord <= i.indnkeyatts AND o.opt & 1 = 1)
                AND i.indnatts = i.indnkeyatts
                AND NOT EXISTS (SELECT 1 FROM unnest(i.indclass::oid[]) WITH ORDINALITY o(cls, ord) JOIN pg_catalog.pg_opclass oc ON oc.oid = o.cls
                                WHERE o.ord <= i.indnkeyatts AND NOT oc.opcdefault)
                AND NOT EXISTS (SELECT 1 FROM unnest(i.indkey::int2[], i.indcollation::oid[]) WITH ORDINALITY k(attnum, coll, ord)
                                JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                                WHERE k.ord <= i.indnkeyatts AND k.coll <> a.attcollation))
               OR (am.amname = 'gin' AND i.indnkeyatts = 1 AND pg_catalog.pg_get_indexdef(i.indexrelid, 1, false) LIKE 'to\_tsvector(%'))
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                          WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
        ORDER BY n.nspname, c.relname, ic.relname
        """;

    /// <summary>Reads the schema through a connection from <paramref name="dataSource"/>.</summary>
    /// <param name="dataSource">Where to connect.</param>
    /// <param name="options">What to read; null for the current schema.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public static async Task<SchemaDefinition> IntrospectAsync(NpgsqlDataSource dataSource, IntrospectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await IntrospectAsync(connection, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the schema through an open connection (opened here, and closed again, when it is closed).</summary>
    /// <param name="connection">The connection; it may be in a transaction, which then sees its own changes.</param>
    /// <param name="options">What to read; null for the current schema.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <exception cref="MigrationException">The connection has no current schema and no schema was named.</exception>
    public static async Task<SchemaDefinition> IntrospectAsync(NpgsqlConnection connection, IntrospectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new IntrospectionOptions();
        var opened = false;
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            opened = true;
        }

        try
        {
            string? currentSchema;
            await using (var command = new NpgsqlCommand(SettingsSql, connection))
            {
                currentSchema = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
            }

            var schemas = options.Schemas.Count > 0 ? options.Schemas.ToArray()
                : currentSchema is not null ? [currentSchema]
                : throw new IntrospectionException("The connection has no current schema (no schema of its search_path exists); name the schemas to read.");
            return await ReadAsync(connection, currentSchema, schemas, options.ExcludedTables.ToArray(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<SchemaDefinition> ReadAsync(NpgsqlConnection connection, string? currentSchema, string[] schemas, string[] excluded, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var sql in (string[])[EnumsSql, ColumnsSql, ConstraintsSql, IndexesSql])
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = schemas });
            if (!ReferenceEquals(sql, EnumsSql))
            {
                command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = excluded });
            }

            batch.BatchCommands.Add(command);
        }

        string? Schema(string name) => name == currentSchema ? null : name;

        var enums = new List<EnumTypeDefinition>();
        var tables = new Dictionary<(string Schema, string Name), TableBuilder>();
        var order = new List<TableBuilder>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            enums.Add(new EnumTypeDefinition(reader.GetString(1), reader.GetFieldValue<string[]>(2), Schema(reader.GetString(0))));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = (reader.GetString(0), reader.GetString(1));
            if (!tables.TryGetValue(key, out var table))
            {
                table = new TableBuilder(Schema(key.Item1), key.Item2);
                tables.Add(key, table);
                order.Add(table);
            }

            string typeName;
            if (!reader.IsDBNull(8))
            {
                typeName = new QualifiedName(Schema(reader.GetString(9)), reader.GetString(8)).ToSql() + (reader.GetBoolean(10) ? "[]" : "");
            }
            else
            {
                typeName = TypeNames.Normalize(reader.GetString(7));
            }

            var identity = reader.GetBoolean(4);
            var generated = reader.GetBoolean(5);
            var @default = identity || generated || reader.IsDBNull(6) ? null : DefaultParser.Parse(reader.GetString(6), typeName);
            table.Columns.Add(new ColumnDefinition(reader.GetString(2), typeName, !reader.GetBoolean(3), identity, @default));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!tables.TryGetValue((reader.GetString(0), reader.GetString(1)), out var table))
            {
                continue;
            }

            var name = reader.GetString(2);
            var columns = reader.GetFieldValue<string[]>(4);
            switch (reader.GetChar(3))
            {
                case 'p':
                    table.PrimaryKey = columns;
                    table.PrimaryKeyName = name;
                    break;
                case 'u':
                    table.Uniques.Add(new UniqueConstraintDefinition(name, columns));
                    break;
                case 'f':
                    table.ForeignKeys.Add(new ForeignKeyDefinition(
                        name, columns, reader.GetString(6), reader.GetFieldValue<string[]>(7),
                        Action(reader.GetChar(8)), Action(reader.GetChar(9)), Schema(reader.GetString(5))));
                    break;
                case 'c':
                    table.Checks.Add(new CheckConstraintDefinition(name, columns[0],
                        reader.GetBoolean(10) ? CheckConstraintKind.DecimalRange : CheckConstraintKind.DecimalMagnitude));
                    break;
            }
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (tables.TryGetValue((reader.GetString(0), reader.GetString(1)), out var table))
            {
                if (reader.IsDBNull(5))
                {
                    table.Indexes.Add(new IndexDefinition(reader.GetString(2), reader.GetFieldValue<string[]>(4), reader.GetBoolean(3))
                    {
                        NullsFirstColumns = reader.GetFieldValue<string[]>(6),
                    });
                }
                else if (FullTextIndexExpression.Parse(reader.GetString(5)) is var (config, column))
                {
                    table.Indexes.Add(new IndexDefinition(reader.GetString(2), [column], reader.GetBoolean(3)) { TextSearchConfig = config });
                }
            }
        }

        return new SchemaDefinition(enums, order.Select(t => t.Build()).ToList());
    }

    private static ReferentialAction Action(char code) => code switch
    {
        'a' => ReferentialAction.NoAction,
        'r' => ReferentialAction.Restrict,
        'c' => ReferentialAction.Cascade,
        'n' => ReferentialAction.SetNull,
        'd' => ReferentialAction.SetDefault,
        _ => throw new IntrospectionException($"Unknown referential action code '{code}' in pg_constraint."),
    };

    private sealed class TableBuilder(string? schema, string name)
    {
        public List<ColumnDefinition> Columns { get; } = [];

        public IReadOnlyList<string> PrimaryKey { get; set; } = [];

        public string? PrimaryKeyName { get; set; }

        public List<UniqueConstraintDefinition> Uniques { get; } = [];

        public List<ForeignKeyDefinition> ForeignKeys { get; } = [];

        public List<IndexDefinition> Indexes { get; } = [];

        public List<CheckConstraintDefinition> Checks { get; } = [];

        public TableDefinition Build() => new(
            name, Columns, PrimaryKey, Uniques, ForeignKeys, Indexes, schema,
            PrimaryKeyName is null || PrimaryKeyName == name + "_pkey" ? null : PrimaryKeyName)
        {
            Checks = Checks,
        };
    }
}

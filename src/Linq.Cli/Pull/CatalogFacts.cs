using Npgsql;

namespace Linq.Cli.Pull;

/// <summary>What a fact of <see cref="CatalogFacts"/> is about.</summary>
internal enum CatalogFactKind
{
    /// <summary>A <c>GENERATED ALWAYS AS (…) STORED</c> column; the detail is its expression.</summary>
    Generated,

    /// <summary>A column whose type is a domain; the detail is the domain and its constraints.</summary>
    Domain,

    /// <summary>A CHECK constraint; the detail is its definition.</summary>
    Check,

    /// <summary>An index (the introspection reads only some); the detail is its definition.</summary>
    Index,

    /// <summary>A user trigger; the detail is its definition.</summary>
    Trigger,

    /// <summary>The table inherits another (<c>INHERITS</c>); the name is the parent.</summary>
    Inherits,

    /// <summary>A partition of the (partitioned) table; the detail is its bound.</summary>
    Partition,

    /// <summary>A deferrable constraint; the detail is when it is checked.</summary>
    Deferrable,
}

/// <summary>One thing about a table of the current schema.</summary>
/// <param name="Table">The table's name.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Name">The column, constraint, index, trigger or related table it names.</param>
/// <param name="Detail">Its definition, as PostgreSQL prints it.</param>
internal sealed record CatalogFact(string Table, CatalogFactKind Kind, string Name, string Detail);

/// <summary>
/// Reads, for <c>db pull</c>, what the schema model leaves out of the current schema's tables (generated columns,
/// domains, CHECK constraints, the indexes introspection skips, triggers, inheritance, partitions, deferrable
/// constraints), so the pulled files can say so instead of losing it silently.
/// </summary>
internal static class CatalogFacts
{
    private const string Sql = """
        WITH t AS (
            SELECT c.oid, c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = current_schema())
        SELECT t.relname, 'generated', a.attname::text, pg_catalog.pg_get_expr(ad.adbin, ad.adrelid)
        FROM t JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated <> ''
        JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = t.oid AND ad.adnum = a.attnum
        UNION ALL
        SELECT t.relname, 'domain', a.attname::text, pg_catalog.format_type(a.atttypid, NULL)
               || coalesce(' ' || (SELECT string_agg(pg_catalog.pg_get_constraintdef(dc.oid), ' ' ORDER BY dc.conname) FROM pg_catalog.pg_constraint dc WHERE dc.contypid = ty.oid), '')
               || CASE WHEN ty.typnotnull THEN ' NOT NULL' ELSE '' END
        FROM t JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
        JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid AND ty.typtype = 'd'
        UNION ALL
        SELECT t.relname, 'check', con.conname::text, pg_catalog.pg_get_constraintdef(con.oid)
        FROM t JOIN pg_catalog.pg_constraint con ON con.conrelid = t.oid AND con.contype = 'c' AND con.coninhcount = 0
        UNION ALL
        SELECT t.relname, 'index', ic.relname::text, pg_catalog.pg_get_indexdef(i.indexrelid)
        FROM t JOIN pg_catalog.pg_index i ON i.indrelid = t.oid JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
        WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = t.oid AND con.contype IN ('p', 'u', 'x'))
        UNION ALL
        SELECT t.relname, 'trigger', tg.tgname::text, pg_catalog.pg_get_triggerdef(tg.oid)
        FROM t JOIN pg_catalog.pg_trigger tg ON tg.tgrelid = t.oid AND NOT tg.tgisinternal
        UNION ALL
        SELECT t.relname, 'inherits', p.relname::text, ''
        FROM t JOIN pg_catalog.pg_inherits inh ON inh.inhrelid = t.oid JOIN pg_catalog.pg_class p ON p.oid = inh.inhparent
        UNION ALL
        SELECT t.relname, 'partition', c.relname::text, pg_catalog.pg_get_expr(c.relpartbound, c.oid)
        FROM t JOIN pg_catalog.pg_inherits inh ON inh.inhparent = t.oid JOIN pg_catalog.pg_class c ON c.oid = inh.inhrelid AND c.relispartition
        UNION ALL
        SELECT t.relname, 'deferrable', con.conname::text, CASE WHEN con.condeferred THEN 'INITIALLY DEFERRED' ELSE 'INITIALLY IMMEDIATE' END
        FROM t JOIN pg_catalog.pg_constraint con ON con.conrelid = t.oid AND con.condeferrable
        ORDER BY 1, 2, 3
        """;

    public static async Task<IReadOnlyList<CatalogFact>> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var facts = new List<CatalogFact>();
        await using var command = dataSource.CreateCommand(Sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var kind = reader.GetString(1) switch
            {
                "generated" => CatalogFactKind.Generated,
                "domain" => CatalogFactKind.Domain,
                "check" => CatalogFactKind.Check,
                "index" => CatalogFactKind.Index,
                "trigger" => CatalogFactKind.Trigger,
                "inherits" => CatalogFactKind.Inherits,
                "partition" => CatalogFactKind.Partition,
                _ => CatalogFactKind.Deferrable,
            };
            facts.Add(new CatalogFact(reader.GetString(0), kind, reader.GetString(2), reader.IsDBNull(3) ? "" : reader.GetString(3)));
        }

        return facts;
    }
}

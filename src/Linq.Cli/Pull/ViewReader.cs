using Linq.Sql.Schema;
using Npgsql;

namespace Linq.Cli.Pull;

/// <summary>
/// Reads the views (and materialized views) of the current schema for <c>db pull</c>, as table-shaped definitions the
/// model writer turns into <c>[View]</c> classes. A view has no key and PostgreSQL reports every view column as nullable:
/// the column named <c>id</c> (else the first ending in <c>id</c>, else the first) becomes the model's non-null
/// <c>[Id]</c>, which the written file says to check.
/// </summary>
internal static class ViewReader
{
    private const string ViewsSql = """
        SELECT c.relname, a.attname,
               CASE WHEN t.typtype = 'e' AND tn.nspname = current_schema() THEN '"' || replace(t.typname, '"', '""') || '"'
                    WHEN t.typtype = 'd' THEN pg_catalog.format_type(t.typbasetype, t.typtypmod)
                    ELSE pg_catalog.format_type(a.atttypid, a.atttypmod) END
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
        JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
        WHERE c.relkind IN ('v', 'm') AND n.nspname = current_schema()
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        ORDER BY c.relname, a.attnum
        """;

    public static async Task<IReadOnlyList<TableDefinition>> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var columns = new List<(string View, string Column, string Type)>();
        await using (var command = dataSource.CreateCommand(ViewsSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        return [.. columns.GroupBy(c => c.View, StringComparer.Ordinal).Select(view => Definition(view.Key, [.. view.Select(c => (c.Column, c.Type))]))];
    }

    internal static TableDefinition Definition(string name, IReadOnlyList<(string Column, string Type)> columns)
    {
        var key = columns.FirstOrDefault(c => c.Column.Equals("id", StringComparison.OrdinalIgnoreCase)).Column
            ?? columns.FirstOrDefault(c => c.Column.EndsWith("id", StringComparison.OrdinalIgnoreCase)).Column
            ?? columns[0].Column;
        return new TableDefinition(name, [.. columns.Select(c => new ColumnDefinition(c.Column, c.Type, Nullable: c.Column != key))], [key], [], [], []);
    }
}

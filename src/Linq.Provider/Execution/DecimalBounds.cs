using System.Text;
using Linq.Contract;
using Linq.Sql.Schema;
using Npgsql;

namespace Linq.Execution;

/// <summary>
/// Which columns the database itself keeps readable as <see cref="decimal"/>, learned from the catalog once per
/// client (one query for every table of the model that has such a column) and shared by its transaction and extended
/// clients. A <c>decimal</c> column the model leaves unbounded (<see cref="ColumnMetadata.MayExceedDecimal"/>) is
/// bounded when, in the database, its type is <c>numeric(p, s)</c> with at most 28 digits (and places), or it has a
/// validated CHECK of the range form migrations create (<see cref="CheckConstraintKind.DecimalRange"/>; not the
/// magnitude-only form older versions created). Number operations on a bounded column need no guard: the database
/// refuses a result a decimal cannot read back itself (22003 or 23514, nothing written).
/// </summary>
/// <remarks>
/// The answer is not assumed from the model: a database made by older migrations, by <c>db pull</c> of a legacy
/// schema or by hand may lack the check. Until the lookup has run, and for good when it fails (say, the catalog is not
/// readable), every such column keeps the guard. A check dropped by hand while the process runs is not noticed: the
/// process keeps leaving the guard out until it restarts, and a value no decimal can read back written then fails its
/// later reads with a typed error (never a different value).
/// </remarks>
internal sealed class DecimalBounds
{
    // For each column: whether its type bounds it, and the name of its validated range check, if any. Only the check
    // that refuses every value a decimal cannot read back counts (DecimalCheckForms.Readable); the magnitude-only check
    // older versions created does not (a value within it may have more digits than a decimal holds): the guard stays.
    // numeric(p, s) bounds the column when every value it takes reads back: at most 28 digits in all and at most 28
    // places (then m < 10^28), and at most 28 before the point (a negative scale, PostgreSQL 15, rounds to tens).
    // to_regclass resolves the table as the write's own statement will (search_path), NULL when missing: no error.
    private const string LookupSql = $"""
        SELECT u.i::integer,
               COALESCE(a.atttypid = 'pg_catalog.numeric'::pg_catalog.regtype AND a.atttypmod >= 4
                        AND ((a.atttypmod - 4) >> 16) <= 28
                        AND ((((a.atttypmod - 4) & 2047) # 1024) - 1024) <= 28
                        AND ((a.atttypmod - 4) >> 16) - ((((a.atttypmod - 4) & 2047) # 1024) - 1024) <= 28, false),
               (SELECT k.conname::text FROM pg_catalog.pg_constraint k
                WHERE k.conrelid = a.attrelid AND k.contype = 'c' AND k.convalidated AND k.conkey = ARRAY[a.attnum]
                  AND pg_catalog.pg_get_expr(k.conbin, k.conrelid) IN ({DecimalCheckForms.Readable})
                ORDER BY k.conname LIMIT 1)
        FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(tbl, col, i)
        LEFT JOIN pg_catalog.pg_attribute a
               ON a.attrelid = pg_catalog.to_regclass(u.tbl) AND a.attname = u.col AND a.attnum > 0 AND NOT a.attisdropped
        """;

    private readonly (ModelMetadata Model, ColumnMetadata Column)[] _columns;
    private readonly HashSet<string> _conventionNames;
    private volatile Snapshot? _known;

    public DecimalBounds(DatabaseModel model)
    {
        _columns = [.. model.Models.Where(m => !m.IsView).SelectMany(m => m.Columns.Where(c => c.MayExceedDecimal && !c.IsRowVersion).Select(c => (m, c)))];
        _conventionNames = new HashSet<string>(_columns.Select(c => Truncate(c.Model.TableName + "_" + c.Column.ColumnName + "_range")), StringComparer.Ordinal);
        if (_columns.Length == 0)
        {
            _known = Snapshot.Empty;
        }
    }

    /// <summary>Whether the lookup has run (or has nothing to look up): <see cref="IsBounded"/> is then final.</summary>
    public bool IsKnown => _known is not null;

    /// <summary>Whether the database bounds <paramref name="column"/>; false while unknown (the guard stays).</summary>
    public bool IsBounded(ColumnMetadata column) => _known is { } known && known.Bounded.Contains(column);

    /// <summary>
    /// Runs the lookup on <paramref name="executor"/>'s connection (the one the write is about to use) unless it is
    /// known. A failure keeps the guard on every column, for the client's lifetime; cancellation is not a failure.
    /// </summary>
    public ValueTask EnsureAsync(CommandExecutor executor, CancellationToken cancellationToken) =>
        _known is not null ? default : new ValueTask(LoadAsync(executor, cancellationToken));

    private async Task LoadAsync(CommandExecutor executor, CancellationToken cancellationToken)
    {
        var tables = _columns.Select(c => Sql.Rendering.Identifier.Quote(c.Model.TableName)).ToArray();
        var names = _columns.Select(c => c.Column.ColumnName).ToArray();
        try
        {
            var rows = await executor.ReadCatalogAsync(LookupSql,
                [new NpgsqlParameter<string[]> { TypedValue = tables }, new NpgsqlParameter<string[]> { TypedValue = names }],
                static r => (Index: r.GetInt32(0), Typed: r.GetBoolean(1), Check: r.IsDBNull(2) ? null : r.GetString(2)),
                cancellationToken).ConfigureAwait(false);
            var bounded = new HashSet<ColumnMetadata>(ReferenceEqualityComparer.Instance);
            var checks = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (index, typed, check) in rows)
            {
                if (typed || check is not null)
                {
                    bounded.Add(_columns[index - 1].Column);
                }

                if (check is not null)
                {
                    checks.Add(check);
                }
            }

            _known = new Snapshot(bounded, checks);
        }
        catch (PostgresException error) when (error.SqlState != PostgresErrorCodes.InFailedSqlTransaction)
        {
            // The server refused the read (say, the catalog is not readable): never trade correctness, keep the guard.
            _known = Snapshot.Empty;
        }
        catch (NpgsqlException) when (!cancellationToken.IsCancellationRequested)
        {
            // A connection fault (or an aborted transaction, above): this write keeps the guard, a later one asks again.
        }
    }

    /// <summary>
    /// Whether <paramref name="error"/> is a violation (23514) of a decimal range check: one the lookup found, or one
    /// named as migrations name it on a table of the model. The guard's own failure (22003) maps to the same typed error.
    /// </summary>
    public bool IsRangeCheck(PostgresException error) =>
        error.SqlState == PostgresErrorCodes.CheckViolation && error.ConstraintName is { } name
        && (_conventionNames.Contains(name) || _known?.Checks.Contains(name) == true);

    // PostgreSQL keeps 63 bytes of a name; the constraint's name in an error is the stored one.
    private static string Truncate(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= 63)
        {
            return name;
        }

        var builder = new StringBuilder();
        var bytes = 0;
        foreach (var rune in name.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > 63)
            {
                break;
            }

            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }

    private sealed record Snapshot(HashSet<ColumnMetadata> Bounded, HashSet<string> Checks)
    {
        public static readonly Snapshot Empty = new(new HashSet<ColumnMetadata>(ReferenceEqualityComparer.Instance), new HashSet<string>(StringComparer.Ordinal));
    }
}

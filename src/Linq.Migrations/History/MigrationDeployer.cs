using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Linq.Migrations.History;

/// <summary>
/// Applies pending migrations to a database and keeps the history in <see cref="HistoryTableName"/>. Safe to run from
/// several processes at once: all work happens under a PostgreSQL session advisory lock
/// (<c>pg_advisory_lock(</c><see cref="AdvisoryLockKey"/><c>)</c>, per database), so each migration is applied once.
/// </summary>
/// <remarks>
/// <para>
/// Deploy applies, in name order, every migration that has no history row or whose latest row says rolled back. Each
/// one runs in its own transaction together with its history row, so a failure (or a crash) leaves the database as it
/// was before that migration; a file that starts with <see cref="Migration.NoTransactionMarker"/> runs statement by
/// statement outside a transaction and is recorded as failed until its last statement succeeds.
/// </para>
/// <para>
/// Deploy refuses to start when an applied migration's file changed (<see cref="MigrationModifiedException"/>) or a
/// migration is recorded as failed (<see cref="MigrationBlockedException"/>, until <see cref="ResolveAsync"/>). It never
/// uses a shadow database, checks drift or resets anything.
/// </para>
/// <para>
/// The history table lives in the connection's current schema: <c>id</c> (identity), <c>name</c>, <c>checksum</c>
/// (SHA-256 hex of the file), <c>started_at</c>, <c>finished_at</c>, <c>status</c> (<c>applied</c>, <c>failed</c>,
/// <c>rolled_back</c>) and <c>logs</c>. A migration resolved as rolled back and run again gets a new row.
/// </para>
/// </remarks>
public sealed class MigrationDeployer
{
    /// <summary>The history table's name.</summary>
    public const string HistoryTableName = "_linq_migrations";

    /// <summary>
    /// The key of the session advisory lock every deploy and resolve holds: the ASCII bytes of <c>LinqMigr</c> as a
    /// big-endian 64-bit integer (0x4C696E714D696772). Advisory locks are per database, so deploys to different
    /// databases on one server do not wait for each other.
    /// </summary>
    public const long AdvisoryLockKey = 0x4C696E714D696772;

    private const string CreateHistorySql = $"""
        CREATE TABLE IF NOT EXISTS "{HistoryTableName}" (
            "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            "name" text NOT NULL,
            "checksum" text NOT NULL,
            "started_at" timestamp with time zone NOT NULL,
            "finished_at" timestamp with time zone,
            "status" text NOT NULL CHECK ("status" IN ('applied', 'failed', 'rolled_back')),
            "logs" text
        )
        """;

    private const string ReadHistorySql = $"""
        SELECT DISTINCT ON ("name") "name", "checksum", "started_at", "finished_at", "status", "logs"
        FROM "{HistoryTableName}" ORDER BY "name", "id" DESC
        """;

    private const string InsertSql = $"""
        INSERT INTO "{HistoryTableName}" ("name", "checksum", "started_at", "finished_at", "status", "logs")
        VALUES ($1, $2, $3, CASE WHEN $4 = 'failed' AND $6 THEN NULL ELSE clock_timestamp() END, $4, $5) RETURNING "id"
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly MigrationDirectory? _directory;
    private readonly IReadOnlyList<Migration>? _migrations;
    private readonly MigrationDeployerOptions _options;

    /// <summary>A deployer for the migrations in a folder (read again at every call).</summary>
    /// <param name="dataSource">The database. Use a direct connection, not a transaction-mode pooler: the lock is per session.</param>
    /// <param name="directory">The migrations folder.</param>
    /// <param name="options">Options; null for the defaults.</param>
    public MigrationDeployer(NpgsqlDataSource dataSource, MigrationDirectory directory, MigrationDeployerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(directory);
        _dataSource = dataSource;
        _directory = directory;
        _options = options ?? new MigrationDeployerOptions();
    }

    /// <summary>A deployer for a fixed list of migrations (e.g. embedded resources).</summary>
    /// <param name="dataSource">The database. Use a direct connection, not a transaction-mode pooler: the lock is per session.</param>
    /// <param name="migrations">The migrations; they run in ordinal order of their names.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <exception cref="ArgumentException">Two migrations have the same name.</exception>
    public MigrationDeployer(NpgsqlDataSource dataSource, IEnumerable<Migration> migrations, MigrationDeployerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(migrations);
        _dataSource = dataSource;
        _migrations = migrations.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var duplicate = _migrations.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Migration '{duplicate.Key}' is given more than once.", nameof(migrations));
        }

        _options = options ?? new MigrationDeployerOptions();
    }

    /// <summary>Applies every pending migration, in order, under the advisory lock.</summary>
    /// <param name="cancellationToken">
    /// Cancels waiting for the lock or the running migration; a migration in a transaction is then rolled back and
    /// stays pending.
    /// </param>
    /// <returns>The migrations applied, and those recorded in the database but missing from the folder.</returns>
    /// <exception cref="MigrationModifiedException">An applied migration's file changed.</exception>
    /// <exception cref="MigrationBlockedException">A migration is recorded as failed.</exception>
    /// <exception cref="MigrationFailedException">A migration failed; it is recorded as failed.</exception>
    /// <exception cref="MigrationDirectoryException">The folder holds a malformed migration.</exception>
    /// <exception cref="MigrationLockTimeoutException">The lock was not acquired within <see cref="MigrationDeployerOptions.LockTimeout"/>.</exception>
    public async Task<DeployResult> DeployAsync(CancellationToken cancellationToken = default)
    {
        var migrations = await LoadAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await LockAsync(connection, cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, CreateHistorySql, cancellationToken).ConfigureAwait(false);
            var history = await ReadHistoryAsync(connection, cancellationToken).ConfigureAwait(false);
            var byName = history.ToDictionary(r => r.Name, StringComparer.Ordinal);
            var failed = history.FirstOrDefault(r => r.Status == MigrationRecordStatus.Failed);
            if (failed is not null)
            {
                throw new MigrationBlockedException(failed.Name);
            }

            foreach (var migration in migrations)
            {
                if (byName.TryGetValue(migration.Name, out var record) && record.Status == MigrationRecordStatus.Applied
                    && !string.Equals(record.Checksum, migration.Checksum, StringComparison.OrdinalIgnoreCase))
                {
                    throw new MigrationModifiedException(migration.Name, migration.Source, record.Checksum, migration.Checksum);
                }
            }

            var applied = new List<string>();
            foreach (var migration in migrations)
            {
                if (byName.TryGetValue(migration.Name, out var record) && record.Status != MigrationRecordStatus.RolledBack)
                {
                    continue;
                }

                await ApplyAsync(connection, migration, cancellationToken).ConfigureAwait(false);
                applied.Add(migration.Name);
            }

            var names = migrations.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
            var missing = history.Where(r => r.Status != MigrationRecordStatus.RolledBack && !names.Contains(r.Name)).Select(r => r.Name).ToList();
            return new DeployResult(applied, missing);
        }
        finally
        {
            await UnlockAsync(connection).ConfigureAwait(false);
        }
    }

    /// <summary>Compares the folder with the history: applied, pending, failed, modified and missing migrations. Takes no lock and writes nothing.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="MigrationDirectoryException">The folder holds a malformed migration.</exception>
    public async Task<MigrationStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        var migrations = await LoadAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<MigrationRecord> history = [];
        await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var command = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "\"" + HistoryTableName + "\"" });
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                history = await ReadHistoryAsync(connection, cancellationToken).ConfigureAwait(false);
            }
        }

        var byName = history.ToDictionary(r => r.Name, StringComparer.Ordinal);
        List<string> applied = [], pending = [], failed = [], modified = [], missing = [];
        foreach (var migration in migrations)
        {
            if (!byName.TryGetValue(migration.Name, out var record) || record.Status == MigrationRecordStatus.RolledBack)
            {
                pending.Add(migration.Name);
            }
            else if (record.Status == MigrationRecordStatus.Failed)
            {
                failed.Add(migration.Name);
            }
            else if (!string.Equals(record.Checksum, migration.Checksum, StringComparison.OrdinalIgnoreCase))
            {
                modified.Add(migration.Name);
            }
            else
            {
                applied.Add(migration.Name);
            }
        }

        var names = migrations.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var record in history.Where(r => !names.Contains(r.Name)))
        {
            if (record.Status == MigrationRecordStatus.Failed)
            {
                failed.Add(record.Name);
            }

            if (record.Status != MigrationRecordStatus.RolledBack)
            {
                missing.Add(record.Name);
            }
        }

        return new MigrationStatus(applied, pending, failed, modified, missing, history);
    }

    /// <summary>
    /// Marks a failed migration as applied (its changes were completed by hand; the checksum of its current file is
    /// recorded) or rolled back (its changes were undone; the next deploy runs it again). Under the advisory lock.
    /// </summary>
    /// <param name="name">The migration name.</param>
    /// <param name="resolution">Applied or rolled back.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="MigrationResolveException">The migration is not in the history, or its latest attempt did not fail.</exception>
    public async Task ResolveAsync(string name, MigrationResolution resolution, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var migrations = await LoadAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await LockAsync(connection, cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, CreateHistorySql, cancellationToken).ConfigureAwait(false);
            var record = (await ReadHistoryAsync(connection, cancellationToken).ConfigureAwait(false))
                .FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal))
                ?? throw new MigrationResolveException($"Migration '{name}' is not in the history of this database; only a failed migration can be resolved.", name);
            if (record.Status != MigrationRecordStatus.Failed)
            {
                throw new MigrationResolveException(
                    $"Migration '{name}' is {StatusText(record.Status).Replace('_', ' ')}, not failed; only a failed migration can be resolved.", name);
            }

            var file = migrations.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));
            const string sql = $"""
                UPDATE "{HistoryTableName}"
                SET "status" = $2, "finished_at" = coalesce("finished_at", clock_timestamp()), "checksum" = coalesce($3, "checksum"),
                    "logs" = concat_ws(E'\n', "logs", $4)
                WHERE "id" = (SELECT max("id") FROM "{HistoryTableName}" WHERE "name" = $1)
                """;
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = resolution == MigrationResolution.Applied ? "applied" : "rolled_back" });
            command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = resolution == MigrationResolution.Applied ? file?.Checksum : null, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<string>
            {
                TypedValue = "resolved as " + (resolution == MigrationResolution.Applied ? "applied" : "rolled back") + " at "
                    + DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture),
            });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await UnlockAsync(connection).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<Migration>> LoadAsync(CancellationToken cancellationToken) =>
        _migrations ?? await _directory!.LoadAsync(cancellationToken).ConfigureAwait(false);

    private async Task ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        var statements = SqlScriptSplitter.Split(migration.Sql);
        if (migration.RunsInTransaction)
        {
            var control = statements.FirstOrDefault(s => SqlScriptSplitter.FirstKeyword(s.Sql) is "BEGIN" or "COMMIT" or "ROLLBACK" or "START" or "END" or "ABORT");
            if (control is not null)
            {
                const string reason = "controls the transaction itself, but each migration already runs in one";
                await RecordAsync(connection, migration, DateTimeOffset.UtcNow, "failed", $"line {control.Line}: {reason}", unfinished: false, cancellationToken).ConfigureAwait(false);
                throw new MigrationFailedException(
                    $"Migration '{migration.Name}' failed before it ran: the statement at line {control.Line} of {migration.Source} {reason}; "
                    + $"remove it, or start the file with '{Migration.NoTransactionMarker}'. It is recorded as failed; after fixing the file, resolve it with --rolled-back.",
                    migration.Name, null, control.Line, rolledBack: true, null);
            }
        }

        var started = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        if (migration.RunsInTransaction)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var index = 0;
            try
            {
                for (; index < statements.Count; index++)
                {
                    await ExecuteAsync(connection, statements[index].Sql, cancellationToken).ConfigureAwait(false);
                }

                await RecordAsync(connection, migration, started, "applied", Summary(statements.Count, stopwatch), unfinished: false, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is PostgresException or NpgsqlException && !cancellationToken.IsCancellationRequested)
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                var statement = index < statements.Count ? statements[index] : null;
                var error = ErrorText(ex);
                await RecordAsync(connection, migration, started, "failed", Where(statement) + error, unfinished: false, CancellationToken.None).ConfigureAwait(false);
                throw new MigrationFailedException(
                    $"Migration '{migration.Name}' failed {Where(statement, migration)}{error}. It was rolled back, so the database is as it was before it; "
                    + "it is recorded as failed: fix the file and resolve it with --rolled-back to run it again.",
                    migration.Name, (ex as PostgresException)?.SqlState, statement?.Line, rolledBack: true, ex);
            }

            return;
        }

        // Outside a transaction: recorded as failed and unfinished first, so a crash half-way blocks the next deploy.
        var id = await RecordAsync(connection, migration, started, "failed", "started outside a transaction; did not finish", unfinished: true, cancellationToken).ConfigureAwait(false);
        var done = 0;
        try
        {
            for (; done < statements.Count; done++)
            {
                await ExecuteAsync(connection, statements[done].Sql, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is PostgresException or NpgsqlException or OperationCanceledException)
        {
            var statement = done < statements.Count ? statements[done] : null;
            var error = ex is OperationCanceledException ? "cancelled" : ErrorText(ex);
            await UpdateAsync(connection, id, "failed", $"{Where(statement)}{error}; {done} of {statements.Count} statements had run (outside a transaction)", finished: true).ConfigureAwait(false);
            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw new MigrationFailedException(
                $"Migration '{migration.Name}' failed {Where(statement, migration)}{error}. It ran outside a transaction and {done} of {statements.Count} statements "
                + "had completed; it is recorded as failed: finish or undo it by hand, then resolve it with --applied or --rolled-back.",
                migration.Name, (ex as PostgresException)?.SqlState, statement?.Line, rolledBack: false, ex);
        }

        await UpdateAsync(connection, id, "applied", Summary(statements.Count, stopwatch) + " (outside a transaction)", finished: true).ConfigureAwait(false);
    }

    private static string Summary(int statements, Stopwatch stopwatch) =>
        string.Create(CultureInfo.InvariantCulture, $"{statements} statement{(statements == 1 ? "" : "s")} in {stopwatch.ElapsedMilliseconds} ms");

    private static string Where(ScriptStatement? statement) =>
        statement is null ? "" : string.Create(CultureInfo.InvariantCulture, $"line {statement.Line}: ");

    private static string Where(ScriptStatement? statement, Migration migration) =>
        statement is null ? "at commit: " : string.Create(CultureInfo.InvariantCulture, $"at line {statement.Line} of {migration.Source}: ");

    private static string ErrorText(Exception ex) => ex switch
    {
        PostgresException pg => $"{pg.SqlState}: {pg.MessageText}",
        _ => ex.Message.ReplaceLineEndings(" "),
    };

    private static async Task<long> RecordAsync(NpgsqlConnection connection, Migration migration, DateTimeOffset started, string status, string logs, bool unfinished, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(InsertSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Checksum });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = started });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = logs });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = unfinished });
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task UpdateAsync(NpgsqlConnection connection, long id, string status, string logs, bool finished)
    {
        const string sql = $"""
            UPDATE "{HistoryTableName}" SET "status" = $2, "logs" = $3, "finished_at" = CASE WHEN $4 THEN clock_timestamp() END WHERE "id" = $1
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = logs });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = finished });
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<MigrationRecord>> ReadHistoryAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var records = new List<MigrationRecord>();
        await using var command = new NpgsqlCommand(ReadHistorySql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new MigrationRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetString(4) switch
                {
                    "applied" => MigrationRecordStatus.Applied,
                    "rolled_back" => MigrationRecordStatus.RolledBack,
                    _ => MigrationRecordStatus.Failed,
                },
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return records;
    }

    private static string StatusText(MigrationRecordStatus status) => status switch
    {
        MigrationRecordStatus.Applied => "applied",
        MigrationRecordStatus.RolledBack => "rolled_back",
        _ => "failed",
    };

    private async Task LockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var timeout = _options.LockTimeout;
        if (timeout is { } t)
        {
            await using var set = new NpgsqlCommand("SELECT set_config('lock_timeout', $1, false)", connection);
            set.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Math.Max(1, (long)t.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms" });
            await set.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection) { CommandTimeout = 0 };
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = AdvisoryLockKey });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new MigrationLockTimeoutException(
                $"Another deploy held the migration lock (advisory lock {AdvisoryLockKey}) for longer than {timeout}: try again when it has finished.", ex);
        }
        finally
        {
            if (timeout is not null && connection.State == System.Data.ConnectionState.Open)
            {
                await using var reset = new NpgsqlCommand("RESET lock_timeout", connection);
                await reset.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static async Task UnlockAsync(NpgsqlConnection connection)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = AdvisoryLockKey });
            await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // A broken connection has lost its session, and with it the lock.
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

using System.Text.RegularExpressions;
using Linq.Cli.Database;
using Linq.Cli.Output;
using Linq.Migrations;
using Linq.Migrations.Diffing;
using Linq.Migrations.History;
using Linq.Migrations.Introspection;
using Linq.Migrations.Safety;
using Linq.Sql.Schema;
using Linq.Sql.Schema.Operations;
using Npgsql;

namespace Linq.Cli.Commands;

/// <summary><c>linq migrate dev | deploy | status | reset | resolve | diff</c>.</summary>
internal static partial class MigrateCommands
{
    /// <summary>
    /// Replays the history on a shadow database, checks the dev database for drift, diffs the model against the
    /// history's result, writes the new migration (with row counts for destructive operations from the dev database)
    /// and applies it to the dev database.
    /// </summary>
    public static async Task<int> DevAsync(CommandContext context, string? name, bool createOnly, bool acceptDataLoss, bool force, string? url, CancellationToken cancellationToken)
    {
        var terminal = context.Terminal;
        name ??= terminal.Ask("Name of the new migration (letters, digits, '_' and '-', e.g. add_user_role):")
            ?? throw new CliException("Name the migration: linq migrate dev --name add_user_role.");
        if (!MigrationName().IsMatch(name))
        {
            throw new CliException($"'{name}' cannot name a migration: use letters, digits, '_' and '-' only (e.g. add_user_role).");
        }

        var dev = DatabaseTarget.Resolve(url, context.Config);
        var directory = new MigrationDirectory(context.MigrationsPath);
        var migrations = await directory.LoadAsync(cancellationToken);
        var model = await context.LoadModelAsync(cancellationToken);
        await dev.EnsureExistsAsync(terminal, cancellationToken);
        terminal.Line($"Dev database: {dev.Display} (from {dev.Source}); migrations: {CommandContext.Show(directory.Path)} ({migrations.Count})");

        await using var devSource = dev.CreateDataSource();
        var status = await new MigrationDeployer(devSource, directory).StatusAsync(cancellationToken);
        if (status.Failed.Count > 0)
        {
            throw new CliException($"Migration '{status.Failed[0]}' is recorded as failed in the dev database: fix the database and run "
                + $"'linq migrate resolve --applied|--rolled-back {status.Failed[0]}', or start over with 'linq migrate reset'.");
        }

        string currentSchema;
        await using (var connection = await dev.OpenAsync(cancellationToken))
        {
            currentSchema = await SchemaReset.CurrentSchemaAsync(connection, cancellationToken);
        }

        var diffOptions = new SchemaDiffOptions { CurrentSchema = currentSchema };
        await using var shadow = await ShadowDatabase.CreateAsync(dev, context.Config, cancellationToken);

        // Why the dev database cannot simply move forward: history that no longer matches the folder, or drift.
        var reasons = new List<string>();
        reasons.AddRange(status.Modified.Select(m => $"migration {m} was changed after it was applied"));
        reasons.AddRange(status.Missing.Select(m => $"migration {m} is applied to the database but missing from {CommandContext.Show(directory.Path)}"));
        var applied = migrations.Where(m => status.Applied.Contains(m.Name)).ToList();
        await ReplayAsync(shadow, applied, cancellationToken);
        if (reasons.Count == 0)
        {
            var drift = SchemaDiffer.Diff(await SchemaIntrospector.IntrospectAsync(shadow.DataSource, null, cancellationToken),
                await SchemaIntrospector.IntrospectAsync(devSource, null, cancellationToken), diffOptions);
            if (drift.Count > 0)
            {
                ReportDrift(terminal, drift);
                reasons.Add($"{drift.Count} change{(drift.Count == 1 ? " was" : "s were")} made to the dev database outside the migrations");
            }
        }

        var reset = false;
        if (reasons.Count > 0)
        {
            terminal.Line("The dev database must be reset, because:");
            foreach (var reason in reasons)
            {
                terminal.Line("  - " + reason);
            }

            if (!force && !terminal.Confirm($"Reset the dev database {dev.Display}? Every table and row in schema \"{currentSchema}\" will be lost."))
            {
                throw new CliException(terminal.IsInteractive
                    ? "Not reset; nothing was changed."
                    : "The dev database needs a reset (see above); nothing was changed. Run again with --force to reset it (its data is lost).");
            }

            await SchemaReset.ResetAsync(dev, cancellationToken);
            terminal.Line($"Reset the dev database {dev.Display}.");
            reset = true;
        }

        // The rest of the history: on the shadow, and pending ones (say, a teammate's) on the dev database.
        await ReplayAsync(shadow, migrations, cancellationToken);
        var pending = await new MigrationDeployer(devSource, directory).DeployAsync(cancellationToken);
        foreach (var migration in pending.Applied)
        {
            terminal.Line($"Applied {migration}");
        }

        var operations = SchemaDiffer.Diff(await SchemaIntrospector.IntrospectAsync(shadow.DataSource, null, cancellationToken), model.Schema, diffOptions);
        if (operations.Count == 0 && !createOnly)
        {
            terminal.Line("Already in sync: the migrations produce the model's schema; no new migration was written.");
            return await SeedAfterResetAsync(context, reset, cancellationToken);
        }

        IReadOnlyList<ClassifiedOperation> review;
        await using (var connection = await devSource.OpenConnectionAsync(cancellationToken))
        {
            review = await DestructiveChangeChecker.CheckAsync(connection, operations, cancellationToken);
        }

        var destructive = review.Where(r => r.IsDestructive).ToList();
        if (destructive.Count > 0)
        {
            ReportDestructive(terminal, destructive, dev);
            if (!createOnly && !acceptDataLoss && !terminal.Confirm("Apply these changes to the dev database?"))
            {
                throw new CliException($"{Count(destructive.Count, "destructive change")} not confirmed; nothing was written. Review them, then run again with "
                    + "--accept-data-loss, or with --create-only to write the migration without applying it.");
            }
        }

        var now = DateTimeOffset.UtcNow;
        var header = $"-- Migration {now.UtcDateTime:yyyyMMddHHmmss}_{name}, written by 'linq migrate dev' from {model.DatabaseName}. Review it before you commit it.\n";
        var created = await directory.CreateAsync(name, header + MigrationScript.Create(operations, review), now, cancellationToken);
        terminal.Line($"Wrote {CommandContext.Show(created.FilePath!)} ({Count(operations.Count, "operation")}).");
        if (MigrationScript.RebuiltIndexes(operations) is { Count: > 0 } rebuilt)
        {
            // Not destructive, so not asked about; but on a large table the rebuild blocks its reads and writes.
            terminal.Line($"NOTE: it rebuilds {(rebuilt.Count == 1 ? "1 index" : rebuilt.Count + " indexes")} (no data lost; the table is locked until the migration commits):");
            foreach (var index in rebuilt)
            {
                terminal.Line("  - " + index.Description);
            }
        }
        if (createOnly)
        {
            terminal.Line("Not applied (--create-only): review or edit it (say, add a backfill step), then run 'linq migrate dev' again to apply it.");
            return await SeedAfterResetAsync(context, reset, cancellationToken);
        }

        var result = await new MigrationDeployer(devSource, directory).DeployAsync(cancellationToken);
        foreach (var migration in result.Applied)
        {
            terminal.Line($"Applied {migration}");
        }

        return await SeedAfterResetAsync(context, reset, cancellationToken);
    }

    /// <summary>Applies pending migrations only: no shadow database, no drift check, no reset.</summary>
    public static async Task<int> DeployAsync(CommandContext context, string? url, CancellationToken cancellationToken)
    {
        var target = DatabaseTarget.Resolve(url, context.Config);
        var directory = RequireDirectory(context);
        await target.EnsureExistsAsync(context.Terminal, cancellationToken);
        context.Terminal.Line($"Deploying {CommandContext.Show(directory.Path)} to {target.Display} (from {target.Source}).");
        await using var dataSource = target.CreateDataSource();
        var result = await new MigrationDeployer(dataSource, directory).DeployAsync(cancellationToken);
        foreach (var migration in result.Applied)
        {
            context.Terminal.Line($"Applied {migration}");
        }

        foreach (var missing in result.Missing)
        {
            context.Terminal.Warn($"migration {missing} is applied to the database but has no folder in {CommandContext.Show(directory.Path)}.");
        }

        context.Terminal.Line(result.Applied.Count == 0 ? "No pending migrations: the database is up to date." : $"{Count(result.Applied.Count, "migration")} applied.");
        return ExitCodes.Success;
    }

    /// <summary>Prints applied, pending, failed, modified and missing migrations and checks drift; exit 0 only when up to date.</summary>
    public static async Task<int> StatusAsync(CommandContext context, string? url, bool skipDriftCheck, CancellationToken cancellationToken)
    {
        var terminal = context.Terminal;
        var target = DatabaseTarget.Resolve(url, context.Config);
        var directory = new MigrationDirectory(context.MigrationsPath);
        var migrations = await directory.LoadAsync(cancellationToken);
        await using var dataSource = target.CreateDataSource();
        var status = await new MigrationDeployer(dataSource, directory).StatusAsync(cancellationToken);
        terminal.Line($"Database {target.Display} (from {target.Source}); migrations: {CommandContext.Show(directory.Path)} ({migrations.Count})");
        Print(terminal, "Applied", status.Applied);
        Print(terminal, "Pending (run 'linq migrate deploy')", status.Pending);
        Print(terminal, "Failed (run 'linq migrate resolve')", status.Failed);
        Print(terminal, "Modified after they were applied", status.Modified);
        Print(terminal, "Applied but missing from the folder", status.Missing);

        var drift = 0;
        if (!skipDriftCheck && status.Failed.Count == 0)
        {
            drift = await CheckDriftAsync(context, target, dataSource, migrations.Where(m => status.Applied.Contains(m.Name)).ToList(), cancellationToken);
        }

        if (status.IsUpToDate && drift == 0)
        {
            terminal.Line("The database is up to date.");
            return ExitCodes.Success;
        }

        var problems = new List<string>();
        AddCount(problems, status.Pending.Count, "pending");
        AddCount(problems, status.Failed.Count, "failed");
        AddCount(problems, status.Modified.Count, "modified");
        AddCount(problems, status.Missing.Count, "missing");
        if (drift > 0)
        {
            problems.Add($"drift ({Count(drift, "change")} outside the migrations)");
        }

        throw new CliException("Not up to date: " + string.Join(", ", problems) + ".");
    }

    /// <summary>Drops and recreates the schema, applies every migration, runs the seed.</summary>
    public static async Task<int> ResetAsync(CommandContext context, string? url, bool force, bool skipSeed, CancellationToken cancellationToken)
    {
        var terminal = context.Terminal;
        var target = DatabaseTarget.Resolve(url, context.Config);
        var directory = new MigrationDirectory(context.MigrationsPath);
        await directory.LoadAsync(cancellationToken);
        if (!force)
        {
            if (!terminal.IsInteractive)
            {
                throw new CliException($"migrate reset deletes every table and row of {target.Display}; without a terminal to confirm, it needs --force.");
            }

            if (!terminal.Confirm($"Reset {target.Display}? Every table and row in its schema will be lost."))
            {
                throw new CliException("Not reset; nothing was changed.");
            }
        }

        await target.EnsureExistsAsync(terminal, cancellationToken);
        var schema = await SchemaReset.ResetAsync(target, cancellationToken);
        terminal.Line($"Reset schema \"{schema}\" of {target.Display}.");
        await using (var dataSource = target.CreateDataSource())
        {
            var result = await new MigrationDeployer(dataSource, directory).DeployAsync(cancellationToken);
            foreach (var migration in result.Applied)
            {
                terminal.Line($"Applied {migration}");
            }
        }

        return skipSeed ? ExitCodes.Success : await Seed.RunAsync(context, required: false, cancellationToken);
    }

    /// <summary>Marks a failed migration as applied or rolled back.</summary>
    public static async Task<int> ResolveAsync(CommandContext context, string? applied, string? rolledBack, string? url, CancellationToken cancellationToken)
    {
        if ((applied is null) == (rolledBack is null))
        {
            throw new CliException("Give exactly one of --applied <name> (you finished it by hand) or --rolled-back <name> (you undid it; deploy runs it again).", ExitCodes.Usage);
        }

        var target = DatabaseTarget.Resolve(url, context.Config);
        var directory = new MigrationDirectory(context.MigrationsPath);
        await using var dataSource = target.CreateDataSource();
        var name = applied ?? rolledBack!;
        await new MigrationDeployer(dataSource, directory).ResolveAsync(name, applied is not null ? MigrationResolution.Applied : MigrationResolution.RolledBack, cancellationToken);
        context.Terminal.Line($"Marked {name} as {(applied is not null ? "applied" : "rolled back")} in {target.Display}.");
        return ExitCodes.Success;
    }

    /// <summary>Compares two schemas (empty, a migrations folder, a database, the model) and prints the operations or the SQL.</summary>
    public static async Task<int> DiffAsync(CommandContext context, DiffSides sides, bool script, bool exitCode, CancellationToken cancellationToken)
    {
        var fromCount = (sides.FromEmpty ? 1 : 0) + (sides.FromMigrations is null ? 0 : 1) + (sides.FromUrl is null ? 0 : 1);
        var toCount = (sides.ToModel ? 1 : 0) + (sides.ToUrl is null ? 0 : 1) + (sides.ToMigrations is null ? 0 : 1);
        if (fromCount != 1 || toCount != 1)
        {
            throw new CliException("Give one 'from' (--from-empty, --from-migrations <dir> or --from-url <url>) and one 'to' (--to-model, --to-migrations <dir> or --to-url <url>).", ExitCodes.Usage);
        }

        var currentSchema = "public";
        async Task<SchemaDefinition> ReadAsync(bool empty, string? migrationsPath, string? url, bool model, string side)
        {
            if (empty)
            {
                return new SchemaDefinition([], []);
            }

            if (model)
            {
                return (await context.LoadModelAsync(cancellationToken)).Schema;
            }

            if (url is not null)
            {
                var target = DatabaseTarget.Parse(url, side);
                await using var dataSource = target.CreateDataSource();
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                currentSchema = await SchemaReset.CurrentSchemaAsync(connection, cancellationToken);
                return await SchemaIntrospector.IntrospectAsync(connection, null, cancellationToken);
            }

            var migrations = await new MigrationDirectory(Path.GetFullPath(migrationsPath!)).LoadAsync(cancellationToken);
            DatabaseTarget? server = null;
            foreach (var variable in new[] { context.Config.DirectUrlVariable, context.Config.DatabaseUrlVariable })
            {
                if (server is null && Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
                {
                    server = DatabaseTarget.Parse(value, variable);
                }
            }

            await using var shadow = await ShadowDatabase.CreateAsync(server, context.Config, cancellationToken);
            await ReplayAsync(shadow, migrations, cancellationToken);
            return await SchemaIntrospector.IntrospectAsync(shadow.DataSource, null, cancellationToken);
        }

        var from = await ReadAsync(sides.FromEmpty, sides.FromMigrations, sides.FromUrl, false, "--from-url");
        var to = await ReadAsync(false, sides.ToMigrations, sides.ToUrl, sides.ToModel, "--to-url");
        var operations = SchemaDiffer.Diff(from, to, new SchemaDiffOptions { CurrentSchema = currentSchema });
        if (operations.Count == 0)
        {
            context.Terminal.Line(script ? "-- No difference." : "No difference.");
            return ExitCodes.Success;
        }

        var review = OperationClassifier.Classify(operations);
        if (script)
        {
            context.Terminal.Line(MigrationScript.Create(operations, review).TrimEnd());
        }
        else
        {
            context.Terminal.Line($"{Count(operations.Count, "operation")}:");
            foreach (var operation in review)
            {
                context.Terminal.Line("  - " + operation.Operation.Description + (operation.IsDestructive ? $"   [destructive: {operation.Reason}]" : ""));
            }
        }

        return exitCode ? 2 : ExitCodes.Success;
    }

    /// <summary>The two sides of <c>migrate diff</c>.</summary>
    internal sealed record DiffSides(bool FromEmpty, string? FromMigrations, string? FromUrl, bool ToModel, string? ToUrl, string? ToMigrations);

    private static async Task<int> CheckDriftAsync(CommandContext context, DatabaseTarget target, NpgsqlDataSource dataSource, IReadOnlyList<Migration> applied, CancellationToken cancellationToken)
    {
        ShadowDatabase shadow;
        try
        {
            shadow = await ShadowDatabase.CreateAsync(target, context.Config, cancellationToken);
        }
        catch (Exception ex) when (ex is CliException or NpgsqlException)
        {
            context.Terminal.Warn($"drift not checked: {ex.Message}");
            return 0;
        }

        await using (shadow)
        {
            await ReplayAsync(shadow, applied, cancellationToken);
            string currentSchema;
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            {
                currentSchema = await SchemaReset.CurrentSchemaAsync(connection, cancellationToken);
            }

            var drift = SchemaDiffer.Diff(await SchemaIntrospector.IntrospectAsync(shadow.DataSource, null, cancellationToken),
                await SchemaIntrospector.IntrospectAsync(dataSource, null, cancellationToken), new SchemaDiffOptions { CurrentSchema = currentSchema });
            if (drift.Count > 0)
            {
                ReportDrift(context.Terminal, drift);
            }
            else
            {
                context.Terminal.Line("No drift: the schema is what the applied migrations produce.");
            }

            return drift.Count;
        }
    }

    private static async Task ReplayAsync(ShadowDatabase shadow, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        try
        {
            await new MigrationDeployer(shadow.DataSource, migrations).DeployAsync(cancellationToken);
        }
        catch (MigrationFailedException ex)
        {
            throw new CliException($"The migrations do not apply to an empty database (shadow database): {ex.Message.Split(". It ")[0]}.");
        }
    }

    private static void ReportDrift(Terminal terminal, IReadOnlyList<SchemaOperation> drift)
    {
        terminal.Line($"Drift detected: the database differs from what its applied migrations produce. {Count(drift.Count, "change")} made outside the migrations "
            + "(what would turn the migrations' result into the database):");
        foreach (var operation in drift)
        {
            terminal.Line("  - " + operation.Description);
        }
    }

    private static void ReportDestructive(Terminal terminal, IReadOnlyList<ClassifiedOperation> destructive, DatabaseTarget dev)
    {
        terminal.Line($"WARNING: {Count(destructive.Count, "destructive change")} (row counts from {dev.Display}):");
        foreach (var operation in destructive)
        {
            terminal.Line("  - " + operation.Warning);
        }
    }

    private static async Task<int> SeedAfterResetAsync(CommandContext context, bool reset, CancellationToken cancellationToken) =>
        reset ? await Seed.RunAsync(context, required: false, cancellationToken) : ExitCodes.Success;

    private static MigrationDirectory RequireDirectory(CommandContext context)
    {
        var directory = new MigrationDirectory(context.MigrationsPath);
        if (!directory.Exists)
        {
            throw new CliException($"No migrations folder at {directory.Path}: create migrations with 'linq migrate dev', or pass --migrations.");
        }

        return directory;
    }

    private static void Print(Terminal terminal, string title, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return;
        }

        terminal.Line($"{title}: {names.Count}");
        foreach (var name in names)
        {
            terminal.Line("  " + name);
        }
    }

    private static void AddCount(List<string> problems, int count, string what)
    {
        if (count > 0)
        {
            problems.Add($"{count} {what}");
        }
    }

    internal static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    [GeneratedRegex(@"^[A-Za-z0-9_-]+$")]
    private static partial Regex MigrationName();
}

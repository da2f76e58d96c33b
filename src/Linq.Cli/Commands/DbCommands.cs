using Linq.Cli.Configuration;
using Linq.Cli.Database;
using Linq.Cli.Output;
using Linq.Cli.Pull;
using Linq.Migrations;
using Linq.Migrations.Introspection;

namespace Linq.Cli.Commands;

/// <summary><c>linq db push | pull | seed</c> and <c>linq init</c>.</summary>
internal static class DbCommands
{
    /// <summary>Makes the database match the model without migrations; destructive changes need confirmation or the flag.</summary>
    public static async Task<int> PushAsync(CommandContext context, string? url, bool acceptDataLoss, CancellationToken cancellationToken)
    {
        var terminal = context.Terminal;
        var target = DatabaseTarget.Resolve(url, context.Config);
        var model = await context.LoadModelAsync(cancellationToken);
        await target.EnsureExistsAsync(terminal, cancellationToken);
        await SchemaReset.EnsureSchemaAsync(target, cancellationToken);
        await using var dataSource = target.CreateDataSource();
        IReadOnlyList<Linq.Migrations.Safety.ClassifiedOperation> applied;
        try
        {
            applied = await SchemaPush.PushAsync(dataSource, model.Schema, acceptDataLoss, cancellationToken);
        }
        catch (DataLossException ex)
        {
            terminal.Line($"WARNING: {MigrateCommands.Count(ex.Operations.Count, "destructive change")} (row counts from {target.Display}):");
            foreach (var operation in ex.Operations)
            {
                terminal.Line("  - " + operation.Warning);
            }

            if (!terminal.Confirm("Push anyway?"))
            {
                throw new CliException($"{MigrateCommands.Count(ex.Operations.Count, "destructive change")} refused; nothing was changed. Run again with --accept-data-loss to apply them.");
            }

            applied = await SchemaPush.PushAsync(dataSource, model.Schema, acceptDataLoss: true, cancellationToken);
        }

        if (applied.Count == 0)
        {
            terminal.Line($"{target.Display} already matches the model.");
            return ExitCodes.Success;
        }

        terminal.Line($"Pushed {MigrateCommands.Count(applied.Count, "change")} to {target.Display}:");
        foreach (var operation in applied)
        {
            terminal.Line("  - " + operation.Operation.Description);
        }

        return ExitCodes.Success;
    }

    /// <summary>Introspects the database and writes model classes for it.</summary>
    public static async Task<int> PullAsync(CommandContext context, string? url, string output, string? ns, string? className, bool force, string? schemaName,
        CancellationToken cancellationToken)
    {
        var terminal = context.Terminal;
        var target = DatabaseTarget.Resolve(url, context.Config);
        if (schemaName is not null)
        {
            // The model's names are unqualified: the schema is read as the current one, as the application will see it
            // with that schema first on its search_path.
            target = target.WithSearchPath(schemaName);
        }

        Linq.Sql.Schema.SchemaDefinition schema;
        IReadOnlyList<Linq.Sql.Schema.TableDefinition> views;
        IReadOnlyList<CatalogFact> facts;
        await using (var dataSource = target.CreateDataSource())
        {
            schema = await SchemaIntrospector.IntrospectAsync(dataSource, null, cancellationToken);
            views = await ViewReader.ReadAsync(dataSource, cancellationToken);
            facts = await CatalogFacts.ReadAsync(dataSource, cancellationToken);
        }

        if (schema.Tables.Count == 0 && views.Count == 0)
        {
            var others = await OtherSchemasAsync(target, cancellationToken);
            throw new CliException($"{target.Display} has no tables to pull in its {(schemaName is null ? "current schema" : $"schema \"{schemaName}\"")}."
                + (others.Count == 0 ? "" : $" Schemas with tables: {string.Join(", ", others)}; pull one with --schema."));
        }

        var folder = Path.GetFullPath(output, context.ProjectDirectory);
        var options = new ModelWriterOptions(
            ns ?? DefaultNamespace(context, folder),
            className ?? Names.Pascal(target.Database) + "Db");
        var files = ModelWriter.Write(schema, views, facts, options);
        var written = ModelFiles.Save(folder, files, force);
        terminal.Line($"Wrote {MigrateCommands.Count(written.Written.Count, "file")} to {CommandContext.Show(folder)}: "
            + $"{MigrateCommands.Count(schema.Tables.Count, "table")}, {MigrateCommands.Count(schema.Enums.Count, "enum type")}, class {options.DatabaseClass}.");
        foreach (var removed in written.Removed)
        {
            terminal.Line($"Removed {removed} (its table is gone).");
        }

        foreach (var note in files.SelectMany(f => f.Notes).Distinct())
        {
            terminal.Warn(note);
        }

        if (files.Any(f => f.Content.Contains("\n    // ", StringComparison.Ordinal)))
        {
            terminal.Line("Comments in the files mark columns whose database type the model maps to the nearest C# type (say varchar(n) to string).");
        }

        return ExitCodes.Success;
    }

    // The schemas that hold tables (not the system's), to name in the message when the current one holds none.
    private static async Task<List<string>> OtherSchemasAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT DISTINCT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
            ORDER BY 1
            """;
        var schemas = new List<string>();
        await using var connection = await target.OpenAsync(cancellationToken);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            schemas.Add(reader.GetString(0));
        }

        return schemas;
    }

    /// <summary>Writes linq.config.json and the migrations folder.</summary>
    public static Task<int> InitAsync(CommandContext context)
    {
        var folder = Directory.GetCurrentDirectory();
        var path = Path.Combine(folder, LinqConfig.FileName);
        if (File.Exists(path))
        {
            throw new CliException($"{LinqConfig.FileName} already exists in {folder}: edit it instead.");
        }

        File.WriteAllText(path, LinqConfig.Template);
        var migrations = Path.Combine(folder, "migrations");
        Directory.CreateDirectory(migrations);
        context.Terminal.Line($"Wrote {LinqConfig.FileName} and created migrations/.");
        context.Terminal.Line("Next: set DATABASE_URL (e.g. export DATABASE_URL=postgresql://user:password@localhost:5432/app), "
            + "then run 'linq migrate dev --name init' to create your first migration from your [Database] class.");
        return Task.FromResult(ExitCodes.Success);
    }

    private static string DefaultNamespace(CommandContext context, string folder)
    {
        string root;
        try
        {
            root = Path.GetFileNameWithoutExtension(Design.ProjectModel.FindProjectFile(context.ProjectHint, Directory.GetCurrentDirectory()));
        }
        catch (CliException)
        {
            root = "App";
        }

        var relative = Path.GetRelativePath(context.ProjectDirectory, folder);
        var parts = relative.StartsWith("..", StringComparison.Ordinal) || relative == "." ? [] : relative.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        return string.Join(".", new[] { root }.Concat(parts).Select(Names.NamespacePart));
    }
}

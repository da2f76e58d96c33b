using System.CommandLine;
using Linq.Cli.Configuration;
using Linq.Cli.Output;
using Linq.Migrations;
using Npgsql;

namespace Linq.Cli.Commands;

/// <summary>The command tree of <c>linq</c>, with the help text a newcomer reads first.</summary>
internal static class CliCommands
{
    private static readonly Option<string?> Project = new("--project", "-p")
    {
        Description = "The project (folder or .csproj) that holds your [Database] class. Default: \"project\" in linq.config.json, else the current folder.",
        Recursive = true,
    };

    private static readonly Option<string?> Config = new("--config")
    {
        Description = "The configuration file. Default: linq.config.json in the current folder (or the project's).",
        Recursive = true,
    };

    private static readonly Option<string?> Migrations = new("--migrations")
    {
        Description = "The migrations folder. Default: \"migrations\" in linq.config.json, else migrations/ beside the project.",
        Recursive = true,
    };

    private static readonly Option<string?> Context = new("--context")
    {
        Description = "The [Database] class to use when the project has several (its name or full name).",
        Recursive = true,
    };

    private static readonly Option<bool> NoBuild = new("--no-build")
    {
        Description = "Use the project's last build instead of building it first.",
        Recursive = true,
    };

    public static RootCommand Create()
    {
        var root = new RootCommand("""
            linq: schema migrations for Linq on PostgreSQL, and a local development database ('linq dev').

            Typical flow: change your [Model] classes, run 'linq migrate dev --name what_changed' against your
            development database, review and commit the SQL it writes under migrations/, then run
            'linq migrate deploy' (or db.Migrations.DeployAsync at start-up) in production.

            Connection URLs come from environment variables only: DATABASE_URL, DIRECT_URL (a direct connection
            when DATABASE_URL goes through a pooler) and SHADOW_DATABASE_URL; --url overrides them.
            """)
        {
            Project, Config, Migrations, Context, NoBuild,
        };
        root.Add(Init());
        root.Add(Migrate());
        root.Add(Db());
        root.Add(Dev());
        return root;
    }

    private static Command Init()
    {
        var command = new Command("init", "Write linq.config.json and create the migrations/ folder in the current folder.");
        command.SetAction(Run((context, _, _) => DbCommands.InitAsync(context)));
        return command;
    }

    private static Command Migrate()
    {
        var migrate = new Command("migrate", "Create, apply and inspect migrations: versioned SQL files under migrations/.");

        var name = new Option<string?>("--name", "-n") { Description = "The migration's name, e.g. add_user_role (letters, digits, '_' and '-')." };
        var createOnly = new Option<bool>("--create-only") { Description = "Write the migration file but do not apply it, so you can edit it first (say, add a backfill)." };
        var acceptDataLoss = new Option<bool>("--accept-data-loss") { Description = "Apply changes that can lose data (dropped tables or columns, narrowed types) without asking." };
        var force = new Option<bool>("--force", "-f") { Description = "Reset the dev database without asking when it has drifted from its migrations (its data is lost)." };
        var url = Url();
        var dev = new Command("dev", """
            For development: create a migration from your model and apply it to the dev database.
            Replays the existing migrations on a temporary shadow database, compares the result with your
            [Database] model, writes migrations/<UTC time>_<name>/migration.sql (with a warning block and row
            counts for changes that can lose data), then applies it to the dev database. Changes made to the dev
            database by hand (drift) are listed; resetting it then needs a 'yes' or --force. The shadow database
            is dropped afterwards, also on failure or Ctrl+C; set SHADOW_DATABASE_URL where you cannot create databases.
            Never use it against production: use 'migrate deploy' there.
            """)
        {
            name, createOnly, acceptDataLoss, force, url,
        };
        dev.SetAction(Run((context, parse, ct) => MigrateCommands.DevAsync(context, parse.GetValue(name), parse.GetValue(createOnly),
            parse.GetValue(acceptDataLoss), parse.GetValue(force), parse.GetValue(url), ct)));
        migrate.Add(dev);

        var deployUrl = Url();
        var deploy = new Command("deploy", """
            For production and CI: apply the pending migrations, in order, each in its own transaction, under an
            advisory lock (several instances at once apply each migration once), recording them in _linq_migrations.
            Refuses to run when an applied migration's file was changed or a migration failed earlier. Never uses
            a shadow database, never checks drift, never resets. Uses --url, else DIRECT_URL, else DATABASE_URL.
            """)
        {
            deployUrl,
        };
        deploy.SetAction(Run((context, parse, ct) => MigrateCommands.DeployAsync(context, parse.GetValue(deployUrl), ct)));
        migrate.Add(deploy);

        var statusUrl = Url();
        var skipDrift = new Option<bool>("--skip-drift-check") { Description = "Do not replay the applied migrations on a shadow database to look for drift." };
        var status = new Command("status", """
            Show applied, pending, failed, modified and missing migrations, and drift (changes made outside the
            migrations, found by replaying them on a shadow database when one can be created). Exits 0 only when
            the database is up to date, so it can gate a CI pipeline.
            """)
        {
            statusUrl, skipDrift,
        };
        status.SetAction(Run((context, parse, ct) => MigrateCommands.StatusAsync(context, parse.GetValue(statusUrl), parse.GetValue(skipDrift), ct)));
        migrate.Add(status);

        var resetUrl = Url();
        var resetForce = new Option<bool>("--force", "-f") { Description = "Do not ask for confirmation (needed when not run from a terminal)." };
        var skipSeed = new Option<bool>("--skip-seed") { Description = "Do not run the seed command afterwards." };
        var reset = new Command("reset", """
            For development: drop the database's schema with all its data, apply every migration again, then run
            the seed command. Asks for confirmation; without a terminal it refuses unless --force is given.
            """)
        {
            resetUrl, resetForce, skipSeed,
        };
        reset.SetAction(Run((context, parse, ct) => MigrateCommands.ResetAsync(context, parse.GetValue(resetUrl), parse.GetValue(resetForce), parse.GetValue(skipSeed), ct)));
        migrate.Add(reset);

        var applied = new Option<string?>("--applied") { Description = "The failed migration was completed by hand: record it as applied.", HelpName = "name" };
        var rolledBack = new Option<string?>("--rolled-back") { Description = "The failed migration was undone by hand: the next deploy runs it again.", HelpName = "name" };
        var resolveUrl = Url();
        var resolve = new Command("resolve", "Unblock deploy after a failed migration: mark it --applied or --rolled-back once you have fixed the database by hand.")
        {
            applied, rolledBack, resolveUrl,
        };
        resolve.SetAction(Run((context, parse, ct) => MigrateCommands.ResolveAsync(context, parse.GetValue(applied), parse.GetValue(rolledBack), parse.GetValue(resolveUrl), ct)));
        migrate.Add(resolve);

        var fromEmpty = new Option<bool>("--from-empty") { Description = "Compare from an empty schema." };
        var fromMigrations = new Option<string?>("--from-migrations") { Description = "Compare from what a migrations folder produces (replayed on a shadow database).", HelpName = "dir" };
        var fromUrl = new Option<string?>("--from-url") { Description = "Compare from a live database.", HelpName = "url" };
        var toModel = new Option<bool>("--to-model") { Description = "Compare to your [Database] model (builds the project)." };
        var toMigrations = new Option<string?>("--to-migrations") { Description = "Compare to what a migrations folder produces.", HelpName = "dir" };
        var toUrl = new Option<string?>("--to-url") { Description = "Compare to a live database.", HelpName = "url" };
        var script = new Option<bool>("--script") { Description = "Print the SQL script instead of the list of operations." };
        var exitCode = new Option<bool>("--exit-code") { Description = "Exit with 2 when there are differences (0 when none)." };
        var diff = new Command("diff", "Print the operations (or, with --script, the SQL) that turn one schema into another; changes nothing. For review in CI.")
        {
            fromEmpty, fromMigrations, fromUrl, toModel, toMigrations, toUrl, script, exitCode,
        };
        diff.SetAction(Run((context, parse, ct) => MigrateCommands.DiffAsync(context,
            new MigrateCommands.DiffSides(parse.GetValue(fromEmpty), parse.GetValue(fromMigrations), parse.GetValue(fromUrl), parse.GetValue(toModel),
                parse.GetValue(toUrl), parse.GetValue(toMigrations)),
            parse.GetValue(script), parse.GetValue(exitCode), ct)));
        migrate.Add(diff);
        return migrate;
    }

    private static Command Db()
    {
        var db = new Command("db", "Work on a database without migrations: push the model, pull a model from a database, run the seed.");

        var pushUrl = Url();
        var acceptDataLoss = new Option<bool>("--accept-data-loss") { Description = "Apply changes that can lose data without asking." };
        var push = new Command("push", """
            For prototypes: make the database match your model directly, without migration files or history.
            Pushing an unchanged model does nothing. Changes that can lose data are listed with row counts and need
            a 'yes' or --accept-data-loss.
            """)
        {
            pushUrl, acceptDataLoss,
        };
        push.SetAction(Run((context, parse, ct) => DbCommands.PushAsync(context, parse.GetValue(pushUrl), parse.GetValue(acceptDataLoss), ct)));
        db.Add(push);

        var pullUrl = Url();
        var output = new Option<string>("--output", "-o") { Description = "The folder to write the classes to, relative to the project.", DefaultValueFactory = _ => "Models" };
        var ns = new Option<string?>("--namespace") { Description = "The namespace of the classes. Default: the project's name and the output folder." };
        var className = new Option<string?>("--class-name") { Description = "The name of the [Database] class. Default: the database's name + Db." };
        var pullForce = new Option<bool>("--force", "-f") { Description = "Overwrite files in the output folder that 'db pull' did not write." };
        var pullSchema = new Option<string?>("--schema") { Description = "The schema to pull (default: the connection's current schema). The model's names are unqualified: the application connects with ?schema=<name> in its URL. Same as ?schema= in the URL." };
        var pull = new Command("pull", """
            Read an existing database and write C# model classes for it: one partial [Model] class per table
            (with [Map]/[Model(Table = ...)] where names differ, keys, indexes, defaults, relations and
            back-references from foreign keys), [DbEnum] enums and the [Database] class. Types the model cannot
            express exactly (varchar(n), numeric(p,s), timestamp without time zone) get the nearest C# type and
            a comment saying so.
            """)
        {
            pullUrl, output, ns, className, pullForce, pullSchema,
        };
        pull.SetAction(Run((context, parse, ct) => DbCommands.PullAsync(context, parse.GetValue(pullUrl), parse.GetValue(output)!, parse.GetValue(ns),
            parse.GetValue(className), parse.GetValue(pullForce), parse.GetValue(pullSchema), ct)));
        db.Add(pull);

        var seed = new Command("seed", "Run the seed command of linq.config.json (\"seed\"), e.g. a program that inserts test data.");
        seed.SetAction(Run((context, _, ct) => Seed.RunAsync(context, required: true, ct)));
        db.Add(seed);
        return db;
    }

    private static Command Dev()
    {
        var dev = new Command("dev", """
            Start a persistent local PostgreSQL for development (creating it the first time), with its data in
            .linq/dev of the project (git-ignored), listening on 127.0.0.1 only. Prints the port and a DATABASE_URL
            with a password generated for this cluster. Needs the PostgreSQL server programs (initdb, pg_ctl).
            """);
        dev.SetAction(Run((context, _, ct) => DevCommands.StartAsync(context, ct)));

        var stop = new Command("stop", "Stop the development PostgreSQL; its data is kept for the next 'linq dev'.");
        stop.SetAction(Run((context, _, ct) => DevCommands.StopAsync(context, ct)));
        dev.Add(stop);

        var status = new Command("status", "Show whether the development PostgreSQL runs, its port and DATABASE_URL. Exits 0 only while it runs.");
        status.SetAction(Run((context, _, ct) => DevCommands.StatusAsync(context, ct)));
        dev.Add(status);
        return dev;
    }

    private static Option<string?> Url() => new("--url")
    {
        Description = "The database URL (postgresql://user:password@host:port/db). Default: DIRECT_URL, else DATABASE_URL.",
    };

    private static Func<ParseResult, CancellationToken, Task<int>> Run(Func<CommandContext, ParseResult, CancellationToken, Task<int>> body) =>
        async (parse, cancellationToken) =>
        {
            var terminal = Terminal.Console;
            try
            {
                var config = LinqConfig.Load(parse.GetValue(Config), parse.GetValue(Project));
                var context = new CommandContext(config, parse.GetValue(Project), parse.GetValue(Migrations), parse.GetValue(Context), parse.GetValue(NoBuild), terminal);
                return await body(context, parse, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                terminal.Error("cancelled.");
                return ExitCodes.Cancelled;
            }
            catch (CliException ex)
            {
                terminal.Error(ex.Message);
                return ex.ExitCode;
            }
            catch (MigrationException ex)
            {
                terminal.Error(ex.Message);
                return ExitCodes.Failure;
            }
            catch (PostgresException ex)
            {
                terminal.Error($"the database refused: {ex.SqlState}: {ex.MessageText}");
                return ExitCodes.Failure;
            }
            catch (NpgsqlException ex) when (cancellationToken.IsCancellationRequested)
            {
                _ = ex;
                terminal.Error("cancelled.");
                return ExitCodes.Cancelled;
            }
            catch (NpgsqlException ex)
            {
                terminal.Error($"cannot use the database: {ex.Message}{(ex.InnerException is { } inner ? " (" + inner.Message + ")" : "")}");
                return ExitCodes.Failure;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                terminal.Error(ex.Message);
                return ExitCodes.Failure;
            }
            catch (Exception ex) when (Environment.GetEnvironmentVariable("LINQ_DEBUG") is not ("1" or "true"))
            {
                terminal.Error($"unexpected {ex.GetType().Name}: {ex.Message} (set LINQ_DEBUG=1 to see where)");
                return ExitCodes.Failure;
            }
        };
}

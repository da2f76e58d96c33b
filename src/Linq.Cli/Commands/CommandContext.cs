using Linq.Cli.Configuration;
using Linq.Cli.Design;
using Linq.Cli.Output;

namespace Linq.Cli.Commands;

/// <summary>What every command gets: the configuration, the options shared by all commands, and the terminal.</summary>
internal sealed class CommandContext(LinqConfig config, string? project, string? migrations, string? context, bool noBuild, Terminal terminal)
{
    public LinqConfig Config { get; } = config;

    public Terminal Terminal { get; } = terminal;

    /// <summary>The project given with --project, else the configuration's, else the configuration's folder.</summary>
    public string ProjectHint => project is not null
        ? Path.GetFullPath(project)
        : Path.GetFullPath(Config.Project ?? ".", Config.BaseDirectory);

    /// <summary>The folder of the project (the folder itself when --project names one).</summary>
    public string ProjectDirectory => Directory.Exists(ProjectHint) ? ProjectHint : Path.GetDirectoryName(ProjectHint)!;

    /// <summary>The migrations folder: --migrations, else the configuration's, else <c>migrations</c> beside the project.</summary>
    public string MigrationsPath => migrations is not null
        ? Path.GetFullPath(migrations)
        : Config.Migrations is not null
            ? Path.GetFullPath(Config.Migrations, Config.BaseDirectory)
            : Path.Combine(ProjectDirectory, "migrations");

    /// <summary>Which [Database] class, when the project has several.</summary>
    public string? Context => context ?? Config.Database;

    /// <summary>Builds the project and reads the model of its [Database] class.</summary>
    public async Task<LoadedModel> LoadModelAsync(CancellationToken cancellationToken)
    {
        var projectFile = ProjectModel.FindProjectFile(ProjectHint, Directory.GetCurrentDirectory());
        var model = await ProjectModel.LoadAsync(projectFile, Context, noBuild, Terminal, cancellationToken);
        Terminal.Line($"Model: {model.DatabaseName} ({model.Schema.Tables.Count} tables, {model.Schema.Enums.Count} enum types)");
        return model;
    }

    /// <summary>A path as it is best shown: relative to the current directory when below it.</summary>
    public static string Show(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}

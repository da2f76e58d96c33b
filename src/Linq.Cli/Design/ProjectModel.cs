using System.Diagnostics;
using System.Reflection;
using Linq.Cli.Output;
using Linq.Sql.Schema;

namespace Linq.Cli.Design;

/// <summary>The model of a [Database] class, read from the user's built project.</summary>
/// <param name="DatabaseName">The full name of the [Database] class.</param>
/// <param name="Schema">Its schema model.</param>
/// <param name="AssemblyPath">The assembly it came from.</param>
internal sealed record LoadedModel(string DatabaseName, SchemaDefinition Schema, string AssemblyPath);

/// <summary>
/// Finds the user's <c>[Database]</c> class: builds the project with <c>dotnet build</c>, loads the output in a
/// <see cref="DesignTimeLoadContext"/> and calls the one member the source generator emits for this,
/// <c>Linq.Generated.LinqDesignTime.GetSchema(name)</c>. Nothing reflects over model types.
/// </summary>
internal static class ProjectModel
{
    public const string EntryPointType = "Linq.Generated.LinqDesignTime";

    private const int SupportedVersion = 1;

    /// <summary>The project file: <paramref name="project"/> (a .csproj or a folder holding exactly one), else the base directory's.</summary>
    public static string FindProjectFile(string? project, string baseDirectory)
    {
        var path = Path.GetFullPath(project ?? ".", baseDirectory);
        if (File.Exists(path))
        {
            if (!path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliException($"{path} is not a C# project file (.csproj).");
            }

            return path;
        }

        if (!Directory.Exists(path))
        {
            throw new CliException($"No project at {path}: pass --project with the folder or .csproj of the project that holds your [Database] class.");
        }

        var files = Directory.GetFiles(path, "*.csproj");
        return files.Length switch
        {
            1 => files[0],
            0 => throw new CliException($"No .csproj in {path}: pass --project with the project that holds your [Database] class."),
            _ => throw new CliException($"{path} holds several projects ({string.Join(", ", files.Select(Path.GetFileName))}): pass --project with one of them."),
        };
    }

    /// <summary>Builds (unless <paramref name="noBuild"/>) and loads the model.</summary>
    public static async Task<LoadedModel> LoadAsync(string projectFile, string? context, bool noBuild, Terminal terminal, CancellationToken cancellationToken)
    {
        var assemblyPath = await BuildAsync(projectFile, noBuild, terminal, cancellationToken);
        if (!File.Exists(assemblyPath))
        {
            throw new CliException($"The build output {assemblyPath} does not exist: build the project first, or drop --no-build.");
        }

        return Load(assemblyPath, context, Path.GetFileName(projectFile));
    }

    /// <summary>Loads the model from a built assembly.</summary>
    public static LoadedModel Load(string assemblyPath, string? context, string projectName)
    {
        var loadContext = new DesignTimeLoadContext(assemblyPath);
        Assembly main;
        try
        {
            main = loadContext.LoadFromAssemblyPath(assemblyPath);
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException)
        {
            throw new CliException($"{assemblyPath} cannot be loaded: {ex.Message}");
        }

        var candidates = FindEntryPoints(main, loadContext);
        if (candidates.Count == 0)
        {
            throw new CliException($"No [Database] class in {projectName} or the projects it references: declare "
                + "'[Database] public partial class AppDb : LinqDatabase;' and reference Linq.Provider (which brings the source generator).");
        }

        var databases = candidates.SelectMany(c => c.Databases.Select(d => (c.EntryPoint, Name: d))).ToList();
        var chosen = context is null
            ? databases
            : databases.Where(d => d.Name == context || d.Name.EndsWith("." + context, StringComparison.Ordinal)).ToList();
        if (chosen.Count == 0)
        {
            throw new CliException($"No [Database] class named '{context}' in {projectName}; found: {string.Join(", ", databases.Select(d => d.Name))}.");
        }

        if (chosen.Count > 1)
        {
            throw new CliException($"{projectName} has several [Database] classes ({string.Join(", ", chosen.Select(d => d.Name))}): "
                + "choose one with --context or \"database\" in linq.config.json.");
        }

        var (entryPoint, name) = chosen[0];
        try
        {
            var schema = (SchemaDefinition)entryPoint.GetMethod("GetSchema", [typeof(string)])!.Invoke(null, [name])!;
            return new LoadedModel(name, schema, entryPoint.Assembly.Location);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new CliException($"The model of {name} could not be read: {ex.InnerException.GetType().Name}: {ex.InnerException.Message}");
        }
        catch (InvalidCastException)
        {
            throw new CliException($"{projectName} uses another version of Linq than this tool: install the linq tool of the same version as its Linq.Provider.");
        }
    }

    // The project's own [Database] classes win; a project without one (an app over a shared model library) is read
    // through the assemblies it references.
    private static List<(Type EntryPoint, string[] Databases)> FindEntryPoints(Assembly main, DesignTimeLoadContext loadContext)
    {
        var found = new List<(Type, string[])>();
        if (Read(main) is { } own)
        {
            found.Add(own);
            return found;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { main.GetName().Name! };
        var queue = new Queue<(Assembly Assembly, int Depth)>([(main, 0)]);
        while (queue.Count > 0)
        {
            var (assembly, depth) = queue.Dequeue();
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is null || !seen.Add(reference.Name) || DesignTimeLoadContext.IsShared(reference) || !loadContext.CanResolve(reference))
                {
                    continue;
                }

                Assembly loaded;
                try
                {
                    loaded = loadContext.LoadFromAssemblyName(reference);
                }
                catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
                {
                    continue;
                }

                if (Read(loaded) is { } entry)
                {
                    found.Add(entry);
                }
                else if (depth < 3)
                {
                    queue.Enqueue((loaded, depth + 1));
                }
            }
        }

        return found;
    }

    private static (Type, string[])? Read(Assembly assembly)
    {
        var type = assembly.GetType(EntryPointType, throwOnError: false);
        if (type is null)
        {
            return null;
        }

        var version = type.GetField("Version")?.GetRawConstantValue() as int?;
        if (version != SupportedVersion)
        {
            throw new CliException($"{assembly.GetName().Name} was built by a Linq generator this tool does not understand (design-time version {version?.ToString() ?? "unknown"}): "
                + "install the linq tool of the same version as the project's Linq.Provider.");
        }

        return (type, (string[])type.GetMethod("Databases")!.Invoke(null, null)!);
    }

    private static async Task<string> BuildAsync(string projectFile, bool noBuild, Terminal terminal, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "build", projectFile, "-nologo", "-getProperty:TargetPath", "--disable-build-servers" };
        if (!noBuild)
        {
            arguments.Insert(2, "-t:Build");
            terminal.Line($"Building {Path.GetFileName(projectFile)}…");
        }

        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(projectFile)!,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Variables a parent dotnet process (dotnet run, dotnet test) sets for itself would point the build at its MSBuild.
        foreach (var variable in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(variable);
        }

        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start) ?? throw new CliException("Could not start 'dotnet build'.");
        using var registration = cancellationToken.Register(() =>
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        });
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await process.WaitForExitAsync(CancellationToken.None);
        cancellationToken.ThrowIfCancellationRequested();
        var lines = ((await stdout) + "\n" + (await stderr)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (process.ExitCode != 0)
        {
            var errors = lines.Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().ToList();
            foreach (var error in errors.Take(20))
            {
                terminal.Line(error);
            }

            throw new CliException($"The build of {Path.GetFileName(projectFile)} failed{(errors.Count > 0 ? " with " + errors.Count + " error(s), the first: " + errors[0] : "")}.");
        }

        var path = lines.LastOrDefault(l => l.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || l.EndsWith(".exe", StringComparison.OrdinalIgnoreCase));
        return path ?? throw new CliException($"'dotnet build' did not report the output of {Path.GetFileName(projectFile)}.");
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var process = Environment.ProcessPath;
        return process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
    }
}

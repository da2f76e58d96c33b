using System.Text.Json;
using System.Text.RegularExpressions;
using Linq.Cli.Output;

namespace Linq.Cli.Configuration;

/// <summary>
/// <c>linq.config.json</c>: where the project and the migrations are, the seed command, and the names of the environment
/// variables that hold the connection URLs. It never holds a credential: a password in it is refused.
/// </summary>
internal sealed partial record LinqConfig
{
    public const string FileName = "linq.config.json";

    /// <summary>The file read, or null when none was found (defaults apply).</summary>
    public string? Path { get; init; }

    /// <summary>The folder relative paths in the file resolve against.</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>The project (folder or .csproj) with the [Database] class; null for the base directory.</summary>
    public string? Project { get; init; }

    /// <summary>The full name of the [Database] class when the project has several.</summary>
    public string? Database { get; init; }

    /// <summary>The migrations folder; null for <c>migrations</c> beside the project.</summary>
    public string? Migrations { get; init; }

    /// <summary>The seed command, run by a shell in <see cref="BaseDirectory"/>.</summary>
    public string? Seed { get; init; }

    public string DatabaseUrlVariable { get; init; } = "DATABASE_URL";

    public string DirectUrlVariable { get; init; } = "DIRECT_URL";

    public string ShadowDatabaseUrlVariable { get; init; } = "SHADOW_DATABASE_URL";

    /// <summary>The text <c>linq init</c> writes.</summary>
    public const string Template = """
        {
          "project": ".",
          "migrations": "migrations",
          "seed": null,
          "env": {
            "databaseUrl": "DATABASE_URL",
            "directUrl": "DIRECT_URL",
            "shadowDatabaseUrl": "SHADOW_DATABASE_URL"
          }
        }

        """;

    /// <summary>
    /// Reads the configuration: <paramref name="explicitPath"/> when given (it must exist), else <c>linq.config.json</c> in
    /// the current directory, else in <paramref name="projectHint"/>'s folder; defaults when there is none.
    /// </summary>
    public static LinqConfig Load(string? explicitPath, string? projectHint)
    {
        var cwd = Directory.GetCurrentDirectory();
        if (explicitPath is not null)
        {
            var full = System.IO.Path.GetFullPath(explicitPath);
            if (!File.Exists(full))
            {
                throw new CliException($"No configuration file at {full}.");
            }

            return Read(full);
        }

        var here = System.IO.Path.Combine(cwd, FileName);
        if (File.Exists(here))
        {
            return Read(here);
        }

        if (projectHint is not null)
        {
            var folder = Directory.Exists(projectHint) ? projectHint : System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(projectHint));
            var beside = folder is null ? null : System.IO.Path.Combine(System.IO.Path.GetFullPath(folder), FileName);
            if (beside is not null && File.Exists(beside))
            {
                return Read(beside);
            }
        }

        return new LinqConfig { BaseDirectory = cwd };
    }

    /// <summary>Parses and checks a configuration file.</summary>
    public static LinqConfig Read(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new CliException($"{name} is not valid JSON (line {ex.LineNumber + 1}): {ex.Message.Split('.')[0]}.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CliException($"{name} must hold a JSON object.");
            }

            RefuseCredentials(document.RootElement, "", name);
            var config = new LinqConfig { Path = path, BaseDirectory = System.IO.Path.GetDirectoryName(path)! };
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "project":
                        config = config with { Project = OptionalString(property, name) };
                        break;
                    case "database":
                        config = config with { Database = OptionalString(property, name) };
                        break;
                    case "migrations":
                        config = config with { Migrations = OptionalString(property, name) };
                        break;
                    case "seed":
                        config = config with { Seed = OptionalString(property, name) };
                        break;
                    case "env":
                        config = ReadEnv(config, property, name);
                        break;
                    default:
                        if (!property.Name.StartsWith('$'))
                        {
                            throw new CliException($"{name}: unknown key \"{property.Name}\" (known: project, database, migrations, seed, env).");
                        }

                        break;
                }
            }

            return config;
        }
    }

    private static LinqConfig ReadEnv(LinqConfig config, JsonProperty env, string file)
    {
        if (env.Value.ValueKind != JsonValueKind.Object)
        {
            throw new CliException($"{file}: \"env\" must be an object naming environment variables, e.g. {{ \"databaseUrl\": \"DATABASE_URL\" }}.");
        }

        foreach (var property in env.Value.EnumerateObject())
        {
            var key = "env." + property.Name;
            var value = OptionalString(property, file) ?? throw new CliException($"{file}: \"{key}\" must name an environment variable.");
            if (!VariableName().IsMatch(value))
            {
                throw new CliException($"{file}: \"{key}\" must be the name of an environment variable (such as DATABASE_URL), not a connection string.");
            }

            config = property.Name switch
            {
                "databaseUrl" => config with { DatabaseUrlVariable = value },
                "directUrl" => config with { DirectUrlVariable = value },
                "shadowDatabaseUrl" => config with { ShadowDatabaseUrlVariable = value },
                _ => throw new CliException($"{file}: unknown key \"{key}\" (known: env.databaseUrl, env.directUrl, env.shadowDatabaseUrl)."),
            };
        }

        return config;
    }

    private static string? OptionalString(JsonProperty property, string file) => property.Value.ValueKind switch
    {
        JsonValueKind.String => property.Value.GetString(),
        JsonValueKind.Null => null,
        _ => throw new CliException($"{file}: \"{property.Name}\" must be a string."),
    };

    // Credentials live in environment variables only: any string anywhere in the file that carries a password is refused.
    private static void RefuseCredentials(JsonElement element, string path, string file)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (PasswordKey().IsMatch(property.Name) && property.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Object))
                    {
                        throw PasswordRefused(path.Length == 0 ? property.Name : path + "." + property.Name, file);
                    }

                    RefuseCredentials(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, file);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    RefuseCredentials(item, $"{path}[{i++}]", file);
                }

                break;
            case JsonValueKind.String:
                if (HoldsPassword(element.GetString()!))
                {
                    throw PasswordRefused(path, file);
                }

                break;
        }
    }

    /// <summary>Whether a text carries a password: a URL with <c>user:password@</c>, or a <c>Password=</c> keyword.</summary>
    public static bool HoldsPassword(string text) => UrlWithPassword().IsMatch(text) || KeywordPassword().IsMatch(text);

    private static CliException PasswordRefused(string key, string file) => new(
        $"{file}: \"{key}\" contains a password. Keep credentials out of the file: put the connection URL in an environment variable "
        + "(e.g. DATABASE_URL) and name that variable under \"env\" (\"databaseUrl\": \"DATABASE_URL\").");

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"^(password|pwd|pass)$", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordKey();

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9+.-]*://[^/@\s]*:[^/@\s]+@")]
    private static partial Regex UrlWithPassword();

    [GeneratedRegex(@"(^|;)\s*(password|pwd)\s*=\s*[^;\s]", RegexOptions.IgnoreCase)]
    private static partial Regex KeywordPassword();
}

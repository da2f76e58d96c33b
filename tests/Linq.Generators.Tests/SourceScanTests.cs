namespace Linq.Generators.Tests;

/// <summary>The library is reflection-free: materializers and inputs are generated, not discovered at run time.</summary>
public class SourceScanTests
{
    private static readonly string[] Forbidden = ["GetProperties", "GetCustomAttribute", ".SetValue("];

    // Closing generic code over a type found at run time, or finding members by name: what NativeAOT cannot compile ahead of
    // time or may have trimmed. The runtime takes typed delegates and expression trees from generated code instead, and
    // values' types from the closed table of Contract/ScalarType.cs.
    private static readonly (string Pattern, string Name)[] Dynamic =
    [
        (@"\bMakeGenericMethod\b", "MakeGenericMethod"),
        (@"\bMakeGenericType\b", "MakeGenericType"),
        (@"\bMakeArrayType\b", "MakeArrayType"),
        (@"\.GetMethods?\(", "GetMethod"),
        (@"\.GetPropert(y|ies)\(", "GetProperty"),
        (@"\.GetFields?\(", "GetField"),
        (@"\.GetConstructors?\(", "GetConstructor"),
        (@"\.GetMembers?\(", "GetMember"),
        (@"\bGetRuntime(Method|Property|Field)s?\(", "GetRuntimeMethod"),
        (@"\bActivator\.CreateInstance\b", "Activator.CreateInstance"),
        (@"\bType\.GetType\(", "Type.GetType"),
        (@"\bExpression\.(Property|Field|PropertyOrField)\(", "Expression.Property by name"),
        (@"\bExpression\.Call\(\s*typeof\(", "Expression.Call by method name"),
        (@"\bGetUninitializedObject\b", "GetUninitializedObject"),
    ];

    // The sites that remain, each with why it never sees a model type and works under NativeAOT.
    private static readonly Dictionary<(string File, string Name), string> Allowed = new()
    {
        [("Linq.Cli/Design/ProjectModel.cs", "GetMethod")] =
            "The linq tool at design time, not the runtime: calls Databases() and GetSchema(name) of the one generated type "
            + "Linq.Generated.LinqDesignTime in the user's built assembly; no model type is reflected over.",
        [("Linq.Cli/Design/ProjectModel.cs", "GetField")] = "Reads LinqDesignTime.Version, the shape of that entry point.",
    };

    [Fact]
    public void SourcesUseNoReflection()
    {
        var src = Path.Combine(FindRepositoryRoot(), "src");
        var files = Directory.EnumerateFiles(src, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(src, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .ToList();
        Assert.Contains(files, f => f.EndsWith(Path.Combine("Linq.Generators", "LinqGenerator.cs"), StringComparison.Ordinal));

        var offences = new List<string>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            offences.AddRange(Forbidden.Where(f => text.Contains(f, StringComparison.Ordinal))
                .Select(f => Path.GetRelativePath(src, file) + ": " + f));
        }

        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences));
    }

    [Fact]
    public void Runtime_closes_no_generics_and_finds_no_members_by_name()
    {
        var src = Path.Combine(FindRepositoryRoot(), "src");
        var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(src, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.StartsWith("Linq.Generators/", StringComparison.Ordinal) && !f.Split('/').Any(part => part is "bin" or "obj"))
            .ToList();
        Assert.Contains("Linq.Provider/Contract/ScalarType.cs", files);

        var found = new HashSet<(string File, string Name)>();
        var offences = new List<string>();
        foreach (var file in files)
        {
            // Comment lines may name what the code avoids.
            var lines = File.ReadAllLines(Path.Combine(src, file)).Select((text, i) => (Text: text, Line: i + 1))
                .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal));
            foreach (var (text, line) in lines)
            {
                foreach (var (pattern, name) in Dynamic.Where(d => System.Text.RegularExpressions.Regex.IsMatch(text, d.Pattern)))
                {
                    found.Add((file, name));
                    if (!Allowed.ContainsKey((file, name)))
                    {
                        offences.Add($"{file}({line}): {name}: {text.Trim()}");
                    }
                }
            }
        }

        Assert.True(offences.Count == 0, "Reflection the runtime must not do (see Contract/ScalarType.cs and ModelMetadata<T>):" + Environment.NewLine
            + string.Join(Environment.NewLine, offences));
        var stale = Allowed.Keys.Where(k => !found.Contains(k)).Select(k => k.File + ": " + k.Name).ToList();
        Assert.True(stale.Count == 0, "Allowed sites that no longer exist (remove them from the list): " + string.Join(", ", stale));
    }

    /// <summary>
    /// One seam around Remotion.Linq: only src/Linq.Provider/Querying/Relinq/ may name it (and the project its package
    /// reference); everything else works on the provider's own query model, so another front end replaces one folder.
    /// </summary>
    [Fact]
    public void OnlyTheRelinqSeamReferencesRemotion()
    {
        var src = Path.Combine(FindRepositoryRoot(), "src");
        var seam = Path.Combine("Linq.Provider", "Querying", "Relinq") + Path.DirectorySeparatorChar;
        var project = Path.Combine("Linq.Provider", "Linq.Provider.csproj");
        const string packageReference = "<PackageReference Include=\"Remotion.Linq\" />";
        var files = Directory.EnumerateFiles(src, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(src, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .ToList();
        Assert.Contains(files, f => f.StartsWith(seam, StringComparison.Ordinal) && f.EndsWith(".cs", StringComparison.Ordinal));

        var offences = new List<string>();
        foreach (var file in files.Where(f => !f.StartsWith(seam, StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(Path.Combine(src, file));
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Contains("Remotion", StringComparison.OrdinalIgnoreCase) && !(file == project && lines[i].Trim() == packageReference))
                {
                    offences.Add($"{file}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(offences.Count == 0, "Only src/" + seam + " may reference Remotion:" + Environment.NewLine + string.Join(Environment.NewLine, offences));
    }

    internal static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Linq.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No Linq.sln above " + AppContext.BaseDirectory);
    }
}

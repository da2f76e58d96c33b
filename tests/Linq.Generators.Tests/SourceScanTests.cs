namespace Linq.Generators.Tests;

/// <summary>The library is reflection-free: materializers and inputs are generated, not discovered at run time.</summary>
public class SourceScanTests
{
    private static readonly string[] Forbidden = ["GetProperties", "GetCustomAttribute", "Activator.CreateInstance", ".SetValue("];

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

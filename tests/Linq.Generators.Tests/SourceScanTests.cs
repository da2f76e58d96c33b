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

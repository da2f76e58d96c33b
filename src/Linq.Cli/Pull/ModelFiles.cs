using System.Text;
using Linq.Cli.Output;

namespace Linq.Cli.Pull;

/// <summary>Saves pulled files: overwrites files an earlier pull wrote, refuses others unless forced, removes pulled files whose table is gone.</summary>
internal static class ModelFiles
{
    public static (IReadOnlyList<string> Written, IReadOnlyList<string> Removed) Save(string folder, IReadOnlyList<GeneratedFile> files, bool force)
    {
        Directory.CreateDirectory(folder);
        var foreign = files.Select(f => Path.Combine(folder, f.FileName)).Where(p => File.Exists(p) && !IsPulled(p)).ToList();
        if (foreign.Count > 0 && !force)
        {
            throw new CliException($"{Path.GetFileName(foreign[0])} exists in {folder} and was not written by 'linq db pull'"
                + $"{(foreign.Count > 1 ? $" (and {foreign.Count - 1} more)" : "")}: choose another --output, or pass --force to overwrite.");
        }

        var written = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(folder, file.FileName);
            File.WriteAllText(path, file.Content, new UTF8Encoding(false));
            written.Add(path);
        }

        var names = files.Select(f => f.FileName).ToHashSet(StringComparer.Ordinal);
        var removed = new List<string>();
        foreach (var stale in Directory.GetFiles(folder, "*.cs").Where(p => !names.Contains(Path.GetFileName(p)) && IsPulled(p)))
        {
            File.Delete(stale);
            removed.Add(Path.GetFileName(stale));
        }

        return (written, removed);
    }

    private static bool IsPulled(string path)
    {
        using var reader = new StreamReader(path);
        return reader.ReadLine()?.StartsWith(ModelWriter.Marker, StringComparison.Ordinal) == true;
    }
}

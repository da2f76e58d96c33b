namespace Linq.LocalPostgres;

/// <summary>Locates a PostgreSQL server installation (a directory holding initdb, pg_ctl and postgres).</summary>
/// <param name="Directory">The directory with the binaries, symbolic links resolved.</param>
internal sealed record PostgresBinaries(string Directory)
{
    private const string DebianRoot = "/usr/lib/postgresql";

    /// <summary>Full path of initdb.</summary>
    public string Initdb => Path.Combine(Directory, ExecutableName("initdb"));

    /// <summary>Full path of pg_ctl.</summary>
    public string PgCtl => Path.Combine(Directory, ExecutableName("pg_ctl"));

    /// <summary>
    /// Finds the binaries: first a directory on PATH that holds both initdb and pg_ctl, then the highest
    /// version under /usr/lib/postgresql/*/bin (Debian and Ubuntu keep them off PATH).
    /// </summary>
    /// <returns>The binaries, or null when no installation was found.</returns>
    public static PostgresBinaries? Find()
    {
        foreach (var directory in PathDirectories())
        {
            var initdb = Path.Combine(directory, ExecutableName("initdb"));
            if (File.Exists(initdb))
            {
                var resolved = Path.GetDirectoryName(ResolveLinks(initdb));
                if (resolved is not null && HasServerBinaries(resolved))
                {
                    return new PostgresBinaries(resolved);
                }
            }
        }

        return FindUnderDebianRoot();
    }

    /// <summary>A short description of where the binaries were looked for, for error messages.</summary>
    public static string SearchDescription => $"initdb and pg_ctl on PATH or under {DebianRoot}/*/bin";

    private static PostgresBinaries? FindUnderDebianRoot()
    {
        if (!System.IO.Directory.Exists(DebianRoot))
        {
            return null;
        }

        var candidates = System.IO.Directory.EnumerateDirectories(DebianRoot)
            .Select(versionDirectory => (Version: ParseVersion(Path.GetFileName(versionDirectory)), Bin: Path.Combine(versionDirectory, "bin")))
            .Where(c => c.Version is not null && HasServerBinaries(c.Bin))
            .OrderByDescending(c => c.Version)
            .ToList();

        return candidates.Count == 0 ? null : new PostgresBinaries(candidates[0].Bin);
    }

    private static Version? ParseVersion(string name)
    {
        if (int.TryParse(name, out var major))
        {
            return new Version(major, 0);
        }

        return Version.TryParse(name, out var version) ? version : null;
    }

    private static bool HasServerBinaries(string directory) =>
        File.Exists(Path.Combine(directory, ExecutableName("initdb")))
        && File.Exists(Path.Combine(directory, ExecutableName("pg_ctl")))
        && File.Exists(Path.Combine(directory, ExecutableName("postgres")));

    private static IEnumerable<string> PathDirectories() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string ResolveLinks(string path)
    {
        try
        {
            var target = File.ResolveLinkTarget(path, returnFinalTarget: true);
            return target?.FullName ?? Path.GetFullPath(path);
        }
        catch (IOException)
        {
            return Path.GetFullPath(path);
        }
    }

    private static string ExecutableName(string name) => OperatingSystem.IsWindows() ? name + ".exe" : name;
}

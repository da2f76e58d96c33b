namespace Linq.LocalPostgres;

/// <summary>
/// Facts about the operating-system user. PostgreSQL refuses to run as root, so when this process is root
/// the cluster's programs are run as the <c>postgres</c> user through <c>runuser</c>.
/// </summary>
internal static class SystemUser
{
    /// <summary>The unprivileged account the server runs as when this process is root.</summary>
    public const string PostgresUser = "postgres";

    private static readonly Lazy<bool> IsRootLazy = new(DetectRoot);

    /// <summary>True when this process runs with effective user id 0.</summary>
    public static bool IsRoot => IsRootLazy.Value;

    /// <summary>Finds the <c>runuser</c> program (util-linux), or null.</summary>
    public static string? FindRunuser()
    {
        string[] candidates = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"];
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>True when the <c>postgres</c> account exists.</summary>
    public static async Task<bool> PostgresUserExistsAsync(CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync("id", ["-u", PostgresUser], null, TimeSpan.FromSeconds(10), cancellationToken)
            .ConfigureAwait(false);
        return result.Succeeded;
    }

    /// <summary>Gives the directory tree to the <c>postgres</c> account.</summary>
    public static async Task ChownToPostgresAsync(string path, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync("chown", ["-R", PostgresUser, path], null, TimeSpan.FromSeconds(30), cancellationToken)
            .ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not chown '{path}' to the {PostgresUser} user: {result.Diagnostics}");
        }
    }

    /// <summary>
    /// True when every ancestor of <paramref name="path"/> can be traversed by other users, so that the
    /// <c>postgres</c> account can reach a directory created inside it.
    /// </summary>
    public static bool IsReachableByOthers(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        for (var directory = new DirectoryInfo(Path.GetFullPath(path)); directory is not null; directory = directory.Parent)
        {
            try
            {
                if (!directory.Exists || (directory.UnixFileMode & UnixFileMode.OtherExecute) == 0)
                {
                    return false;
                }
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        }

        return true;
    }

    private static bool DetectRoot()
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        if (string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
        {
            return true;
        }

        try
        {
            var result = ProcessRunner.Run("id", ["-u"], null, TimeSpan.FromSeconds(10));
            return result.Succeeded && result.StandardOutput.Trim() == "0";
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}

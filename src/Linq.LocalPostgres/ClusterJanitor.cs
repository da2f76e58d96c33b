using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Linq.LocalPostgres;

/// <summary>
/// Makes sure local clusters do not outlive this process: live clusters are destroyed on process exit and
/// Ctrl+C, and directories left behind by processes that were killed outright are cleaned up the next time
/// a cluster starts.
/// </summary>
internal static class ClusterJanitor
{
    private static readonly ConcurrentDictionary<LocalCluster, byte> Live = new();
    private static readonly List<PosixSignalRegistration> SignalRegistrations = [];
    private static int _hooked;

    /// <summary>Tracks a cluster until it is disposed.</summary>
    public static void Register(LocalCluster cluster)
    {
        Hook();
        Live.TryAdd(cluster, 0);
    }

    /// <summary>Stops tracking a disposed cluster.</summary>
    public static void Unregister(LocalCluster cluster) => Live.TryRemove(cluster, out _);

    /// <summary>
    /// Destroys cluster directories whose owning process no longer runs. Best effort: errors are ignored,
    /// and directories of other users, or without an owner file, are left alone.
    /// </summary>
    public static void SweepStale(PostgresBinaries binaries, string? runuser)
    {
        var bases = new[] { Path.GetTempPath(), "/tmp" }
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.Ordinal)
            .Where(Directory.Exists);
        foreach (var baseDirectory in bases)
        {
            IEnumerable<string> candidates;
            try
            {
                candidates = Directory.EnumerateDirectories(baseDirectory, LocalCluster.DirectoryPrefix + "*").ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var candidate in candidates)
            {
                if (IsStale(candidate))
                {
                    LocalCluster.Destroy(candidate, binaries, runuser);
                }
            }
        }
    }

    private static bool IsStale(string directory)
    {
        try
        {
            var ownerFile = Path.Combine(directory, LocalCluster.OwnerFileName);
            if (!File.Exists(ownerFile))
            {
                return false;
            }

            var lines = File.ReadAllLines(ownerFile);
            if (lines.Length < 2
                || !int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var startTicks))
            {
                return false;
            }

            if (pid == Environment.ProcessId)
            {
                return false;
            }

            try
            {
                using var owner = Process.GetProcessById(pid);

                // Same pid but a different start time: the pid was recycled and the owner is gone.
                return owner.HasExited || Math.Abs(owner.StartTime.ToUniversalTime().Ticks - startTicks) > TimeSpan.TicksPerSecond;
            }
            catch (ArgumentException)
            {
                return true;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException
            or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static void Hook()
    {
        if (Interlocked.Exchange(ref _hooked, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => DestroyAll();
        try
        {
            Console.CancelKeyPress += (_, _) => DestroyAll();
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or IOException or InvalidOperationException)
        {
            // No console to watch; ProcessExit still covers normal exits.
        }

        // SIGTERM (e.g. a CI timeout or `kill`) and SIGHUP end the process without ProcessExit unless
        // something handles them. The handler does not cancel the signal, so the process still terminates.
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
        {
            try
            {
                SignalRegistrations.Add(PosixSignalRegistration.Create(signal, _ => DestroyAll()));
            }
            catch (Exception ex) when (ex is PlatformNotSupportedException or IOException)
            {
                // Not available here; the other hooks still apply.
            }
        }
    }

    private static void DestroyAll()
    {
        foreach (var cluster in Live.Keys)
        {
            try
            {
                cluster.Dispose();
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                // Keep cleaning up the others.
            }
        }
    }
}

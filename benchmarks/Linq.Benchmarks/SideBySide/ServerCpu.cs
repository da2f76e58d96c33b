using System.Globalization;

namespace Linq.Benchmarks.SideBySide;

/// <summary>
/// CPU time used so far by every PostgreSQL server process on this machine (Linux <c>/proc</c>; null elsewhere), so a
/// throughput run can say how much of the machine the server took per operation and whether the server, not the
/// client, was the limit.
/// </summary>
public static class ServerCpu
{
    // /proc reports utime and stime in USER_HZ ticks, which the kernel's ABI fixes at 100 per second.
    private const double TicksPerSecond = 100;

    /// <summary>User plus system time of all processes named <c>postgres</c> and of their ended children, or null without <c>/proc</c>.</summary>
    public static TimeSpan? Total()
    {
        if (!Directory.Exists("/proc"))
        {
            return null;
        }

        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out _))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                // "pid (comm) state ..." where comm may hold spaces: the fields after it start behind the last ')'.
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                if (open < 0 || close < open || stat[(open + 1)..close] != "postgres")
                {
                    continue;
                }

                var fields = stat[(close + 2)..].Split(' ');
                // After comm: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14). The children's times are
                // the postmaster's reaped backends: without them a backend ending during a run would take its CPU
                // out of the total.
                for (var field = 11; field <= 14; field++)
                {
                    ticks += long.Parse(fields[field], CultureInfo.InvariantCulture);
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while it was read, or is not ours to read: it is left out.
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}

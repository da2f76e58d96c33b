using System.Runtime.InteropServices;

namespace Linq.Benchmarks.Profiling;

/// <summary>
/// The process's context switches so far, every thread (<c>getrusage(RUSAGE_SELF)</c>): voluntary ones are waits (a socket
/// read that found nothing, a parked worker), involuntary ones are a thread's time slice taken away (mostly spinning
/// thread-pool workers' <c>sched_yield</c>). Zero where <c>getrusage</c> is not available (not Linux).
/// </summary>
public static class ContextSwitches
{
    // struct rusage on 64-bit Linux: two timevals (4 longs), then 14 longs; ru_nvcsw and ru_nivcsw are the last two.
    private const int Longs = 18;

    public static (long Voluntary, long Involuntary) Now()
    {
        if (!OperatingSystem.IsLinux())
        {
            return (0, 0);
        }

        var usage = new long[Longs];
        return GetResourceUsage(0, usage) == 0 ? (usage[16], usage[17]) : (0, 0);
    }

    // DllImport rather than LibraryImport: the latter needs unsafe code in this project; a long[] is blittable and pinned either way.
    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetResourceUsage(int who, [Out] long[] usage);
}

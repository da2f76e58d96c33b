using System.Globalization;

namespace Linq.Benchmarks.SideBySide;

/// <summary>
/// The bounds of the side-by-side run (<c>--side-by-side FILE</c>), the same for the C# and the Node side:
/// <c>--sbs-warmup N</c> (50), <c>--sbs-iterations N</c> (300), <c>--sbs-max-seconds S</c> (4, per scenario and
/// implementation), <c>--sbs-throughput S</c> (10; 0 skips the throughput runs), <c>--sbs-callers N</c> (16, also the
/// pool size of every throughput client), <c>--sbs-sequential 1</c> and <c>--prisma-dir DIR</c> (<c>benchmarks/prisma</c>).
/// </summary>
public sealed class SideBySideOptions
{
    public int Warmup { get; private set; } = 50;

    public int Iterations { get; private set; } = 300;

    public double MaxSeconds { get; private set; } = 4;

    public double ThroughputSeconds { get; private set; } = 10;

    public int Callers { get; private set; } = 16;

    public string PrismaDirectory { get; private set; } = Path.Combine("benchmarks", "prisma");

    /// <summary>
    /// <c>--sbs-sequential 1</c>: time hand-written Npgsql's calls, then Linq's (the harness before the calls alternated;
    /// kept to reproduce earlier reports).
    /// </summary>
    public bool Sequential { get; private set; }

    /// <summary>Takes the option at <paramref name="i"/> (and its value) if it is one of these; false otherwise.</summary>
    public bool TryTake(string[] args, ref int i)
    {
        if (i + 1 >= args.Length)
        {
            return false;
        }

        var value = args[i + 1];
        switch (args[i])
        {
            case "--sbs-warmup": Warmup = int.Parse(value, CultureInfo.InvariantCulture); break;
            case "--sbs-iterations": Iterations = int.Parse(value, CultureInfo.InvariantCulture); break;
            case "--sbs-max-seconds": MaxSeconds = double.Parse(value, CultureInfo.InvariantCulture); break;
            case "--sbs-throughput": ThroughputSeconds = double.Parse(value, CultureInfo.InvariantCulture); break;
            case "--sbs-callers": Callers = int.Parse(value, CultureInfo.InvariantCulture); break;
            case "--prisma-dir": PrismaDirectory = value; break;
            case "--sbs-sequential": Sequential = value == "1"; break;
            default: return false;
        }

        i++;
        return true;
    }

    /// <summary>The same bounds for <c>bench.ts</c>.</summary>
    public string[] NodeArguments() =>
    [
        "--warmup", Warmup.ToString(CultureInfo.InvariantCulture),
        "--warmup-seconds", CallTimings.MinWarmup.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        "--iterations", Iterations.ToString(CultureInfo.InvariantCulture),
        "--max-seconds", MaxSeconds.ToString(CultureInfo.InvariantCulture),
        "--throughput", ThroughputSeconds.ToString(CultureInfo.InvariantCulture),
        "--callers", Callers.ToString(CultureInfo.InvariantCulture),
    ];
}

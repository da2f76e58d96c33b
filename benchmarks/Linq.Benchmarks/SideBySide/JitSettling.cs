using System.Diagnostics;
using System.Runtime;

namespace Linq.Benchmarks.SideBySide;

/// <summary>
/// Whether the JIT has settled: no method compiled in the process for <see cref="Quiet"/>. The runtime compiles a hot
/// method again at tier 1 in the background, after 30 calls and a quiet 100 ms that every new tier-0 method restarts, so
/// a fixed number of warm-up calls can leave a long path (a LINQ translation's) partly on tier-0 code while a short one
/// (a hand-written command's) is already optimized: measured that way (50 calls, ≈ 0.6 s), the find was 1.43× and the
/// page 1.56× hand-written, against 1.16× and 1.19× once settled.
/// </summary>
internal sealed class JitSettling
{
    /// <summary>How long no method may have been compiled.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    /// <summary>The longest a warm-up waits for the JIT, whatever it does (a background thread may compile forever).</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private readonly Stopwatch _since = Stopwatch.StartNew();
    private readonly Stopwatch _quiet = Stopwatch.StartNew();
    private long _compiled = JitInfo.GetCompiledMethodCount();

    /// <summary>True once nothing was compiled for <see cref="Quiet"/>, or after <see cref="Limit"/>; call it between calls.</summary>
    public bool Settled()
    {
        var compiled = JitInfo.GetCompiledMethodCount();
        if (compiled != _compiled)
        {
            _compiled = compiled;
            _quiet.Restart();
        }

        return _quiet.Elapsed >= Quiet || _since.Elapsed >= Limit;
    }
}

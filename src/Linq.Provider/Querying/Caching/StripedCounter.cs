namespace Linq.Querying.Caching;

/// <summary>
/// A counter incremented by many threads at once (the plan cache's hits: every cached query): each processor adds
/// to a slot of its own cache line, so concurrent callers do not contend for one line; reading sums the slots.
/// </summary>
internal sealed class StripedCounter
{
    // 8 longs = 64 bytes: one cache line per slot.
    private const int Stride = 8;
    private readonly long[] _slots;
    private readonly int _mask;

    public StripedCounter()
    {
        var stripes = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount, 1, 64));
        _mask = stripes - 1;
        _slots = new long[(stripes + 1) * Stride];
    }

    public void Increment() => Interlocked.Increment(ref _slots[((Thread.GetCurrentProcessorId() & _mask) + 1) * Stride]);

    public long Value
    {
        get
        {
            long sum = 0;
            for (var i = Stride; i < _slots.Length; i += Stride)
            {
                sum += Interlocked.Read(ref _slots[i]);
            }

            return sum;
        }
    }

    public void Reset()
    {
        for (var i = Stride; i < _slots.Length; i += Stride)
        {
            Interlocked.Exchange(ref _slots[i], 0);
        }
    }
}

namespace Linq.Execution;

/// <summary>Hands out the numbers of <see cref="TableSlot{T}"/>.</summary>
internal static class TableSlots
{
    private static int _count = -1;

    public static int Next() => Interlocked.Increment(ref _count);
}

namespace Linq.Execution;

/// <summary>A small number per model type, given on first use: the index of its table in a client's table array.</summary>
internal static class TableSlot<T>
{
    // Models are few; the numbers are dense from 0, so a client's array is as long as the models it touched.
    public static readonly int Index = TableSlots.Next();
}

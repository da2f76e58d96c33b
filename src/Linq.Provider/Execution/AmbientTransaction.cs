using Linq.Contract;

namespace Linq.Execution;

/// <summary>
/// The transaction whose callback the current async flow is in. The outer client checks it before every statement:
/// using it there is the classic mistake of running outside the transaction (and, with a small pool, of deadlocking on it).
/// </summary>
internal static class AmbientTransaction
{
    private static readonly AsyncLocal<TransactionBinding?> Current = new();

    public static TransactionBinding? Value => Current.Value;

    /// <summary>Runs <paramref name="body"/> with the binding as the ambient transaction; the value does not leak to the caller.</summary>
    public static async Task<T> RunAsync<T>(TransactionBinding binding, Func<Task<T>> body)
    {
        Current.Value = binding;
        return await body().ConfigureAwait(false);
    }
}

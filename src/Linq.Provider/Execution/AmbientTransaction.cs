using Linq.Contract;

namespace Linq.Execution;

/// <summary>
/// The transaction whose callback the current async flow is in. The outer client checks it before every statement:
/// using it there is the classic mistake of running outside the transaction (and, with a small pool, of deadlocking on it).
/// </summary>
internal static class AmbientTransaction
{
    private static readonly AsyncLocal<TransactionBinding?> Current = new();

    // Set once the process has run a transaction callback: until then no flow can have an ambient transaction, and the
    // per-statement check skips the AsyncLocal read (an execution-context lookup).
    private static volatile bool _everSet;

    public static TransactionBinding? Value => _everSet ? Current.Value : null;

    /// <summary>
    /// Runs <paramref name="body"/> on <paramref name="argument"/> with the binding as the ambient transaction; the value
    /// does not leak to the caller. The argument is passed rather than captured: no closure per transaction.
    /// </summary>
    public static async Task<T> RunAsync<TArg, T>(TransactionBinding binding, Func<TArg, Task<T>> body, TArg argument)
    {
        _everSet = true;
        Current.Value = binding;
        return await body(argument).ConfigureAwait(false);
    }
}

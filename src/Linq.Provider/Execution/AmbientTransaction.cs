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
    /// Makes <paramref name="binding"/> the ambient transaction of the current flow. Called from the async method that
    /// runs the transaction's callback: the runtime restores the caller's value when that method returns, so the value
    /// does not leak out of the transaction (and no extra async method per transaction is needed to scope it).
    /// </summary>
    public static void Enter(TransactionBinding binding)
    {
        _everSet = true;
        Current.Value = binding;
    }
}

namespace Linq;

/// <summary>P2028: the transaction ran past its <see cref="TransactionOptions.Timeout"/> (or was already finished) and was rolled back.</summary>
public sealed class TransactionTimeoutException(string message, Exception? inner = null)
    : LinqRequestException("P2028", message, null, [], inner);

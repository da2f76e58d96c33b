namespace Linq;

/// <summary>
/// The outer client was used inside a transaction callback: the statement would run outside the transaction, on
/// another connection. Use the callback's <c>tx</c> instead.
/// </summary>
public sealed class OuterClientInTransactionException(string operation)
    : InvalidOperationException($"{operation} was sent through the outer client inside a transaction callback, so it would run outside the transaction. Use the callback's client (tx) instead.")
{
    /// <summary>The statement that was refused (its first words).</summary>
    public string Operation { get; } = operation;
}

namespace Linq;

/// <summary>P2034: the transaction failed on a write conflict or deadlock; it can be retried.</summary>
public sealed class TransactionConflictException(Exception? inner)
    : LinqRequestException("P2034", "Transaction failed due to a write conflict or a deadlock. Please retry your transaction.", null, [], inner)
{
    /// <inheritdoc />
    public override bool IsTransient => true;
}

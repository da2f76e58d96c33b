namespace Linq;

/// <summary>What happens when the outer client is used inside a transaction callback (it would run outside the transaction).</summary>
public enum OuterClientUse
{
    /// <summary>Throw <see cref="OuterClientInTransactionException"/> (the default): the statement does not run.</summary>
    Throw,

    /// <summary>Log a warning and run the statement outside the transaction.</summary>
    Warn,
}

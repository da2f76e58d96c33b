namespace Linq;

/// <summary>
/// P1008: the statement ran longer than the command timeout (the connection string's <c>Command Timeout</c>, 30 s by
/// default) and was cancelled on the server. Not transient: the same statement will likely take as long again.
/// </summary>
public sealed class OperationTimeoutException(Exception? inner)
    : LinqRequestException("P1008", "The operation timed out.", null, [], inner);

namespace Linq;

/// <summary>
/// P1001: the database server cannot be reached (connection refused or timed out, host not found, or the server is
/// starting up, shutting down or has no connection slot free). Nothing was sent; transient: retrying later may succeed.
/// The message names no host, user or password.
/// </summary>
public sealed class DatabaseUnreachableException(string reason, Exception? inner)
    : LinqRequestException("P1001", "Can't reach the database server: " + reason + ".", null, [], inner)
{
    /// <inheritdoc />
    public override bool IsTransient => true;
}

namespace WebApi;

/// <summary>The <c>Transfers</c> configuration section.</summary>
public sealed class TransferSettings
{
    /// <summary>How often a transfer that lost a serialization conflict (P2034) is run again before the client gets a 503. Default 2.</summary>
    public int MaxRetries { get; set; } = 2;
}

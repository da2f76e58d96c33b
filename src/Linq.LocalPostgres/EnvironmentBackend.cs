namespace Linq.LocalPostgres;

/// <summary>A server named by an environment variable; it belongs to someone else, so disposing does nothing.</summary>
internal sealed class EnvironmentBackend(string connectionString) : IServerBackend
{
    /// <inheritdoc />
    public string ConnectionString { get; } = connectionString;

    /// <inheritdoc />
    public string Source => "environment";

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}

using System.Net.Sockets;
using Npgsql;

namespace Linq.LocalPostgres;

/// <summary>Waits until a server answers a query: a started PostgreSQL (or PgBouncer) is usable only then.</summary>
internal static class ServerProbe
{
    /// <summary>
    /// Runs <c>SELECT 1</c> until it succeeds, for up to 30 seconds; <paramref name="checkAlive"/> runs before each try
    /// and throws when the server process is gone (there is nothing left to wait for).
    /// </summary>
    public static async Task WaitUntilAcceptingAsync(string connectionString, Action? checkAlive, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5 };
        while (true)
        {
            checkAlive?.Invoke();
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or SocketException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

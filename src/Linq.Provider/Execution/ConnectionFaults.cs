using System.Net.Sockets;
using Npgsql;

namespace Linq.Execution;

/// <summary>
/// Infrastructure failures as typed, transient-or-not errors: an unreachable or restarting server (P1001), a connection
/// closed under a running statement (P1017, and the pool's idle connections are dropped, since after a restart they are
/// all dead), an exhausted pool (P2024) and a command timeout (P1008). Everything else stays as it is.
/// </summary>
internal static class ConnectionFaults
{
    public static Exception? Map(PostgresException error, NpgsqlDataSource dataSource)
    {
        switch (error.SqlState)
        {
            case PostgresErrorCodes.AdminShutdown:
            case PostgresErrorCodes.CrashShutdown:
                dataSource.Clear();
                return new ConnectionClosedException(error);
            case PostgresErrorCodes.CannotConnectNow:
                return new DatabaseUnreachableException("the server is starting up or shutting down", error);
            case PostgresErrorCodes.TooManyConnections:
                return new DatabaseUnreachableException("the server has no connection slot free", error);
            default:
                return null;
        }
    }

    public static Exception? Map(NpgsqlException error, NpgsqlDataSource dataSource, TimeSpan poolWait)
    {
        if (error is PostgresException postgres)
        {
            return Map(postgres, dataSource);
        }

        // Npgsql says so in the message only (the exception has no inner exception or code for it).
        if (error.Message.StartsWith("The connection pool has been exhausted", StringComparison.Ordinal))
        {
            return new PoolTimeoutException(poolWait, error);
        }

        if (error.Message.StartsWith("Failed to connect", StringComparison.Ordinal) || Has<SocketException>(error) && !Has<IOException>(error))
        {
            return new DatabaseUnreachableException(Has<TimeoutException>(error) ? "the connection attempt timed out" : "the connection was refused or the host was not found", error);
        }

        if (Has<TimeoutException>(error))
        {
            return new OperationTimeoutException(error);
        }

        if (Has<IOException>(error) || Has<EndOfStreamException>(error) || Has<SocketException>(error) || error.InnerException is ObjectDisposedException)
        {
            dataSource.Clear();
            return new ConnectionClosedException(error);
        }

        return null;
    }

    private static bool Has<T>(Exception error)
        where T : Exception
    {
        for (var e = error.InnerException; e is not null; e = e.InnerException)
        {
            if (e is T)
            {
                return true;
            }
        }

        return false;
    }
}

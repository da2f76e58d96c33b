using System.Data.Common;
using Npgsql;

namespace Linq.Hosting;

/// <summary>
/// Npgsql settings for a connection through a transaction-mode pooler (<see cref="LinqDatabaseOptions.TransactionPooler"/>):
/// <c>No Reset On Close=true</c>, unless the connection string sets it. Npgsql otherwise sends <c>DISCARD ALL</c> ahead of
/// the first statement each time a pooled connection is reused; through the pooler that statement lands on whichever server
/// connection runs the next transaction, so it resets nothing of this client's and only costs a statement each time
/// (and, with PgBouncer's own prepared statement tracking, drops statements PgBouncer believes prepared).
/// </summary>
internal static class TransactionPoolerSettings
{
    public static void Apply(NpgsqlConnectionStringBuilder builder, LinqDatabaseOptions options)
    {
        if (!options.TransactionPooler)
        {
            return;
        }

        var given = new DbConnectionStringBuilder { ConnectionString = options.ConnectionString };
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
    }
}

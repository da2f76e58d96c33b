using System.Data.Common;
using Npgsql;

namespace Linq.Hosting;

/// <summary>
/// Every operation waits for a pooled connection at most as long as a transaction does
/// (<see cref="TransactionOptions.MaxWait"/> of <see cref="LinqDatabaseOptions.TransactionDefaults"/>, 2 s by default),
/// then fails with P2024, instead of Npgsql's 15 s. Npgsql's <c>Timeout</c> bounds both the pool wait and opening a new
/// connection, so a connection string that sets it explicitly keeps its own value.
/// </summary>
internal static class PoolTimeouts
{
    private static readonly string[] Keys = ["Timeout", "Connect Timeout", "Connection Timeout"];

    public static void Apply(NpgsqlConnectionStringBuilder builder, LinqDatabaseOptions options) =>
        Apply(builder, options.ConnectionString, options);

    /// <summary>The same for a data source of <paramref name="connectionString"/> (a read replica's).</summary>
    public static void Apply(NpgsqlConnectionStringBuilder builder, string? connectionString, LinqDatabaseOptions options)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (Keys.Any(given.ContainsKey))
        {
            return;
        }

        builder.Timeout = Math.Max(1, (int)Math.Ceiling(options.TransactionDefaults.MaxWait.TotalSeconds));
    }
}

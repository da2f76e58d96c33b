using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Linq.Hosting;

/// <summary>
/// Counts the live clients per connection string in this process and warns when there are more than
/// <see cref="Threshold"/>: each client owns a pool, so a client created per request, or again on every hot reload,
/// multiplies the connections until PostgreSQL refuses more. The key is a hash of the connection string without its
/// password; the warning names host, port and database, never a credential.
/// </summary>
internal static partial class ClientCensus
{
    /// <summary>More live clients than this for one connection string draw a warning.</summary>
    public const int Threshold = 3;

    private static readonly ConcurrentDictionary<string, int> Live = new(StringComparer.Ordinal);

    public static Entry Enter(string connectionString, ILogger logger)
    {
        var builder = WithoutPassword(connectionString);
        var key = KeyOf(builder);
        var count = Live.AddOrUpdate(key, 1, static (_, n) => n + 1);
        if (count > Threshold)
        {
            ManyClients(logger, count, builder.Host ?? "(default host)", builder.Port, builder.Database ?? "(default database)", key);
        }

        return new Entry(key);
    }

    /// <summary>The census key of a connection string: a hash of it without the password.</summary>
    public static string KeyOf(string connectionString) => KeyOf(WithoutPassword(connectionString));

    private static string KeyOf(NpgsqlConnectionStringBuilder withoutPassword) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(withoutPassword.ConnectionString)))[..16];

    private static NpgsqlConnectionStringBuilder WithoutPassword(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Remove("Password");
        return builder;
    }

    /// <summary>How many clients are live for the connection string with this key (tests read it).</summary>
    public static int CountOf(string key) => Live.TryGetValue(key, out var n) ? n : 0;

    [LoggerMessage(EventId = 300, EventName = "ManyClientsForOneConnectionString", Level = LogLevel.Warning,
        Message = "{Count} Linq clients are open for the same connection string (host {Host}, port {Port}, database {Database}, key {Key}). "
            + "Each client owns a connection pool: create one client per application (AddLinqDatabase registers a singleton) and dispose "
            + "clients you create yourself; a client created per request or on every hot reload exhausts the server's connections.")]
    private static partial void ManyClients(ILogger logger, int count, string host, int port, string database, string key);

    /// <summary>One live client; <see cref="Leave"/> when it is disposed (idempotent).</summary>
    public sealed class Entry(string key)
    {
        private int _left;

        public string Key { get; } = key;

        public void Leave()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                Live.AddOrUpdate(Key, 0, static (_, n) => Math.Max(0, n - 1));
            }
        }
    }
}

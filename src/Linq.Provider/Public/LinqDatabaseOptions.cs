using Linq.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Linq;

/// <summary>Options of a <see cref="LinqDatabase"/>: where to connect, logging, and data source tweaks.</summary>
public sealed class LinqDatabaseOptions
{
    /// <summary>The connection string in Npgsql keyword form (a URL passed to <see cref="UseNpgsql"/> is converted).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The logger factory for SQL and diagnostics logging; none by default.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Include parameter values in log lines and exception messages. Off by default, because values may be
    /// personal or secret data.
    /// </summary>
    public bool EnableSensitiveDataLogging { get; set; }

    /// <summary>How many query plans the client keeps (least recently used are dropped first). Default 1,000.</summary>
    public int QueryCacheSize { get; set; } = 1000;

    /// <summary>Defaults for interactive transactions (max wait 2 s, timeout 5 s, read committed, no retries).</summary>
    public TransactionOptions TransactionDefaults { get; set; } = new();

    /// <summary>What using the outer client inside a transaction callback does: throw (default) or log a warning.</summary>
    public OuterClientUse OuterClientInTransaction { get; set; } = OuterClientUse.Throw;

    /// <summary>Extra configuration of the Npgsql data source builder (type plugins, certificates, …).</summary>
    public Action<NpgsqlDataSourceBuilder>? ConfigureDataSource { get; set; }

    /// <summary>
    /// Connects to PostgreSQL. Accepts Npgsql's keyword form (<c>Host=…;Username=…</c>) or the URL form
    /// <c>postgresql://user:password@host:port/database?schema=…</c> that Prisma users keep in <c>DATABASE_URL</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The string cannot be understood; the message never contains the password.</exception>
    public LinqDatabaseOptions UseNpgsql(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ConnectionString = ConnectionStringParser.ToKeywordForm(connectionString);
        return this;
    }
}

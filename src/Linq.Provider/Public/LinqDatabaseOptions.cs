using Microsoft.Extensions.Caching.Hybrid;
using System.Reflection;
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

    /// <summary>
    /// The secret that signs page tokens (<see cref="Page{T}.NextCursor"/>) with HMAC-SHA256, at least 32 characters.
    /// Set the same value on every instance of a web farm (from configuration or a secret store) so that a token
    /// issued by one instance is accepted by another. Null (the default) uses a random key per process: tokens
    /// then stop being valid when the process restarts. Rotating the key invalidates the tokens in circulation.
    /// </summary>
    public string? PageTokenKey { get; set; }

    /// <summary>
    /// How many times a query (a read outside a transaction) is tried again when it fails with a transient error
    /// (<see cref="LinqRequestException.IsTransient"/>: server unreachable or restarting, connection closed, pool
    /// exhausted), with a jittered backoff from 50 ms. 0 (the default) never retries. Writes are never retried: one whose
    /// connection broke may have been applied. Streams (<c>AsAsyncEnumerable</c>) are not retried either.
    /// </summary>
    public int TransientReadRetries { get; set; }

    /// <summary>Extra configuration of the Npgsql data source builder (type plugins, certificates, …).</summary>
    public Action<NpgsqlDataSourceBuilder>? ConfigureDataSource { get; set; }

    /// <summary>
    /// A data source built elsewhere (<c>AddNpgsqlDataSource</c>, a hosting integration) to use instead of building one
    /// from <see cref="ConnectionString"/>. The client does not own it: disposing the client leaves it open, and
    /// <see cref="ConfigureDataSource"/> and the pool-timeout default do not apply. Its builder must have mapped the
    /// model's <c>[DbEnum]</c> types (<c>builder.MapLinqEnums&lt;TDb&gt;()</c>); see <see cref="UseDataSource"/>.
    /// </summary>
    public NpgsqlDataSource? DataSource { get; set; }

    /// <summary>Set by <see cref="UseDataSourceFromServices"/>: the DI registration resolves the data source.</summary>
    internal bool DataSourceFromServices { get; private set; }

    /// <summary>The key of the keyed <see cref="NpgsqlDataSource"/> service to use; null for the unkeyed one.</summary>
    internal object? DataSourceServiceKey { get; private set; }

    /// <summary>
    /// Uses a data source built elsewhere instead of building one (see <see cref="DataSource"/>). A model with
    /// <c>[DbEnum]</c> types needs them mapped on that data source's builder, e.g.
    /// <c>AddNpgsqlDataSource(url, b =&gt; b.MapLinqEnums&lt;BlogDb&gt;())</c>; without them the first statement that
    /// sends or reads an enum fails with an <see cref="InvalidOperationException"/> that says so.
    /// </summary>
    public LinqDatabaseOptions UseDataSource(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        DataSource = dataSource;
        return this;
    }

    /// <summary>
    /// Uses the <see cref="NpgsqlDataSource"/> registered in the service collection (by <c>AddNpgsqlDataSource</c> or a
    /// hosting integration), keyed by <paramref name="serviceKey"/> when given. Only <c>AddLinqDatabase</c> honours it;
    /// the client does not dispose that data source, the container does.
    /// </summary>
    public LinqDatabaseOptions UseDataSourceFromServices(object? serviceKey = null)
    {
        DataSourceFromServices = true;
        DataSourceServiceKey = serviceKey;
        return this;
    }

    /// <summary>
    /// The migrations folder <see cref="MigrationManager.DeployAsync(CancellationToken)"/> and
    /// <see cref="MigrationManager.StatusAsync(CancellationToken)"/> read: one sub-folder per migration,
    /// <c>&lt;yyyyMMddHHmmss&gt;_&lt;name&gt;/migration.sql</c>, as <c>linq migrate dev</c> writes them. A relative path resolves
    /// against the application's folder (<see cref="AppContext.BaseDirectory"/>), so copy the folder to the output
    /// (<c>&lt;None Include="migrations/**" CopyToOutputDirectory="PreserveNewest" /&gt;</c>). Default <c>migrations</c>.
    /// Ignored when <see cref="MigrationsAssembly"/> is set.
    /// </summary>
    public string MigrationsDirectory { get; set; } = "migrations";

    /// <summary>
    /// An assembly whose embedded resources <c>migrations/&lt;name&gt;/migration.sql</c> hold the migrations, used instead
    /// of <see cref="MigrationsDirectory"/> when set. Embed them with
    /// <c>&lt;EmbeddedResource Include="migrations/**/migration.sql" LogicalName="migrations/%(RecursiveDir)%(Filename)%(Extension)" /&gt;</c>.
    /// </summary>
    public Assembly? MigrationsAssembly { get; set; }

    /// <summary>
    /// A direct connection for deploying migrations (Npgsql keyword form; <see cref="UseMigrationsConnection"/> also
    /// takes a URL), when <see cref="ConnectionString"/> goes through a transaction-mode pooler such as PgBouncer:
    /// deploy holds a session advisory lock, which a pooler does not keep. Null deploys over the client's own pool.
    /// </summary>
    public string? MigrationsConnectionString { get; set; }

    /// <summary>How long a deploy waits for another deploy's lock; null (the default) waits until cancelled.</summary>
    public TimeSpan? MigrationLockTimeout { get; set; }

    /// <summary>Sets <see cref="MigrationsConnectionString"/> from a URL (<c>DIRECT_URL</c>) or a keyword string.</summary>
    /// <exception cref="ArgumentException">The string cannot be understood; the message never contains the password.</exception>
    public LinqDatabaseOptions UseMigrationsConnection(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        MigrationsConnectionString = ConnectionStringParser.ToKeywordForm(connectionString);
        return this;
    }

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

    /// <summary>
    /// The <see cref="HybridCache"/> that stores the results of queries marked with
    /// <see cref="CacheQueryableExtensions.Cache{T}"/>; null (the default) leaves the result cache off, and such a query
    /// then throws. <c>AddLinqDatabase</c> takes a <see cref="HybridCache"/> registered in the container when this is not set.
    /// </summary>
    public HybridCache? ResultCache { get; set; }

    /// <summary>Stores the results of <c>.Cache(…)</c> queries in <paramref name="cache"/> (see <see cref="ResultCache"/>).</summary>
    public LinqDatabaseOptions UseResultCache(HybridCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ResultCache = cache;
        return this;
    }
}

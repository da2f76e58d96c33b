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
    /// Include parameter values in the statement log (event <see cref="LinqEventIds.StatementExecutedWithParameters"/>).
    /// Off by default, because values may be personal or secret data: then no log event, span or metric carries a value,
    /// only the SQL text with its <c>$n</c> placeholders. Turn it on for local debugging only.
    /// </summary>
    public bool LogParameterValues { get; set; }

    /// <summary>
    /// A statement that takes longer logs a warning (<see cref="LinqEventIds.SlowStatement"/>) with its operation, model,
    /// duration and SQL text. Default 500 ms; <see cref="Timeout.InfiniteTimeSpan"/> turns the warning off.
    /// </summary>
    public TimeSpan SlowStatementThreshold { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// What the N+1 detector does when statements of one shape run with different values
    /// <see cref="NPlusOneThreshold"/> times within one scope (an explicit <see cref="LinqDatabase.DetectNPlusOne"/>, or
    /// the root <see cref="System.Diagnostics.Activity"/> such as an ASP.NET request): warn once per shape (the default),
    /// throw <see cref="NPlusOneDetectedException"/> (for tests), or nothing. Outside any scope nothing is counted.
    /// </summary>
    public NPlusOneMode NPlusOneMode { get; set; } = NPlusOneMode.Warn;

    /// <summary>How many statements of one shape with different values in one scope make an N+1 report. Default 10, at least 2.</summary>
    public int NPlusOneThreshold { get; set; } = 10;

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

    /// <summary>
    /// Connection strings (Npgsql keyword form or <c>postgresql://</c> URLs) of read replicas: queries outside a
    /// transaction go to them in turn (round robin); writes, transactions, raw SQL and <c>OnPrimary()</c> queries go to
    /// <see cref="ConnectionString"/>. A replica that cannot be reached is skipped and tried again after
    /// <see cref="ReplicaRetryDelay"/>; with every replica down, reads go to the primary. Bindable from configuration
    /// (a list of strings); <see cref="ReadReplicas"/> adds to it. Empty (the default): everything goes to the primary.
    /// </summary>
    /// <remarks>A replica replays the primary's writes with a delay: a read right after a write may not see it. Read your
    /// own writes with <c>OnPrimary()</c> or inside a transaction (docs/scale-out.md).</remarks>
    public IList<string> ReadReplicaConnectionStrings { get; } = new List<string>();

    /// <summary>
    /// How long a replica that could not be reached (connection refused or closed) is left out before a read tries it
    /// again; doubled for each further failure in a row, up to 64 times. Default 2 s.
    /// </summary>
    public TimeSpan ReplicaRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Set when <see cref="ConnectionString"/> goes through a transaction-mode pooler (PgBouncer <c>pool_mode=transaction</c>);
    /// also set by <see cref="UseNpgsql"/> for a URL with <c>?pgbouncer=true</c> (as Prisma's). Deploying migrations then
    /// requires <see cref="MigrationsConnectionString"/> (a direct connection), instead of taking a session advisory lock
    /// the pooler would not keep, and the client's pool skips Npgsql's connection reset (<c>No Reset On Close=true</c>,
    /// unless the connection string sets it): a <c>DISCARD ALL</c> sent through the pooler resets no state of this client.
    /// </summary>
    public bool TransactionPooler { get; set; }

    /// <summary>
    /// Prepares the client's statements on the server (off by default): Npgsql's automatic preparation on the data sources
    /// the client builds (<c>Max Auto Prepare=128;Auto Prepare Min Usages=2</c>, unless the connection string sets them),
    /// so a query shape run a second time on a connection skips the server's parse and plan. Each connection keeps its own
    /// prepared statements (the 128 most recently used). A statement gone stale (a column's type changed, or <c>DISCARD
    /// ALL</c> on the session) fails before it runs: outside a transaction the client clears its pool and runs it once
    /// more; inside one the error reaches the caller, as the transaction is aborted. Needs a
    /// direct connection or PgBouncer 1.21 or later with <c>max_prepared_statements</c> set: behind an older transaction
    /// pooler a later transaction runs on a server connection where the statement does not exist (docs/scale-out.md).
    /// With <see cref="UseDataSource"/> the client cannot change the data source and throws; set <c>Max Auto Prepare</c>
    /// on that data source's connection string instead.
    /// </summary>
    public bool PrepareStatements { get; set; }

    /// <summary>Turns on <see cref="PrepareStatements"/>.</summary>
    public LinqDatabaseOptions UsePreparedStatements()
    {
        PrepareStatements = true;
        return this;
    }

    /// <summary>
    /// Sends concurrent <c>FindUniqueAsync</c> calls of one query shape as one statement (off by default), as Prisma's
    /// <c>findUnique</c> batches the calls of one tick: up to two statements of a shape run at a time, and the callers
    /// that arrive meanwhile go together in the next one (<c>unnest</c> of their keys, the find itself as a LATERAL
    /// sub-select, so each row is matched to its caller by the server's own comparison). A caller alone runs at once.
    /// Only <see cref="Table{T}.FindUniqueAsync"/> on a plain client outside any transaction, without read replicas or
    /// <see cref="TransientReadRetries"/>; everything else runs as without it. Off by default because one statement then
    /// serves several callers: the log, the span (with <c>db.operation.batch.size</c>) and a failure belong to the
    /// batch, and a statement timeout or a lost connection fails every caller in it (docs/performance.md).
    /// </summary>
    public bool BatchFinds { get; set; }

    /// <summary>Turns on <see cref="BatchFinds"/>.</summary>
    public LinqDatabaseOptions UseBatchedFinds()
    {
        BatchFinds = true;
        return this;
    }

    /// <summary>Says that <see cref="ConnectionString"/> goes through a transaction-mode pooler (sets <see cref="TransactionPooler"/>).</summary>
    public LinqDatabaseOptions BehindTransactionPooler()
    {
        TransactionPooler = true;
        return this;
    }

    /// <summary>
    /// Adds read replicas (Npgsql keyword strings or <c>postgresql://</c> URLs, e.g. from <c>DATABASE_REPLICA_URLS</c>)
    /// to <see cref="ReadReplicaConnectionStrings"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A string cannot be understood; the message never contains the password.</exception>
    public LinqDatabaseOptions ReadReplicas(params string[] connectionStrings)
    {
        ArgumentNullException.ThrowIfNull(connectionStrings);
        foreach (var connectionString in connectionStrings)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(connectionString, nameof(connectionStrings));
            ReadReplicaConnectionStrings.Add(ConnectionStringParser.ToKeywordForm(connectionString));
        }

        return this;
    }

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
        TransactionPooler |= ConnectionStringParser.RequestsPgBouncerMode(connectionString);
        return this;
    }

    /// <summary>
    /// The <see cref="HybridCache"/> that stores the results of queries marked with
    /// <see cref="CacheQueryableExtensions.Cache{T}"/>; null (the default) leaves the result cache off, and such a query
    /// then throws. <c>AddLinqDatabase</c> takes a <see cref="HybridCache"/> registered in the container when this is not set.
    /// </summary>
    public HybridCache? ResultCache { get; set; }

    /// <summary>
    /// How long an instance keeps a cached result in memory at most; null (the default): the query's ttl plus its
    /// stale-while-revalidate window. With several instances over one distributed cache, a write through one instance
    /// cannot reach the others' memory (HybridCache has no backplane), so this bounds how long another instance may
    /// still serve a result the write invalidated; after it, that instance checks the distributed entry's table versions
    /// (see docs/caching.md).
    /// </summary>
    public TimeSpan? ResultCacheLocalExpiration { get; set; }

    /// <summary>The result cache's clock (when an entry was read, whether it is past its ttl); tests move it by hand.</summary>
    internal TimeProvider ResultCacheTime { get; set; } = TimeProvider.System;

    /// <summary>Stores the results of <c>.Cache(…)</c> queries in <paramref name="cache"/> (see <see cref="ResultCache"/>).</summary>
    public LinqDatabaseOptions UseResultCache(HybridCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ResultCache = cache;
        return this;
    }
}

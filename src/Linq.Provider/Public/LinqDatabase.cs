using System.Collections.Concurrent;
using Linq.Contract;
using Linq.Execution;
using Linq.Execution.ResultCaching;
using Linq.Hosting;
using Linq.Querying.Caching;
using Linq.Querying.Frontend;
using Linq.Querying.Paging;
using Linq.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Linq;

/// <summary>
/// The client: owns the <see cref="NpgsqlDataSource"/> (the connection pool) and hands out tables. It is
/// thread-safe; create one per application (the DI registration makes it a singleton). Derive a
/// <c>[Database] partial</c> class from it and the generator adds one table property per model.
/// </summary>
public abstract partial class LinqDatabase : IAsyncDisposable, IDisposable
{
    private object?[]? _tables; // by TableSlot<T>.Index, created on first use: a transaction's client may touch one table
    private readonly bool _ownsDataSource;
    private readonly ClientCensus.Entry? _census; // null for a transaction's client, which shares its root's pool

    /// <summary>Called by the generated constructor.</summary>
    /// <exception cref="ArgumentException">No connection string (nor data source) was configured, or it is invalid.</exception>
    protected LinqDatabase(LinqDatabaseOptions options, DatabaseModel model)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(model);
        FrontEndWarmUp.Start(); // the parser is built on another core while the data source is (see FrontEndWarmUp)
        Options = options;
        Metadata = model;
        PageTokens = CursorToken.For(options);
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        Logger = loggerFactory.CreateLogger("Linq.Database");
        if (options.DataSource is { } given)
        {
            PreparedStatementSettings.RefuseGiven(options);
            DataSource = given; // owned by whoever built it (the DI container, a hosting integration)
        }
        else if (options.DataSourceFromServices)
        {
            throw new InvalidOperationException(
                "options.UseDataSourceFromServices() needs services.AddLinqDatabase<TDb>(…) to resolve the data source; outside DI call options.UseDataSource(dataSource).");
        }
        else
        {
            DataSource = BuildDataSource(options, model);
            _ownsDataSource = true;
        }

        _census = ClientCensus.Enter(DataSource.ConnectionString, Logger);
        DecimalBounds = new DecimalBounds(model);
        Executor = new CommandExecutor(DataSource, Logger, options, model, this);
        Replicas = ReplicaRouter.Create(options, model, this, Executor, Logger);
        Schema = new SchemaManager(this);
        Migrations = new MigrationManager(this);
        PlanCache = new QueryCache(options.QueryCacheSize);
        QueryCache = new QueryCacheStatistics(PlanCache);
        Diagnostics.LinqMetrics.Track(QueryCache, Executor.DatabaseName);
        ResultCache = options.ResultCache is { } hybrid ? ResultCache.For(hybrid, DataSource.ConnectionString, Executor.DatabaseName, options.ResultCacheTime, options.ResultCacheLocalExpiration) : null;
    }

    private static NpgsqlDataSource BuildDataSource(LinqDatabaseOptions options, DatabaseModel model)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException("No connection string is configured: call options.UseNpgsql(connectionString) (or options.UseDataSource(dataSource)).", nameof(options));
        }

        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        PoolTimeouts.Apply(builder.ConnectionStringBuilder, options);
        TransactionPoolerSettings.Apply(builder.ConnectionStringBuilder, options);
        return DataSourceSettings.Build(builder, options, model);
    }

    /// <summary>
    /// Called by the generated constructor of a transaction's client: the same pool, plan cache and model as
    /// <paramref name="root"/>, with every statement on the transaction's connection.
    /// </summary>
    protected LinqDatabase(LinqDatabase root, TransactionBinding binding)
        : this(root ?? throw new ArgumentNullException(nameof(root)), binding ?? throw new ArgumentNullException(nameof(binding)), root.Extensions)
    {
    }

    /// <summary>
    /// Called by the generated constructor of an extended client (<c>WithExtensions</c>): the same pool, plan cache and
    /// model as <paramref name="root"/>, with <paramref name="extensions"/>' interceptors and filters.
    /// </summary>
    protected LinqDatabase(LinqDatabase root, ClientExtensions extensions)
        : this(root ?? throw new ArgumentNullException(nameof(root)), null, extensions ?? throw new ArgumentNullException(nameof(extensions)))
    {
    }

    // A client over its root's pool, plan cache, model, result cache and managers: bound to a transaction (or staying on
    // the root's binding, for an extended transaction client) and with the given extensions.
    private LinqDatabase(LinqDatabase root, TransactionBinding? binding, ClientExtensions? extensions)
    {
        Options = root.Options;
        Metadata = root.Metadata;
        DataSource = root.DataSource;
        Logger = root.Logger;
        PlanCache = root.PlanCache;
        PageTokens = root.PageTokens;
        QueryCache = root.QueryCache;
        Extensions = extensions;
        DecimalBounds = root.DecimalBounds;
        Executor = new CommandExecutor(DataSource, Logger, Options, Metadata, binding?.Root ?? root.Executor.Root, binding ?? root.Executor.Binding, root.Executor.DatabaseName)
        {
            Extensions = extensions,
        };
        // An extended client reads from the root's replicas (a transaction's client has none: it reads on its connection).
        Replicas = binding is null && extensions is not null && root.Replicas is { } replicas ? replicas.Extended(Executor, extensions, Options, Metadata) : null;
        ResultCache = root.ResultCache;
        Schema = root.Schema;
        Migrations = root.Migrations;
    }

    /// <summary>
    /// Creates this client's type with extensions (the generated code overrides it). Clients written without the
    /// generator cannot be extended.
    /// </summary>
    protected virtual LinqDatabase Extend(ClientExtensions extensions) =>
        throw new NotSupportedException($"{GetType().Name} has no generated extension constructor: mark it [Database] and partial.");

    internal LinqDatabase ExtendWith(ClientExtensions extensions) => Extend(extensions);

    /// <summary>The interceptors and global filters of a client made by <c>WithExtensions</c>; null for a plain client (the common, zero-cost case).</summary>
    internal ClientExtensions? Extensions { get; }

    /// <summary>
    /// Creates this client's type bound to a transaction (the generated code overrides it). Clients written without
    /// the generator cannot run interactive transactions.
    /// </summary>
    protected virtual LinqDatabase Bind(TransactionBinding binding) =>
        throw new NotSupportedException($"{GetType().Name} has no generated transaction constructor: mark it [Database] and partial.");

    internal LinqDatabase BindTo(TransactionBinding binding) => Bind(binding);

    internal ILogger Logger { get; }

    /// <summary>The options this client was created with.</summary>
    public LinqDatabaseOptions Options { get; }

    /// <summary>The generated model registry: every model and enum type of this database.</summary>
    public DatabaseModel Metadata { get; }

    /// <summary>The schema derived from the models: DDL text, and a diff-based push for databases without migrations.</summary>
    public SchemaManager Schema { get; }

    /// <summary>Applies the migrations written by <c>linq migrate dev</c> at start-up, and reports their status.</summary>
    public MigrationManager Migrations { get; }

    /// <summary>
    /// The query plan cache's counters: queries that differ only in values share one plan (no re-parsing, no SQL
    /// generation); <see cref="QueryCacheStatistics.Hits"/> and <see cref="QueryCacheStatistics.Misses"/> show it working.
    /// </summary>
    public QueryCacheStatistics QueryCache { get; }

    /// <summary>The query provider of compiled queries (tables have their own, all alike).</summary>
    internal Querying.Frontend.QueryProvider QueryProvider => field ??= new(this);

    /// <summary>The plan cache itself, shared with this client's transaction clients.</summary>
    internal QueryCache PlanCache { get; }

    /// <summary>Signs and checks page tokens with the client's key.</summary>
    internal CursorToken PageTokens { get; }

    /// <summary>The Npgsql data source (connection pool), for interop with hand-written Npgsql code.</summary>
    public NpgsqlDataSource DataSource { get; }

    internal CommandExecutor Executor { get; }

    /// <summary>Which decimal columns the database bounds (learned once, shared with transaction and extended clients).</summary>
    internal DecimalBounds DecimalBounds { get; }

    /// <summary>Where reads outside a transaction go when read replicas are configured; null otherwise (and in a transaction's client).</summary>
    internal ReplicaRouter? Replicas { get; }
    /// <summary>The result cache of <c>.Cache(…)</c> queries; null when <see cref="LinqDatabaseOptions.ResultCache"/> is not set.</summary>
    internal ResultCache? ResultCache { get; }

    /// <summary>The table of model <typeparamref name="T"/>; generated properties call this.</summary>
    protected Table<T> GetTable<T>() where T : class, IModel<T> => TableOf<T>();

    /// <summary>The read-only rows of <c>[View]</c> model <typeparamref name="T"/>; generated properties call this.</summary>
    protected View<T> GetView<T>() where T : class, IModel<T> => new(TableOf<T>());

    internal Table<T> TableOf<T>() where T : class, IModel<T>
    {
        var index = TableSlot<T>.Index;
        var tables = Volatile.Read(ref _tables);
        return tables is not null && index < tables.Length && tables[index] is Table<T> table ? table : AddTable<T>(index);
    }

    // Copy on write: every transaction makes a client, and a dictionary per client cost more than its one or two tables.
    private Table<T> AddTable<T>(int index) where T : class, IModel<T>
    {
        while (true)
        {
            var tables = Volatile.Read(ref _tables);
            if (tables is not null && index < tables.Length && tables[index] is Table<T> existing)
            {
                return existing;
            }

            var grown = new object?[Math.Max(index + 1, tables?.Length ?? 0)];
            tables?.CopyTo(grown, 0);
            var table = new Table<T>(this);
            grown[index] = table;
            if (Interlocked.CompareExchange(ref _tables, grown, tables) == tables)
            {
                return table;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        _census?.Leave();
        if (_ownsDataSource)
        {
            await DataSource.DisposeAsync().ConfigureAwait(false);
        }

        if (Replicas is not null)
        {
            await Replicas.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        GC.SuppressFinalize(this);
        _census?.Leave();
        if (_ownsDataSource)
        {
            DataSource.Dispose();
        }

        Replicas?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}

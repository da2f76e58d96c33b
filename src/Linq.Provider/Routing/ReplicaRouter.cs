using System.Runtime.CompilerServices;
using Linq.Contract;
using Linq.Execution;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Linq.Routing;

/// <summary>
/// Sends reads outside a transaction to read replicas, in turn: each replica has its own data source and executor,
/// built like the primary's. A replica that cannot be reached (refused, or its connection closed: P1001, P1017) is
/// left out for a back-off and the read runs on the next one; with none left, on the primary. Only a client with
/// replicas has a router, so a client without them pays nothing.
/// </summary>
/// <remarks>
/// Hand-written rather than Npgsql's multi-host data source (<c>Host=a,b;Target Session Attributes=prefer-standby</c>):
/// replicas keep their own connection strings (credentials, TLS, pool size) and the primary stays a plain data source;
/// the query, not the connection, decides where it runs (<c>OnPrimary()</c>, transactions); and a read whose pooled
/// connection to a replica broke is run again elsewhere, where Npgsql only skips a host when opening a connection.
/// A multi-host string still works as one replica entry.
/// </remarks>
internal sealed class ReplicaRouter : IAsyncDisposable
{
    private const int MaxBackoffDoublings = 6;

    private readonly Replica[] _replicas;
    private readonly CommandExecutor _primary;
    private readonly TimeSpan _retryDelay;
    private readonly ILogger _logger;
    private readonly bool _ownsReplicas;
    private uint _next;

    private ReplicaRouter(Replica[] replicas, CommandExecutor primary, TimeSpan retryDelay, ILogger logger, bool ownsReplicas)
    {
        _replicas = replicas;
        _primary = primary;
        _retryDelay = retryDelay;
        _logger = logger;
        _ownsReplicas = ownsReplicas;
    }

    /// <summary>The router for the options' replicas, or null when there are none.</summary>
    public static ReplicaRouter? Create(LinqDatabaseOptions options, DatabaseModel model, LinqDatabase root, CommandExecutor primary, ILogger logger)
    {
        if (options.ReadReplicaConnectionStrings.Count == 0)
        {
            return null;
        }

        var replicas = new Replica[options.ReadReplicaConnectionStrings.Count];
        for (var i = 0; i < replicas.Length; i++)
        {
            var dataSource = ReplicaDataSource.Build(options.ReadReplicaConnectionStrings[i], options, model);
            replicas[i] = new Replica(i, dataSource, new CommandExecutor(dataSource, logger, options, model, root));
        }

        return new ReplicaRouter(replicas, primary, options.ReplicaRetryDelay, logger, ownsReplicas: true);
    }

    /// <summary>
    /// The router of an extended client (<c>WithExtensions</c>): the same replicas (data sources and up/down state, so a
    /// replica found down by one client is skipped by all), with executors that run the extension's interceptors, and
    /// <paramref name="primary"/> (the extended client's executor) as the fallback. The root's router owns the replicas.
    /// </summary>
    public ReplicaRouter Extended(CommandExecutor primary, ClientExtensions extensions, LinqDatabaseOptions options, DatabaseModel model)
    {
        var replicas = new Replica[_replicas.Length];
        for (var i = 0; i < replicas.Length; i++)
        {
            replicas[i] = _replicas[i].With(new CommandExecutor(_replicas[i].DataSource, _logger, options, model, primary.Root) { Extensions = extensions });
        }

        return new ReplicaRouter(replicas, primary, _retryDelay, _logger, ownsReplicas: false);
    }

    /// <summary>
    /// Runs <paramref name="read"/> on the next replica that is up; on a replica fault, marks it down and runs it on the
    /// next one, and on the primary when none is left. A read is safe to run again: it wrote nothing.
    /// </summary>
    public async Task<T> ReadAsync<T>(Func<CommandExecutor, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var start = Interlocked.Increment(ref _next);
        for (var i = 0; i < _replicas.Length; i++)
        {
            var replica = _replicas[(int)((start + (uint)i) % (uint)_replicas.Length)];
            if (!replica.IsUp)
            {
                continue;
            }

            try
            {
                var result = await read(replica.Executor, cancellationToken).ConfigureAwait(false);
                replica.Succeeded();
                return result;
            }
            catch (LinqRequestException error) when (IsReplicaFault(error) && !cancellationToken.IsCancellationRequested)
            {
                MarkDown(replica, error);
            }
        }

        return await read(_primary, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A stream on the next replica that is up, moving on as <see cref="ReadAsync{T}"/> does while the first row has
    /// not arrived; a fault after that ends the stream with the error (rows were handed out already).
    /// </summary>
    public async IAsyncEnumerable<T> StreamAsync<T>(Func<CommandExecutor, CancellationToken, IAsyncEnumerable<T>> open,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var start = Interlocked.Increment(ref _next);
        IAsyncEnumerator<T>? rows = null;
        var hasRow = false;
        for (var i = 0; i < _replicas.Length && rows is null; i++)
        {
            var replica = _replicas[(int)((start + (uint)i) % (uint)_replicas.Length)];
            if (!replica.IsUp)
            {
                continue;
            }

            var attempt = open(replica.Executor, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                hasRow = await attempt.MoveNextAsync().ConfigureAwait(false);
                replica.Succeeded();
                rows = attempt;
            }
            catch (LinqRequestException error) when (IsReplicaFault(error) && !cancellationToken.IsCancellationRequested)
            {
                await attempt.DisposeAsync().ConfigureAwait(false);
                MarkDown(replica, error);
            }
        }

        if (rows is null)
        {
            rows = open(_primary, cancellationToken).GetAsyncEnumerator(cancellationToken);
            hasRow = await rows.MoveNextAsync().ConfigureAwait(false);
        }

        await using (rows)
        {
            while (hasRow)
            {
                yield return rows.Current;
                hasRow = await rows.MoveNextAsync().ConfigureAwait(false);
            }
        }
    }

    // The replica itself is gone or going: refused, restarting, or the connection closed under the read.
    private static bool IsReplicaFault(LinqRequestException error) => error is DatabaseUnreachableException or ConnectionClosedException;

    private void MarkDown(Replica replica, LinqRequestException error)
    {
        var failures = replica.Failed(_retryDelay, MaxBackoffDoublings, out var backoff);
        ReplicaLog.ReplicaDown(_logger, replica.Index, error.Code, failures, backoff, error);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_ownsReplicas)
        {
            return;
        }

        foreach (var replica in _replicas)
        {
            await replica.DataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class Replica(int index, NpgsqlDataSource dataSource, CommandExecutor executor, ReplicaHealth health)
    {
        public Replica(int index, NpgsqlDataSource dataSource, CommandExecutor executor)
            : this(index, dataSource, executor, new ReplicaHealth())
        {
        }

        public int Index => index;

        public NpgsqlDataSource DataSource => dataSource;

        public CommandExecutor Executor => executor;

        /// <summary>The same replica (and health) read through another executor.</summary>
        public Replica With(CommandExecutor other) => new(index, dataSource, other, health);

        public bool IsUp => health.IsUp;

        public void Succeeded() => health.Succeeded();

        public int Failed(TimeSpan retryDelay, int maxDoublings, out TimeSpan backoff) => health.Failed(retryDelay, maxDoublings, out backoff);
    }

    // Shared by the root's router and its extended clients' routers.
    private sealed class ReplicaHealth
    {
        private long _downUntil; // Environment.TickCount64; 0 while up
        private int _failures;

        // A replica whose back-off ran out is up again: the next read tries it (and falls through if it still fails).
        public bool IsUp
        {
            get
            {
                var until = Volatile.Read(ref _downUntil);
                return until == 0 || Environment.TickCount64 >= until;
            }
        }

        public void Succeeded()
        {
            // Written only after a failure, so reads on a healthy replica share the line without writing it.
            if (Volatile.Read(ref _failures) != 0)
            {
                Volatile.Write(ref _failures, 0);
                Volatile.Write(ref _downUntil, 0);
            }
        }

        public int Failed(TimeSpan retryDelay, int maxDoublings, out TimeSpan backoff)
        {
            var failures = Interlocked.Increment(ref _failures);
            backoff = retryDelay * Math.Pow(2, Math.Min(failures - 1, maxDoublings));
            Volatile.Write(ref _downUntil, Environment.TickCount64 + Math.Max(1, (long)backoff.TotalMilliseconds));
            return failures;
        }
    }
}

using System.ComponentModel;
using Npgsql;

namespace Linq.Contract;

/// <summary>
/// Ties a transaction's client to its connection and transaction. Generated <c>[Database]</c> classes pass it to the
/// base constructor; it has no public members.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TransactionBinding : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _timeout = new();
    private readonly Timer _timer;
    private int _state; // 0 open, 1 finished, 2 timed out
    private int _savepoints;

    internal TransactionBinding(LinqDatabase root, NpgsqlConnection connection, NpgsqlTransaction transaction, TimeSpan timeout)
    {
        Root = root;
        Connection = connection;
        Transaction = transaction;
        Timeout = timeout;
        // A timer, not a CancellationTokenSource with a delay: the state must read "timed out" before the token
        // fires, because cancellation callbacks registered later (Npgsql's, linked sources') run first and a statement
        // that sees its cancellation must already know the timeout caused it.
        _timer = new Timer(static b => ((TransactionBinding)b!).OnTimerFired(), this, timeout, System.Threading.Timeout.InfiniteTimeSpan);
    }

    internal LinqDatabase Root { get; }

    internal NpgsqlConnection Connection { get; }

    internal NpgsqlTransaction Transaction { get; }

    internal TimeSpan Timeout { get; }

    internal CancellationToken TimeoutToken => _timeout.Token;

    internal bool TimedOut => Volatile.Read(ref _state) == 2;

    internal bool Finished => Volatile.Read(ref _state) != 0;

    internal string NextSavepoint() => "linq_sp_" + Interlocked.Increment(ref _savepoints);

    /// <summary>
    /// Waits for the connection (statements of one transaction run one at a time, so concurrent use from the
    /// callback queues instead of failing) and returns a token that fires on the caller's cancellation or the timeout.
    /// </summary>
    internal ValueTask<Lease> EnterAsync(CancellationToken cancellationToken)
    {
        ThrowIfFinished();
        // The gate free (the usual case: the callback awaits each statement) is taken synchronously, with no async
        // method run per statement. A cancelled caller token takes the waiting path, which throws as WaitAsync does.
        return !cancellationToken.IsCancellationRequested && _gate.Wait(0)
            ? new ValueTask<Lease>(Entered(cancellationToken))
            : WaitAsync(cancellationToken);
    }

    private async ValueTask<Lease> WaitAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Entered(cancellationToken);
    }

    private Lease Entered(CancellationToken cancellationToken)
    {
        if (Finished)
        {
            _gate.Release();
            ThrowIfFinished();
        }

        // Without a cancellable caller token the timeout's own token serves: no linked source per statement.
        var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timeout.Token) : null;
        return new Lease(this, linked);
    }

    internal void ThrowIfFinished()
    {
        switch (Volatile.Read(ref _state))
        {
            case 2:
                throw Expired();
            case 1:
                throw new TransactionTimeoutException("The transaction has already finished; its client cannot be used any more.");
        }
    }

    /// <summary>Waits until no statement (and no timeout rollback) is using the connection.</summary>
    internal async Task DrainAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        _gate.Release();
    }

    internal TransactionTimeoutException Expired(Exception? inner = null) =>
        new($"The transaction ran longer than its timeout of {Timeout.TotalMilliseconds:0} ms and was rolled back.", inner);

    /// <summary>Marks the transaction finished (committed or rolled back): later use of its client throws.</summary>
    internal void Finish() => Interlocked.CompareExchange(ref _state, 1, 0);

    // On timeout: mark expired so nothing new starts, then cancel a running statement (its rollback follows when it
    // returns), or roll back now if none is running.
    private void OnTimerFired()
    {
        var expired = Interlocked.CompareExchange(ref _state, 2, 0) == 0;
        try
        {
            _timeout.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed while the timer fired: the transaction is over.
            return;
        }

        if (expired)
        {
            _ = RollbackIfIdleAsync();
        }
    }

    private async Task RollbackIfIdleAsync()
    {
        if (await _gate.WaitAsync(0).ConfigureAwait(false))
        {
            try
            {
                await RollbackQuietlyAsync().ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    internal async Task RollbackQuietlyAsync()
    {
        try
        {
            if (Transaction.Connection is not null)
            {
                await Transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is NpgsqlException or InvalidOperationException)
        {
            // The connection broke or the transaction is already gone: either way nothing was committed.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _timer.Dispose();
        _timeout.Dispose();
    }

    /// <summary>Holds the connection for one statement; releasing it finishes a rollback the timeout could not do.</summary>
    internal readonly struct Lease(TransactionBinding binding, CancellationTokenSource? linked) : IAsyncDisposable
    {
        public CancellationToken Token => linked?.Token ?? binding._timeout.Token;

        // Synchronous unless the timeout fired: then the rollback it could not do (the statement held the gate) runs here.
        public ValueTask DisposeAsync()
        {
            linked?.Dispose();
            if (!binding.TimedOut)
            {
                binding._gate.Release();
                return default;
            }

            return RollBackAndReleaseAsync(binding);
        }

        private static async ValueTask RollBackAndReleaseAsync(TransactionBinding binding)
        {
            try
            {
                await binding.RollbackQuietlyAsync().ConfigureAwait(false);
            }
            finally
            {
                binding._gate.Release();
            }
        }
    }

    // Made on the first write noted (only with a result cache): most transactions never need it.
    private Lock? _cacheTagsLock;
    private HashSet<string>? _cacheTags;

    private Lock CacheTagsLock
    {
        get
        {
            if (Volatile.Read(ref _cacheTagsLock) is { } made)
            {
                return made;
            }

            var fresh = new Lock();
            return Interlocked.CompareExchange(ref _cacheTagsLock, fresh, null) ?? fresh;
        }
    }

    /// <summary>Result-cache tags of the tables this transaction wrote, invalidated after COMMIT; null when none.</summary>
    internal IReadOnlyCollection<string>? CacheTags
    {
        get
        {
            if (Volatile.Read(ref _cacheTagsLock) is not { } gate)
            {
                return null;
            }

            lock (gate)
            {
                return _cacheTags is null ? null : [.. _cacheTags];
            }
        }
    }

    internal void NoteCacheTags(IEnumerable<string> tags)
    {
        lock (CacheTagsLock)
        {
            (_cacheTags ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(tags);
        }
    }
}

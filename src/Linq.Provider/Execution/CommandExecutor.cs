using System.Runtime.CompilerServices;
using Linq.Contract;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Linq.Execution;

/// <summary>
/// Runs statements: on the data source (one pooled connection per call) for the client, or on the transaction's
/// connection for a transaction's client. Cancellation reaches the server: Npgsql sends a cancel request when the
/// token fires (the caller's, or the transaction's timeout).
/// </summary>
internal sealed partial class CommandExecutor
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly DatabaseModel _model;
    private readonly LinqDatabase _root;
    private readonly OuterClientUse _outerClientUse;
    private readonly bool _prepares;

    public CommandExecutor(NpgsqlDataSource dataSource, ILogger logger, LinqDatabaseOptions options, DatabaseModel model, LinqDatabase root,
        TransactionBinding? binding = null, string? databaseName = null)
    {
        _dataSource = dataSource;
        _logger = logger;
        _outerClientUse = options.OuterClientInTransaction;
        _prepares = options.PrepareStatements;
        _model = model;
        _root = root;
        Binding = binding;
        // Parsed once per client; a transaction's executor takes its client's (binding one must stay cheap).
        DatabaseName = databaseName ?? new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database;
        Telemetry = binding?.Root.Executor.Telemetry ?? new StatementTelemetry(logger, options, DatabaseName, dataSource.ConnectionString);
    }

    /// <summary>The client's log, spans, metrics and N+1 detector (shared with its transaction clients).</summary>
    public StatementTelemetry Telemetry { get; }

    // How long Npgsql waits for a pooled connection (its Timeout); read only to describe a pool timeout.
    private TimeSpan PoolWait => TimeSpan.FromSeconds(new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString).Timeout);

    /// <summary>The transaction this executor is bound to, or null for the client's own.</summary>
    public TransactionBinding? Binding { get; }

    /// <summary>The client whose transactions this executor's statements must not run beside (see <see cref="GuardOuterClient"/>).</summary>
    public LinqDatabase Root => _root;

    /// <summary>The extended client's interceptors and filters; null (no cost) for a plain client.</summary>
    public ClientExtensions? Extensions { get; init; }

    public string? DatabaseName { get; }

    public NpgsqlDataSource DataSource => _dataSource;

    public DatabaseModel Model => _model;

    // capacity: the most rows the statement can return when the plan knows it (its LIMIT, clamped), so the list is
    // allocated once at its final size instead of growing 4, 8, 16, …; 0 when unknown.
    private async Task<List<T>> ListCoreAsync<T>(OperationInfo operation, string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> shaper, int capacity,
        CancellationToken cancellationToken)
    {
        await using var scope = await StartAsync(operation, sql, parameters, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var reader = await scope.Command.ExecuteReaderAsync(scope.Token).ConfigureAwait(false);
            var list = new List<T>(capacity);
            while (await reader.ReadAsync(scope.Token).ConfigureAwait(false))
            {
                try
                {
                    list.Add(shaper(reader));
                }
                catch (Exception error) when (ReadFailure.Describe(reader, list.Count, error) is { } described)
                {
                    throw described;
                }
            }

            scope.Record?.Rows = list.Count;
            await WrittenAsync(operation, sql).ConfigureAwait(false);
            return list;
        }
        catch (Exception error) when (Failed(scope.Record, error, cancellationToken) is { } mapped)
        {
            throw mapped;
        }
    }

    private async IAsyncEnumerable<T> StreamCoreAsync<T>(OperationInfo operation, string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> shaper,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var scope = await StartAsync(operation, sql, parameters, cancellationToken).ConfigureAwait(false);
        NpgsqlDataReader reader;
        try
        {
            reader = await scope.Command.ExecuteReaderAsync(scope.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (Failed(scope.Record, error, cancellationToken) is { } mapped)
        {
            throw mapped;
        }

        await using (reader)
        {
            var row = 0;
            while (await reader.ReadAsync(scope.Token).ConfigureAwait(false))
            {
                // Rows already buffered are returned without a network read, so check the token for every row.
                scope.Token.ThrowIfCancellationRequested();
                T item;
                try
                {
                    item = shaper(reader);
                }
                catch (Exception error) when (ReadFailure.Describe(reader, row, error) is { } described)
                {
                    throw described;
                }

                row++;
                scope.Record?.Rows = row;
                yield return item;
            }
        }
    }

    private async Task<T> SingleCoreAsync<T>(OperationInfo operation, string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> shaper, RowCardinality cardinality,
        CancellationToken cancellationToken)
    {
        await using var scope = await StartAsync(operation, sql, parameters, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var reader = await scope.Command.ExecuteReaderAsync(scope.Token).ConfigureAwait(false);
            if (!await reader.ReadAsync(scope.Token).ConfigureAwait(false))
            {
                scope.Record?.Rows = 0;
                return cardinality switch
                {
                    RowCardinality.FirstOrDefault or RowCardinality.SingleOrDefault => default!,
                    RowCardinality.Scalar => throw new InvalidOperationException("The aggregate query returned no row."),
                    RowCardinality.ElementAt => throw new ArgumentOutOfRangeException("index", "Index was out of range. Must be non-negative and less than the size of the collection."),
                    _ => throw new InvalidOperationException("Sequence contains no elements"),
                };
            }

            T result;
            try
            {
                result = shaper(reader);
            }
            catch (Exception error) when (ReadFailure.Describe(reader, 0, error) is { } described)
            {
                throw described;
            }

            if (cardinality is RowCardinality.Single or RowCardinality.SingleOrDefault
                && await reader.ReadAsync(scope.Token).ConfigureAwait(false))
            {
                throw new InvalidOperationException("Sequence contains more than one element");
            }

            scope.Record?.Rows = 1;
            await WrittenAsync(operation, sql).ConfigureAwait(false);
            return result;
        }
        catch (Exception error) when (Failed(scope.Record, error, cancellationToken) is { } mapped)
        {
            throw mapped;
        }
    }

    private async Task<int> NonQueryCoreAsync(OperationInfo operation, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        await using var scope = await StartAsync(operation, sql, parameters, cancellationToken).ConfigureAwait(false);
        try
        {
            var affected = await scope.Command.ExecuteNonQueryAsync(scope.Token).ConfigureAwait(false);
            scope.Record?.Rows = affected;
            await WrittenAsync(operation, sql).ConfigureAwait(false);
            return affected;
        }
        catch (Exception error) when (Failed(scope.Record, error, cancellationToken) is { } mapped)
        {
            throw mapped;
        }
    }

    // One statement: on the data source, or on the transaction's connection (waiting for its earlier statements).
    // Not an async method: the data source's command, and the transaction's when its connection is free (the usual
    // case), are made synchronously; only a statement that has to wait for the connection runs one.
    private ValueTask<CommandScope> StartAsync(OperationInfo operation, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        if (Binding is null)
        {
            GuardOuterClient(sql);
            var record = Telemetry.Start(operation, sql, parameters);
            var command = _dataSource.CreateCommand(sql);
            AddParameters(command, parameters);
            return new ValueTask<CommandScope>(new CommandScope(command, cancellationToken, record, null));
        }

        var entering = Binding.EnterAsync(cancellationToken);
        return entering.IsCompletedSuccessfully
            ? new ValueTask<CommandScope>(Bound(entering.Result, operation, sql, parameters))
            : StartBoundAsync(entering, operation, sql, parameters);
    }

    private async ValueTask<CommandScope> StartBoundAsync(ValueTask<TransactionBinding.Lease> entering, OperationInfo operation, string sql, NpgsqlParameter[] parameters) =>
        Bound(await entering.ConfigureAwait(false), operation, sql, parameters);

    private CommandScope Bound(TransactionBinding.Lease lease, OperationInfo operation, string sql, NpgsqlParameter[] parameters)
    {
        var record = Telemetry.Start(operation, sql, parameters);
        var command = new NpgsqlCommand(sql, Binding!.Connection, Binding.Transaction);
        AddParameters(command, parameters);
        return new CommandScope(command, lease.Token, record, lease);
    }

    // AddRange takes an Array: it enumerates through a boxed enumerator and casts each element; a loop does neither.
    private static void AddParameters(NpgsqlCommand command, NpgsqlParameter[] parameters)
    {
        var collection = command.Parameters;
        foreach (var parameter in parameters)
        {
            collection.Add(parameter);
        }
    }

    /// <summary>
    /// The outer client used inside a transaction callback would run outside the transaction: refuse (or warn, when
    /// the options say so). Checked per statement; the ambient value is an AsyncLocal read.
    /// </summary>
    internal void GuardOuterClient(string sql)
    {
        if (AmbientTransaction.Value is not { } ambient || ambient.Finished || !ReferenceEquals(ambient.Root.Executor.Root, _root))
        {
            return;
        }

        var operation = Describe(sql);
        if (_outerClientUse == OuterClientUse.Throw)
        {
            throw new OuterClientInTransactionException(operation);
        }

        ExecutorLog.OuterClientInTransaction(_logger, operation);
    }

    private static string Describe(string sql)
    {
        var text = sql.Length > 80 ? sql[..80] + "…" : sql;
        return "The statement '" + text + "'";
    }

    // A server error becomes its typed exception; the transaction's timeout firing becomes TransactionTimeoutException.
    internal Exception? Translate(Exception error, CancellationToken callerToken) => error switch
    {
        PostgresException postgres when Binding is { TimedOut: true } => Binding.Expired(postgres),
        // With the guard left out, the range check answers for it: the same typed error as the guard's 22003.
        PostgresException postgres when _root.DecimalBounds.IsRangeCheck(postgres) => ErrorMapper.RangeCheck(postgres),
        PostgresException postgres => ConnectionFaults.Map(postgres, _dataSource) ?? ErrorMapper.Map(postgres, _model),
        OperationCanceledException when Binding is { TimedOut: true } && !callerToken.IsCancellationRequested => Binding.Expired(error),
        NpgsqlException when Binding is { TimedOut: true } => Binding.Expired(error),
        NpgsqlException npgsql => ConnectionFaults.Map(npgsql, _dataSource, PoolWait),
        InvalidCastException cast => EnumMappings.Missing(cast, _model),
        _ => null,
    };

    // The typed error, noted on the operation's record (which logs it once, when the operation ends).
    private Exception? Failed(StatementRecord? record, Exception error, CancellationToken callerToken)
    {
        var mapped = Translate(error, callerToken);
        record?.Fail(mapped ?? error, callerToken);
        return mapped;
    }

    private readonly struct CommandScope(NpgsqlCommand command, CancellationToken token, StatementRecord? record, TransactionBinding.Lease? lease)
        : IAsyncDisposable
    {
        public NpgsqlCommand Command => command;

        public CancellationToken Token => token;

        public StatementRecord? Record => record;

        // Synchronous when the command's disposal is (it is for a command that is not prepared) and the lease's is
        // (it is unless the transaction timed out): no async method per statement.
        public ValueTask DisposeAsync()
        {
            var disposing = command.DisposeAsync();
            if (!disposing.IsCompletedSuccessfully)
            {
                return DisposeSlowlyAsync(disposing, record, lease);
            }

            record?.End();
            return lease is { } held ? held.DisposeAsync() : default;
        }

        private static async ValueTask DisposeSlowlyAsync(ValueTask disposing, StatementRecord? record, TransactionBinding.Lease? lease)
        {
            await disposing.ConfigureAwait(false);
            record?.End();
            if (lease is { } held)
            {
                await held.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}

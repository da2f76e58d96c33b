using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Linq.Execution;

/// <summary>
/// Runs statements on the data source: one pooled connection per call, typed rows through a shaper.
/// Cancellation reaches the server: Npgsql sends a cancel request when the token fires.
/// </summary>
internal sealed class CommandExecutor(NpgsqlDataSource dataSource, ILogger logger, bool sensitiveLogging, Modeling.DatabaseModel model)
{
    public async Task<List<T>> ListAsync<T>(string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> shaper, CancellationToken cancellationToken)
    {
        try
        {
            return await ListCoreAsync(sql, parameters, shaper, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException error)
        {
            throw Errors.ErrorMapper.Map(error, model);
        }
    }

    private async Task<List<T>> ListCoreAsync<T>(string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> shaper, CancellationToken cancellationToken)
    {
        using var activity = LinqDiagnostics.StartCommand(sql);
        await using var command = Create(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(shaper(reader));
        }

        return list;
    }

    public async IAsyncEnumerable<T> StreamAsync<T>(string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> shaper,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var activity = LinqDiagnostics.StartCommand(sql);
        await using var command = Create(sql, parameters);
        await using var reader = await OpenReaderAsync(command, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // Rows already buffered are returned without a network read, so check the token for every row.
            cancellationToken.ThrowIfCancellationRequested();
            yield return shaper(reader);
        }
    }

    public async Task<T> SingleAsync<T>(string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> shaper, RowCardinality cardinality,
        CancellationToken cancellationToken)
    {
        try
        {
            return await SingleCoreAsync(sql, parameters, shaper, cardinality, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException error)
        {
            throw Errors.ErrorMapper.Map(error, model);
        }
    }

    private async Task<T> SingleCoreAsync<T>(string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> shaper, RowCardinality cardinality,
        CancellationToken cancellationToken)
    {
        using var activity = LinqDiagnostics.StartCommand(sql);
        await using var command = Create(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return cardinality switch
            {
                RowCardinality.FirstOrDefault or RowCardinality.SingleOrDefault => default!,
                RowCardinality.Scalar => throw new InvalidOperationException("The aggregate query returned no row."),
                _ => throw new InvalidOperationException("Sequence contains no elements."),
            };
        }

        var result = shaper(reader);
        if (cardinality is RowCardinality.Single or RowCardinality.SingleOrDefault
            && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("Sequence contains more than one element.");
        }

        return result;
    }

    public async Task<int> NonQueryAsync(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        using var activity = LinqDiagnostics.StartCommand(sql);
        await using var command = Create(sql, parameters);
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException error)
        {
            throw Errors.ErrorMapper.Map(error, model);
        }
    }

    private async Task<NpgsqlDataReader> OpenReaderAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        try
        {
            return await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException error)
        {
            throw Errors.ErrorMapper.Map(error, model);
        }
    }

    private NpgsqlCommand Create(string sql, NpgsqlParameter[] parameters)
    {
        Log(sql, parameters);
        var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter);
        }

        return command;
    }

    internal void Log(string sql, NpgsqlParameter[] parameters)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        if (sensitiveLogging && parameters.Length > 0)
        {
            var values = string.Join(", ", parameters.Select((p, i) => $"${i + 1}={p.Value ?? "NULL"}"));
            ExecutorLog.ExecutingWithParameters(logger, sql, values);
        }
        else
        {
            ExecutorLog.Executing(logger, sql);
        }
    }
}

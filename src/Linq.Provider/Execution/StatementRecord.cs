using System.Diagnostics;
using System.Text;
using Linq.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Linq.Execution;

/// <summary>
/// One observed operation, created only when something listens: its start time, span, rows and round trips; at
/// <see cref="End"/> it writes the log event, closes the span and records the duration.
/// </summary>
internal sealed class StatementRecord(StatementTelemetry telemetry, OperationInfo info, string sql, NpgsqlParameter[][] parameters,
    Activity? activity, bool logged, bool measured)
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private Exception? _error;
    private bool _cancelled;
    private bool _ended;

    public int Rows { get; set; } = -1;

    public int RoundTrips { get; set; } = 1;

    /// <summary>Notes the error the operation ends with (the typed one, when it was mapped). Always false: used in exception filters.</summary>
    public bool Fail(Exception error, CancellationToken callerToken)
    {
        _error ??= error;
        _cancelled = error is OperationCanceledException && callerToken.IsCancellationRequested;
        return false;
    }

    public void End()
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        var elapsed = Stopwatch.GetTimestamp() - _started;
        var milliseconds = Math.Round(elapsed * 1000.0 / Stopwatch.Frequency, 3);
        var operation = StatementTelemetry.OperationName(info.Operation);
        var model = info.Model?.Name ?? "(no model)";
        var text = sql;
        var errorType = _error is null ? null : ErrorType(_error);
        if (logged)
        {
            Log(operation, model, text, milliseconds, elapsed);
        }

        if (activity is not null)
        {
            if (activity.IsAllDataRequested)
            {
                if (Rows >= 0)
                {
                    activity.SetTag(DbAttributes.ReturnedRows, Rows);
                }

                activity.SetTag(DbAttributes.RoundTrips, RoundTrips);
                if (_error is not null)
                {
                    activity.SetTag(DbAttributes.ErrorType, errorType);
                    activity.SetTag(DbAttributes.StatusCode, SqlState(_error));
                    activity.SetTag(DbAttributes.ErrorCode, (_error as LinqRequestException)?.Code);
                    activity.SetStatus(ActivityStatusCode.Error, _error.GetType().Name);
                }
            }

            activity.Dispose();
        }

        if (measured)
        {
            var tags = new TagList
            {
                { DbAttributes.SystemName, DbAttributes.Postgresql },
                { DbAttributes.Namespace, telemetry.Database },
                { DbAttributes.OperationName, operation },
                { DbAttributes.ServerAddress, telemetry.ServerAddress },
                { DbAttributes.ServerPort, telemetry.ServerPortTag },
            };
            if (info.Collection is { } collection)
            {
                tags.Add(DbAttributes.CollectionName, collection);
            }

            if (errorType is not null)
            {
                tags.Add(DbAttributes.ErrorType, errorType);
            }

            LinqMetrics.OperationDuration.Record(elapsed / (double)Stopwatch.Frequency, tags);
        }
    }

    private void Log(string operation, string model, string text, double milliseconds, long elapsed)
    {
        var logger = telemetry.Logger;
        if (_error is not null)
        {
            if (_cancelled)
            {
                StatementLog.Cancelled(logger, operation, model, milliseconds, text);
            }
            else if (_error is not TransactionTimeoutException)
            {
                // A transaction's timeout is reported once, by the transaction; transient errors may well succeed when retried.
                var level = _error is LinqRequestException { IsTransient: true } ? LogLevel.Warning : LogLevel.Error;
                StatementLog.Failed(logger, level, _error, operation, model, Code(_error), milliseconds, text);
            }

            return;
        }

        var rows = Math.Max(Rows, 0);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            if (telemetry.LogParameterValues && parameters.Any(p => p.Length > 0))
            {
                StatementLog.ExecutedWithParameters(logger, operation, model, milliseconds, rows, RoundTrips, text, Values(parameters));
            }
            else
            {
                StatementLog.Executed(logger, operation, model, milliseconds, rows, RoundTrips, text);
            }
        }

        if (telemetry.IsSlow(elapsed))
        {
            StatementLog.Slow(logger, operation, model, milliseconds, telemetry.SlowThreshold.TotalMilliseconds, rows, RoundTrips, text);
        }
    }

    // $1=…, $2=… per statement; the statements of a batch are numbered from $1 each, so they are listed apart.
    private static string Values(NpgsqlParameter[][] statements)
    {
        var text = new StringBuilder();
        foreach (var parameters in statements)
        {
            if (text.Length > 0)
            {
                text.Append("; ");
            }

            for (var i = 0; i < parameters.Length; i++)
            {
                text.Append(i == 0 ? "$" : ", $").Append(i + 1).Append('=').Append(parameters[i].Value ?? "NULL");
            }
        }

        return text.ToString();
    }

    // The Prisma-style code when the error has one, else the SQLSTATE, else the exception's type.
    private static string Code(Exception error) => error switch
    {
        LinqRequestException typed => typed.Code,
        PostgresException postgres => postgres.SqlState,
        _ => error.GetType().Name,
    };

    private static string? SqlState(Exception error) => error as PostgresException is { } postgres
        ? postgres.SqlState
        : (error.InnerException as PostgresException)?.SqlState;

    // error.type: the SQLSTATE when the server refused, else the exception's full type name (as the conventions suggest).
    private static string ErrorType(Exception error) => SqlState(error) ?? error.GetType().FullName ?? error.GetType().Name;
}

using System.Diagnostics;
using Linq.Diagnostics;
using Linq.Execution;

namespace Linq.Transactions;

/// <summary>What an interactive transaction reports: retries after a conflict, and a timeout (once, here, not per statement).</summary>
internal static class TransactionEvents
{
    public static void Retried(StatementTelemetry telemetry, TransactionConflictException conflict, int attempt, int maxRetries, TimeSpan delay)
    {
        LinqMetrics.TransactionRetries.Add(1, new KeyValuePair<string, object?>(DbAttributes.Namespace, telemetry.Database));
        StatementLog.TransactionRetried(telemetry.Logger, conflict.Code, attempt, maxRetries, Math.Round(delay.TotalMilliseconds, 1));
    }

    /// <summary>Reports the error the transaction ends with, on its span; a timeout also in the log and the metric.</summary>
    public static void Failed(StatementTelemetry telemetry, Activity? span, Exception error, TimeSpan timeout)
    {
        if (error is TransactionTimeoutException)
        {
            LinqMetrics.TransactionTimeouts.Add(1, new KeyValuePair<string, object?>(DbAttributes.Namespace, telemetry.Database));
            StatementLog.TransactionTimedOut(telemetry.Logger, timeout.TotalMilliseconds);
        }

        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(DbAttributes.ErrorType, error.GetType().FullName);
            span.SetTag(DbAttributes.ErrorCode, (error as LinqRequestException)?.Code);
            span.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        }
    }
}

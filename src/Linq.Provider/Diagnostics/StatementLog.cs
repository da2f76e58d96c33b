using Microsoft.Extensions.Logging;

namespace Linq.Diagnostics;

/// <summary>
/// The log events of statements and transactions (source-generated: nothing is formatted or allocated when the level
/// is off). Ids are <see cref="LinqEventIds"/>; parameter values appear only in <see cref="ExecutedWithParameters"/>.
/// </summary>
internal static partial class StatementLog
{
    [LoggerMessage(EventId = LinqEventIds.StatementExecuted, Level = LogLevel.Debug,
        Message = "Executed {Operation} on {Model} in {ElapsedMs} ms ({Rows} rows, {RoundTrips} round trips): {Sql}")]
    public static partial void Executed(ILogger logger, string operation, string model, double elapsedMs, int rows, int roundTrips, string sql);

    [LoggerMessage(EventId = LinqEventIds.StatementExecutedWithParameters, Level = LogLevel.Debug,
        Message = "Executed {Operation} on {Model} in {ElapsedMs} ms ({Rows} rows, {RoundTrips} round trips): {Sql} with parameters {Parameters}")]
    public static partial void ExecutedWithParameters(ILogger logger, string operation, string model, double elapsedMs, int rows, int roundTrips, string sql,
        string parameters);

    [LoggerMessage(EventId = LinqEventIds.SlowStatement, Level = LogLevel.Warning,
        Message = "Slow {Operation} on {Model}: {ElapsedMs} ms, over the threshold of {ThresholdMs} ms ({Rows} rows, {RoundTrips} round trips): {Sql}")]
    public static partial void Slow(ILogger logger, string operation, string model, double elapsedMs, double thresholdMs, int rows, int roundTrips, string sql);

    [LoggerMessage(EventId = LinqEventIds.StatementFailed, Message = "{Operation} on {Model} failed with {Code} after {ElapsedMs} ms: {Sql}")]
    public static partial void Failed(ILogger logger, LogLevel level, Exception error, string operation, string model, string code, double elapsedMs, string sql);

    [LoggerMessage(EventId = LinqEventIds.StatementCancelled, Level = LogLevel.Debug,
        Message = "{Operation} on {Model} was cancelled after {ElapsedMs} ms: {Sql}")]
    public static partial void Cancelled(ILogger logger, string operation, string model, double elapsedMs, string sql);

    [LoggerMessage(EventId = LinqEventIds.NPlusOneDetected, Level = LogLevel.Warning,
        Message = "N+1 queries: {Count} statements of one shape with different values in one scope, called from {Location}. "
            + "Load the rows together instead: Include the relation, select it in a nested Select, or load it with LoadStrategy.Query "
            + "(or query all the keys at once with Contains). Shape: {Sql}")]
    public static partial void NPlusOne(ILogger logger, int count, string location, string sql);

    [LoggerMessage(EventId = LinqEventIds.TransactionRetried, Level = LogLevel.Information,
        Message = "Transaction conflicted ({Code}); running it again (retry {Attempt} of {MaxRetries}) after {DelayMs} ms")]
    public static partial void TransactionRetried(ILogger logger, string code, int attempt, int maxRetries, double delayMs);

    [LoggerMessage(EventId = LinqEventIds.TransactionTimedOut, Level = LogLevel.Warning,
        Message = "Transaction ran past its timeout of {TimeoutMs} ms and was rolled back (P2028)")]
    public static partial void TransactionTimedOut(ILogger logger, double timeoutMs);
}

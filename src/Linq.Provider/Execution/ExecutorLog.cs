using Microsoft.Extensions.Logging;

namespace Linq.Execution;

/// <summary>Log messages of the executor (source-generated, no allocation when the level is off); statement events are in Diagnostics.StatementLog.</summary>
internal static partial class ExecutorLog
{
    [LoggerMessage(EventId = LinqEventIds.OuterClientInTransaction, Level = LogLevel.Warning,
        Message = "{Operation} was sent through the outer client inside a transaction callback; it runs outside the transaction")]
    public static partial void OuterClientInTransaction(ILogger logger, string operation);
}

using Microsoft.Extensions.Logging;

namespace Linq.Execution;

/// <summary>Log messages of the executor (source-generated, no allocation when the level is off).</summary>
internal static partial class ExecutorLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Executing {Sql}")]
    public static partial void Executing(ILogger logger, string sql);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Executing {Sql} with parameters {Parameters}")]
    public static partial void ExecutingWithParameters(ILogger logger, string sql, string parameters);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Operation} was sent through the outer client inside a transaction callback; it runs outside the transaction")]
    public static partial void OuterClientInTransaction(ILogger logger, string operation);
}

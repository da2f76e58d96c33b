using Microsoft.Extensions.Logging;

namespace Linq.Routing;

/// <summary>Log messages of read replica routing (source-generated).</summary>
internal static partial class ReplicaLog
{
    [LoggerMessage(EventId = 40, Level = LogLevel.Warning,
        Message = "Read replica {Replica} failed ({Code}, {Failures} time(s) in a row): reads skip it for {Backoff} and go to the other replicas or the primary")]
    public static partial void ReplicaDown(ILogger logger, int replica, string code, int failures, TimeSpan backoff, Exception error);
}

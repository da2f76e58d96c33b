using System.Diagnostics;
using Linq.Execution;

namespace Linq;

/// <summary>
/// The names to subscribe to for OpenTelemetry: the <see cref="ActivitySource"/> every operation is traced under and the
/// <see cref="System.Diagnostics.Metrics.Meter"/> of Linq's metrics, both named <c>Linq</c>. The <c>Linq.OpenTelemetry</c>
/// package's <c>AddLinqInstrumentation()</c> subscribes to both.
/// </summary>
public static class LinqDiagnostics
{
    /// <summary>The activity source name to subscribe to.</summary>
    public const string ActivitySourceName = "Linq";

    /// <summary>The meter name to subscribe to (<c>db.client.operation.duration</c>, plan cache, transactions, N+1).</summary>
    public const string MeterName = "Linq";

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    /// <summary>
    /// A span for one extra round trip of an operation (COMMIT, SAVEPOINT, a COPY group), a child of the operation's
    /// span; named for the statement's first word, as the conventions ask when it is not the operation itself.
    /// </summary>
    internal static Activity? StartCommand(OperationInfo operation, string sql, string? database = null)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var space = sql.IndexOf(' ', StringComparison.Ordinal);
        var keyword = space < 0 ? sql : sql[..space];
        var activity = Source.StartActivity(keyword, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system.name", "postgresql");
            activity.SetTag("db.namespace", database);
            activity.SetTag("db.operation.name", keyword);
            activity.SetTag("db.collection.name", operation.Collection);
            activity.SetTag("db.query.text", sql);
        }

        return activity;
    }
}

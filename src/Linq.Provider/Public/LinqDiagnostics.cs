using System.Diagnostics;
using Linq.Execution;

namespace Linq;

/// <summary>The <see cref="ActivitySource"/> every statement is traced under (name <c>Linq</c>), for OpenTelemetry.</summary>
public static class LinqDiagnostics
{
    /// <summary>The activity source name to subscribe to.</summary>
    public const string ActivitySourceName = "Linq";

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    internal static Activity? StartCommand(OperationInfo operation, string sql, string? database = null)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity("postgresql", ActivityKind.Client);
        activity?.SetTag("db.system", "postgresql");
        activity?.SetTag("db.query.text", sql);
        activity?.SetTag("db.namespace", database);
        activity?.SetTag("db.operation.name", operation.Operation.ToString());
        activity?.SetTag("db.collection.name", operation.Collection);
        return activity;
    }
}

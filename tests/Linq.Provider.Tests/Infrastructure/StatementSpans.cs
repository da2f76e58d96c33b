using System.Collections.Concurrent;
using System.Diagnostics;

namespace Linq.Provider.Tests.Infrastructure;

/// <summary>
/// The statements one database's clients send, as their spans report them (text and <c>db.operation.batch.size</c>);
/// spans of other test classes' databases are left out.
/// </summary>
public sealed class StatementSpans : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<(string Sql, int BatchSize)> _statements = new();

    public StatementSpans(string database)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LinqDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("db.namespace") as string == database && activity.GetTagItem("db.query.text") is string sql)
                {
                    _statements.Enqueue((sql, activity.GetTagItem("db.operation.batch.size") is int size ? size : 0));
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<(string Sql, int BatchSize)> Statements => [.. _statements];

    public void Dispose() => _listener.Dispose();
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace Linq.Provider.Tests.Infrastructure;

/// <summary>Counts the statements the client sends (each runs under one activity of the "Linq" source).</summary>
public sealed class StatementCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<(DateTime Started, string Sql)> _statements = new();
    private int _count;

    public StatementCounter(string databaseMarker)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LinqDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("db.query.text") is string sql && sql.Contains(databaseMarker, StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _count);
                    Sql = sql;
                    _statements.Enqueue((activity.StartTimeUtc, sql));
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>The last counted statement.</summary>
    public string? Sql { get; private set; }

    /// <summary>Every counted statement, in the order they started (an operation's span ends after its COMMIT child).</summary>
    public IReadOnlyList<string> Statements => [.. _statements.OrderBy(s => s.Started).Select(s => s.Sql)];

    public void Dispose() => _listener.Dispose();
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace Linq.Provider.Tests.Infrastructure;

/// <summary>
/// The statements the client sends to one database (its operation spans' <c>db.namespace</c>), in the order they
/// started: a test class's own database, so statements of classes running in parallel never mix in.
/// </summary>
public sealed class DatabaseStatements : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<(DateTime Started, string Sql)> _statements = new();

    public DatabaseStatements(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LinqDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("db.query.text") is string sql && Equals(activity.GetTagItem("db.namespace"), database))
                {
                    _statements.Enqueue((activity.StartTimeUtc, sql));
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Every statement so far, in the order they started.</summary>
    public IReadOnlyList<string> Statements => [.. _statements.OrderBy(s => s.Started).Select(s => s.Sql)];

    public void Dispose() => _listener.Dispose();
}

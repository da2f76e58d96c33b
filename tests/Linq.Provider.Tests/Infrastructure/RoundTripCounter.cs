using System.Diagnostics;
using Npgsql;

namespace Linq.Provider.Tests.Infrastructure;

/// <summary>
/// Counts the round trips the client makes to one database: every statement, batch, COPY and COMMIT runs under one
/// activity of the "Linq" source tagged with the database name, so tests in other classes (other databases) do not count.
/// </summary>
public sealed class RoundTripCounter : IDisposable
{
    private readonly ActivityListener _listener;
    // By start time: an operation's span ends after its child round trips (its COMMIT), yet it ran first.
    private readonly List<(DateTime Started, string Sql)> _statements = [];

    public RoundTripCounter(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LinqDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("db.namespace") as string == database && activity.GetTagItem("db.query.text") is string sql)
                {
                    lock (_statements)
                    {
                        _statements.Add((activity.StartTimeUtc, sql));
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int Count
    {
        get
        {
            lock (_statements)
            {
                return _statements.Count;
            }
        }
    }

    public IReadOnlyList<string> Statements
    {
        get
        {
            lock (_statements)
            {
                return [.. _statements.OrderBy(s => s.Started).Select(s => s.Sql)];
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

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

    /// <summary>The spans of the database <paramref name="connectionString"/> names (a test class's own database).</summary>
    public static StatementSpans Of(string connectionString) => new(new NpgsqlConnectionStringBuilder(connectionString).Database!);

    /// <summary>Every statement so far with its batch size, in the order they ended (for awaited statements, the order they ran).</summary>
    public IReadOnlyList<(string Sql, int BatchSize)> Statements => [.. _statements];

    /// <summary>The texts of <see cref="Statements"/>.</summary>
    public IReadOnlyList<string> Texts => [.. _statements.Select(s => s.Sql)];

    public void Dispose() => _listener.Dispose();
}

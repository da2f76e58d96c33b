using System.Diagnostics;
using Linq.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Linq.Execution;

/// <summary>
/// The observability of a client's statements: the query log, the operation spans, the duration histogram and the
/// N+1 detector. One per client, shared with its transaction clients. <c>Start</c> returns null (no allocation,
/// no clock read) when no logger level, activity listener or meter listener is on and no N+1 scope is current.
/// </summary>
internal sealed class StatementTelemetry
{
    private readonly ILogger _logger;
    private readonly long _slowTicks;
    private readonly NPlusOneMode _nPlusOneMode;
    private readonly int _nPlusOneThreshold;

    public StatementTelemetry(ILogger logger, LinqDatabaseOptions options, string? database, string connectionString)
    {
        _logger = logger;
        LogParameterValues = options.LogParameterValues;
        SlowThreshold = options.SlowStatementThreshold;
        _slowTicks = options.SlowStatementThreshold < TimeSpan.Zero ? long.MaxValue : (long)(options.SlowStatementThreshold.TotalSeconds * Stopwatch.Frequency);
        _nPlusOneMode = options.NPlusOneMode;
        _nPlusOneThreshold = Math.Max(2, options.NPlusOneThreshold);
        Database = database;
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // A multi-host string names its first host (without a port of its own): the conventions want one address per
        // span. An IPv6 address has several colons and is kept whole.
        var first = builder.Host?.Split(',')[0];
        var colon = first?.LastIndexOf(':') ?? -1;
        ServerAddress = colon > 0 && first!.IndexOf(':') == colon ? first[..colon] : first;
        ServerPort = builder.Port;
        ServerPortTag = builder.Port;
    }

    public ILogger Logger => _logger;

    public bool LogParameterValues { get; }

    public TimeSpan SlowThreshold { get; }

    public string? Database { get; }

    public string? ServerAddress { get; }

    public int ServerPort { get; }

    // Boxed once: a metric tag per operation must not allocate.
    public object ServerPortTag { get; }

    internal bool IsSlow(long elapsedTicks) => elapsedTicks > _slowTicks;

    /// <summary>
    /// Starts observing one operation of one statement: counts it for the N+1 detector (which may throw in
    /// <see cref="NPlusOneMode.Throw"/>), and returns its record when anything listens, else null.
    /// </summary>
    public StatementRecord? Start(OperationInfo info, string sql, NpgsqlParameter[] parameters)
    {
        if (_nPlusOneMode != NPlusOneMode.Off && parameters.Length > 0 && IsRead(info.Operation) && NPlusOneTracker.Current() is { } tracker)
        {
            Detect(tracker, sql, parameters);
        }

        return Wanted(out var logged, out var measured) ? Record(info, sql, [parameters], logged, measured, textOnSpan: true) : null;
    }

    /// <summary>Starts observing a batch sent in one round trip (its text is joined only when something listens).</summary>
    public StatementRecord? Start(OperationInfo info, IReadOnlyList<IBatchStatement> statements) =>
        Wanted(out var logged, out var measured)
            ? Record(info, string.Join(";\n", statements.Select(s => s.Sql)), [.. statements.Select(s => s.Parameters)], logged, measured, textOnSpan: true)
            : null;

    /// <summary>Starts observing a batch transaction: BEGIN, its items and COMMIT in one round trip.</summary>
    public StatementRecord? Start(OperationInfo info, string begin, IReadOnlyList<BatchCommandSpec> items, string end) =>
        Wanted(out var logged, out var measured)
            ? Record(info, string.Join(";\n", items.Select(i => i.Sql).Prepend(begin).Append(end)), [.. items.Select(i => i.Parameters)], logged, measured,
                textOnSpan: true)
            : null;

    /// <summary>
    /// Starts observing an operation of several round trips that carry their own spans (a COPY per group): its span
    /// has no text of its own, the log event has <paramref name="description"/>.
    /// </summary>
    public StatementRecord? StartWithoutText(OperationInfo info, string description) =>
        Wanted(out var logged, out var measured) ? Record(info, description, [], logged, measured, textOnSpan: false) : null;

    private bool Wanted(out bool logged, out bool measured)
    {
        logged = _logger.IsEnabled(LogLevel.Error);
        measured = LinqMetrics.OperationDuration.Enabled;
        return logged || measured || LinqDiagnostics.Source.HasListeners();
    }

    private StatementRecord Record(OperationInfo info, string sql, NpgsqlParameter[][] parameters, bool logged, bool measured, bool textOnSpan)
    {
        var activity = LinqDiagnostics.Source.HasListeners() ? StartActivity(info, textOnSpan ? sql : null) : null;
        return new StatementRecord(this, info, sql, parameters, activity, logged, measured);
    }

    /// <summary>A parent span for an operation of several statements (a query with follow-ups, an interactive transaction).</summary>
    public Activity? StartParent(OperationInfo info) =>
        LinqDiagnostics.Source.HasListeners() ? StartActivity(info, null) : null;

    private Activity? StartActivity(OperationInfo info, string? sql)
    {
        var operation = OperationName(info.Operation);
        var target = info.Collection ?? Database;
        var activity = LinqDiagnostics.Source.StartActivity(target is null ? operation : operation + " " + target, ActivityKind.Client);
        if (activity is not { IsAllDataRequested: true })
        {
            return activity;
        }

        activity.SetTag(DbAttributes.SystemName, DbAttributes.Postgresql);
        activity.SetTag(DbAttributes.Namespace, Database);
        activity.SetTag(DbAttributes.CollectionName, info.Collection);
        activity.SetTag(DbAttributes.OperationName, operation);
        activity.SetTag(DbAttributes.QueryText, sql);
        activity.SetTag(DbAttributes.ServerAddress, ServerAddress);
        activity.SetTag(DbAttributes.ServerPort, ServerPort);
        if (info.BatchSize > 0)
        {
            activity.SetTag(DbAttributes.BatchSize, info.BatchSize);
        }

        return activity;
    }

    private void Detect(NPlusOneTracker tracker, string sql, NpgsqlParameter[] parameters)
    {
        var count = tracker.Observe(sql, parameters, _nPlusOneThreshold);
        if (count == 0)
        {
            return;
        }

        // Only here, once per shape and scope: the stack walk is too dear for every statement.
        var location = CallerLocation.Find();
        LinqMetrics.NPlusOneDetections.Add(1, new KeyValuePair<string, object?>(DbAttributes.Namespace, Database));
        if (_nPlusOneMode == NPlusOneMode.Throw)
        {
            throw new NPlusOneDetectedException(
                $"N+1 queries: {count} statements of one shape with different values in one scope, called from {location}. Load the rows together "
                + "instead: Include the relation, select it in a nested Select, or load it with LoadStrategy.Query (or query all the keys at once "
                + "with Contains). Shape: " + sql, sql, count, location);
        }

        StatementLog.NPlusOne(_logger, count, location, sql);
    }

    // Reads repeat per row in an N+1 loop; a loop of writes is a different matter (CreateMany, UpdateMany).
    private static bool IsRead(LinqOperation operation) => operation is LinqOperation.FindUnique or LinqOperation.FindFirst or LinqOperation.FindMany
        or LinqOperation.Count or LinqOperation.Aggregate or LinqOperation.Exists or LinqOperation.QueryRaw;

    internal static string OperationName(LinqOperation operation) => operation.ToString();
}

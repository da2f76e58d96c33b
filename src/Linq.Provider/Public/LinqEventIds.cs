namespace Linq;

/// <summary>
/// The stable <see cref="Microsoft.Extensions.Logging.EventId"/> values of Linq's log events (category <c>Linq.Database</c>),
/// for filters and alerts. They never change meaning; new events get new numbers. See docs/observability.md.
/// </summary>
public static class LinqEventIds
{
    /// <summary>Debug: a statement (or batch) completed: operation, model, duration, rows, round trips and SQL text.</summary>
    public const int StatementExecuted = 1;

    /// <summary>Debug: as <see cref="StatementExecuted"/>, with the parameter values (only with <see cref="LinqDatabaseOptions.LogParameterValues"/>).</summary>
    public const int StatementExecutedWithParameters = 2;

    /// <summary>Warning: the outer client ran a statement inside a transaction callback (<see cref="OuterClientUse.Warn"/>).</summary>
    public const int OuterClientInTransaction = 3;

    /// <summary>Warning: a statement took longer than <see cref="LinqDatabaseOptions.SlowStatementThreshold"/>.</summary>
    public const int SlowStatement = 4;

    /// <summary>Error (Warning for transient errors): a statement failed, with its Prisma-style code.</summary>
    public const int StatementFailed = 5;

    /// <summary>Debug: a statement was cancelled by the caller's token.</summary>
    public const int StatementCancelled = 6;

    /// <summary>Warning: the N+1 detector saw statements of one shape repeat in a scope.</summary>
    public const int NPlusOneDetected = 7;

    /// <summary>Information: an interactive transaction conflicted (P2034) and runs again.</summary>
    public const int TransactionRetried = 8;

    /// <summary>Warning: an interactive transaction ran past its timeout (P2028) and was rolled back.</summary>
    public const int TransactionTimedOut = 9;
}

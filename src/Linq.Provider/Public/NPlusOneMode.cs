namespace Linq;

/// <summary>What the N+1 detector does when statements of one shape repeat within a scope (<see cref="LinqDatabaseOptions.NPlusOneMode"/>).</summary>
public enum NPlusOneMode
{
    /// <summary>No detection: nothing is counted.</summary>
    Off,

    /// <summary>Logs one warning per shape and scope (the default), and counts it in the <c>linq.n_plus_one.detected</c> metric.</summary>
    Warn,

    /// <summary>Throws <see cref="NPlusOneDetectedException"/> instead of running the statement that reaches the threshold; for tests.</summary>
    Throw,
}

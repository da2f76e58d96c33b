using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Linq;

/// <summary>What the Linq database health check checks and how it reports.</summary>
public sealed class LinqHealthCheckOptions
{
    /// <summary>The check's name in the health report; null (the default) uses <c>linq-&lt;database class&gt;</c>, e.g. <c>linq-BlogDb</c>.</summary>
    public string? Name { get; set; }

    /// <summary>How long the connectivity check (and the migration status query) may take before it reports a failure. Default 5 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Also read the migration history (<see cref="MigrationManager.StatusAsync(CancellationToken)"/>, with the client's
    /// configured migrations source) and report <see cref="PendingMigrationStatus"/> while the database is not up to date
    /// (a migration pending, failed, modified or missing). Off by default: a rolling deploy runs new code against the old
    /// schema for a moment, and taking every instance out of rotation for it is rarely wanted.
    /// </summary>
    public bool CheckMigrations { get; set; }

    /// <summary>What a database that is not up to date with its migrations reports. Default <see cref="HealthStatus.Degraded"/>.</summary>
    public HealthStatus PendingMigrationStatus { get; set; } = HealthStatus.Degraded;

    /// <summary>What an unreachable or failing database reports. Default <see cref="HealthStatus.Unhealthy"/>.</summary>
    public HealthStatus FailureStatus { get; set; } = HealthStatus.Unhealthy;

    /// <summary>Tags for filtering checks per endpoint (e.g. <c>ready</c>).</summary>
    public IList<string> Tags { get; } = [];
}

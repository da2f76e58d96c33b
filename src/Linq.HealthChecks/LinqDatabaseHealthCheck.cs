using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Linq;

/// <summary>
/// The check itself: one <c>SELECT 1</c> through the client's data source (so an exhausted pool shows too), then the
/// migration status when asked. Failures report the exception's type and message, which Npgsql and Linq keep free of
/// passwords; the connection string itself is never reported.
/// </summary>
internal sealed class LinqDatabaseHealthCheck(LinqDatabase database, LinqHealthCheckOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        var failure = context.Registration?.FailureStatus ?? options.FailureStatus;
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using (var command = database.DataSource.CreateCommand("SELECT 1"))
            {
                await command.ExecuteScalarAsync(timeout.Token).ConfigureAwait(false);
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            var data = new Dictionary<string, object> { ["responseTimeMs"] = Math.Round(elapsed.TotalMilliseconds, 1) };
            if (!options.CheckMigrations)
            {
                return HealthCheckResult.Healthy($"PostgreSQL answered in {elapsed.TotalMilliseconds:F0} ms.", data);
            }

            var status = await database.Migrations.StatusAsync(timeout.Token).ConfigureAwait(false);
            data["pendingMigrations"] = status.Pending;
            data["failedMigrations"] = status.Failed;
            data["modifiedMigrations"] = status.Modified;
            data["missingMigrations"] = status.Missing;
            if (status.IsUpToDate)
            {
                return HealthCheckResult.Healthy($"PostgreSQL answered in {elapsed.TotalMilliseconds:F0} ms; {status.Applied.Count} migration(s) applied, none pending.", data);
            }

            var problems = new List<string>();
            Describe(problems, status.Pending, "pending");
            Describe(problems, status.Failed, "failed");
            Describe(problems, status.Modified, "changed after they were applied");
            Describe(problems, status.Missing, "applied but missing from the migrations source");
            return new HealthCheckResult(options.PendingMigrationStatus,
                "The database is not up to date with its migrations: " + string.Join("; ", problems) + ". Run 'linq migrate deploy' (or db.Migrations.DeployAsync).",
                data: data);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(failure, $"PostgreSQL did not answer within {options.Timeout.TotalSeconds:0.###} s.");
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A timeout inside Npgsql (connect or command timeout) surfaces as NpgsqlException or TimeoutException.
            if (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return new HealthCheckResult(failure, $"PostgreSQL did not answer within {options.Timeout.TotalSeconds:0.###} s.", error);
            }

            return new HealthCheckResult(failure, $"The database check failed: {error.GetType().Name}: {error.Message}", error);
        }
    }

    private static void Describe(List<string> problems, IReadOnlyList<string> names, string what)
    {
        if (names.Count > 0)
        {
            problems.Add($"{names.Count} {what} ({string.Join(", ", names)})");
        }
    }
}

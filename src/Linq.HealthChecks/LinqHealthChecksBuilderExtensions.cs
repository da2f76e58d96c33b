using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Linq;

/// <summary>Adds the health check of a Linq database client to <c>services.AddHealthChecks()</c>.</summary>
public static class LinqHealthChecksBuilderExtensions
{
    /// <summary>
    /// Checks the <typeparamref name="TDb"/> client registered with <c>AddLinqDatabase&lt;TDb&gt;</c>: a <c>SELECT 1</c> through
    /// its pool within <see cref="LinqHealthCheckOptions.Timeout"/>, and, with <see cref="LinqHealthCheckOptions.CheckMigrations"/>,
    /// that no migration is pending.
    /// </summary>
    /// <example><code>builder.Services.AddHealthChecks().AddLinqDatabase&lt;BlogDb&gt;(o =&gt; o.CheckMigrations = true);</code></example>
    public static IHealthChecksBuilder AddLinqDatabase<TDb>(this IHealthChecksBuilder builder, Action<LinqHealthCheckOptions>? configure = null)
        where TDb : LinqDatabase
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new LinqHealthCheckOptions();
        configure?.Invoke(options);
        if (options.Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(configure), "The health check's Timeout must be positive.");
        }

        return builder.Add(new HealthCheckRegistration(
            options.Name ?? "linq-" + typeof(TDb).Name,
            sp => new LinqDatabaseHealthCheck(sp.GetRequiredService<TDb>(), options),
            options.FailureStatus,
            options.Tags));
    }
}

using Linq;

namespace OpenTelemetry.Metrics;

/// <summary>Subscribes a meter provider to Linq's metrics.</summary>
public static class LinqMeterProviderBuilderExtensions
{
    /// <summary>
    /// Adds the <c>Linq</c> meter: <c>db.client.operation.duration</c> (seconds, with the conventions' bucket advice),
    /// <c>linq.query_cache.hits</c>/<c>misses</c>/<c>size</c>, <c>linq.transaction.retries</c>/<c>timeouts</c> and
    /// <c>linq.n_plus_one.detected</c>.
    /// </summary>
    /// <param name="builder">The meter provider builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static MeterProviderBuilder AddLinqInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(LinqDiagnostics.MeterName);
    }
}

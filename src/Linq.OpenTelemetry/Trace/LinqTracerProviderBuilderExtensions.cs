using Linq;

namespace OpenTelemetry.Trace;

/// <summary>Subscribes a tracer provider to Linq's spans.</summary>
public static class LinqTracerProviderBuilderExtensions
{
    /// <summary>
    /// Adds the <c>Linq</c> activity source: one client span per operation (<c>FindUnique User</c>, …) with the
    /// OpenTelemetry database attributes (<c>db.system.name</c>, <c>db.namespace</c>, <c>db.collection.name</c>,
    /// <c>db.operation.name</c>, <c>db.query.text</c> with <c>$n</c> placeholders, never values, …), a transaction as a
    /// parent span of its statements.
    /// </summary>
    /// <param name="builder">The tracer provider builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static TracerProviderBuilder AddLinqInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(LinqDiagnostics.ActivitySourceName);
    }
}

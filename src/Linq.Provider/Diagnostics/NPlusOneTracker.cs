using System.Diagnostics;
using Npgsql;

namespace Linq.Diagnostics;

/// <summary>
/// Counts, within one scope, the statements of each shape (the same SQL text, so the same plan) by their distinct
/// parameter values, and reports a shape once when it reaches the threshold. The scope is an explicit
/// <see cref="NPlusOneScope"/> on the async flow, else the root of <see cref="Activity.Current"/> (a request's span).
/// </summary>
internal sealed class NPlusOneTracker
{
    /// <summary>The explicit scope of the current async flow (<c>db.DetectNPlusOne()</c>).</summary>
    internal static readonly AsyncLocal<NPlusOneTracker?> Explicit = new();

    private const string ActivityProperty = "Linq.NPlusOneTracker";
    private static readonly Lock AttachGate = new();

    private readonly Dictionary<string, Shape> _shapes = new(StringComparer.Ordinal);

    /// <summary>The tracker of the current scope, or null outside any scope (then nothing is counted).</summary>
    public static NPlusOneTracker? Current()
    {
        if (Explicit.Value is { } explicitScope)
        {
            return explicitScope;
        }

        if (Activity.Current is not { } activity)
        {
            return null;
        }

        while (activity.Parent is { } parent)
        {
            activity = parent;
        }

        if (activity.GetCustomProperty(ActivityProperty) is NPlusOneTracker attached)
        {
            return attached;
        }

        // First statement under this root: attach one tracker (once, even when statements of the request run in parallel).
        lock (AttachGate)
        {
            if (activity.GetCustomProperty(ActivityProperty) is not NPlusOneTracker tracker)
            {
                tracker = new NPlusOneTracker();
                activity.SetCustomProperty(ActivityProperty, tracker);
            }

            return tracker;
        }
    }

    /// <summary>
    /// Counts one statement; returns how many distinct value sets its shape has seen when this one reaches
    /// <paramref name="threshold"/> for the first time in the scope, else 0.
    /// </summary>
    public int Observe(string sql, NpgsqlParameter[] parameters, int threshold)
    {
        var values = new HashCode();
        foreach (var parameter in parameters)
        {
            values.Add(parameter.Value);
        }

        var hash = values.ToHashCode();
        lock (_shapes)
        {
            if (!_shapes.TryGetValue(sql, out var shape))
            {
                _shapes[sql] = shape = new Shape();
            }

            if (shape.Values is not { } seen || !seen.Add(hash) || seen.Count < threshold)
            {
                return 0;
            }

            // Reported once per shape and scope; the values are no longer needed.
            shape.Values = null;
            return seen.Count;
        }
    }

    private sealed class Shape
    {
        public HashSet<int>? Values { get; set; } = [];
    }
}

using Linq.Diagnostics;

namespace Linq;

/// <summary>
/// An explicit scope of the N+1 detector, from <see cref="LinqDatabase.DetectNPlusOne"/>: statements run by the code
/// inside it (on the same async flow) are counted by shape until it is disposed. Without one, the detector uses the
/// current <see cref="System.Diagnostics.Activity"/>'s root (an ASP.NET request, a message handler) as the scope.
/// </summary>
public sealed class NPlusOneScope : IDisposable
{
    private readonly NPlusOneTracker? _previous;
    private bool _disposed;

    internal NPlusOneScope(NPlusOneTracker tracker)
    {
        Tracker = tracker;
        _previous = NPlusOneTracker.Explicit.Value;
        NPlusOneTracker.Explicit.Value = tracker;
    }

    internal NPlusOneTracker Tracker { get; }

    /// <summary>Ends the scope: later statements are counted by the enclosing scope, if any.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NPlusOneTracker.Explicit.Value = _previous;
    }
}

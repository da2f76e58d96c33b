using Linq.Diagnostics;

namespace Linq;

public abstract partial class LinqDatabase
{
    /// <summary>
    /// Starts an explicit scope of the N+1 detector: within it, when statements of one shape run with different values
    /// <see cref="LinqDatabaseOptions.NPlusOneThreshold"/> times, the detector warns once (or throws, per
    /// <see cref="LinqDatabaseOptions.NPlusOneMode"/>). Dispose it to end the scope: <c>using (db.DetectNPlusOne()) { … }</c>.
    /// </summary>
    /// <returns>The scope; statements of every client count in it while it is current.</returns>
    public NPlusOneScope DetectNPlusOne() => new(new NPlusOneTracker());
}

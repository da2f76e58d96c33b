namespace Linq.Provider.Tests.ResultCaching;

/// <summary>A clock the test moves by hand (the result cache's ttl/swr decisions read it).</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

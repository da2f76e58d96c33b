using Linq.Benchmarks.Competitors;

namespace Linq.Benchmarks.Profiling;

/// <summary>
/// createMany of 10 and 100 users, below the COPY threshold, so Linq sends <c>INSERT … SELECT * FROM unnest(…)</c>
/// (<c>--write-allocations</c>, <c>LINQ_PROFILE_ONLY="create many unnest"</c>): hand-written Npgsql with one typed array
/// per column against the generated client. Each call writes new users (e-mails under the profiler's cleanup prefix).
/// Only on request, as the createMany of 1,000: every call adds rows, too many for the default warm-up of every case.
/// </summary>
public static class CreateManyCases
{
    public static (string Scenario, string Implementation, Func<Task> Call)[] Of(CompetitorSet set)
    {
        if (Environment.GetEnvironmentVariable("LINQ_PROFILE_ONLY") is not { } wanted || !wanted.Contains("create many unnest", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var hand = set.HandWritten;
        var linq = set.Linq;
        long calls = 0;
        string Prefix() => $"alloc-cmu-{calls++}-";
        return
        [
            ("create many unnest 10", "hand-written", () => hand.CreateUsersUnnestAsync(Prefix(), 10)),
            ("create many unnest 10", "Linq", () => linq.CreateUsersAsync(Prefix(), 10)),
            ("create many unnest 100", "hand-written", () => hand.CreateUsersUnnestAsync(Prefix(), 100)),
            ("create many unnest 100", "Linq", () => linq.CreateUsersAsync(Prefix(), 100)),
        ];
    }
}

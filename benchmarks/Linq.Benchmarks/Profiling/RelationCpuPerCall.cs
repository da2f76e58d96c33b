using System.Diagnostics;
using Linq.Benchmarks.Competitors;

namespace Linq.Benchmarks.Profiling;

/// <summary>
/// Client CPU time and allocated bytes per call of the relation reads (<c>--relation-cpu-per-call FILE [CALLS]</c>):
/// users with posts, with posts and comments, and the nested projection, hand-written Npgsql against Dapper and Linq,
/// measured as <see cref="CpuPerCall"/> measures the single-row reads (process CPU time and
/// <see cref="GC.GetTotalAllocatedBytes"/> over sequential calls in alternating rounds), so the ratios hold up on a loaded
/// machine. What the server spends is not in it: compare the statements' plans for that.
/// </summary>
public static class RelationCpuPerCall
{
    private const int Rounds = 20;

    public static async Task<string> RunAsync(int calls)
    {
        var set = await CompetitorSet.SharedAsync();
        var (hand, dapper, linq) = (set.HandWritten, set.Dapper, set.Linq);
        var take = Workload.RelationUsers;
        var cases = new ProfiledCall[]
        {
            new("100 users + posts", "hand-written", () => hand.UsersWithPostsAsync()),
            new("100 users + posts", "Dapper", () => dapper.UsersWithPostsAsync(take)),
            new("100 users + posts", "Linq", () => linq.UsersWithPostsAsync(take)),
            new("100 users + posts + comments", "hand-written", () => hand.UsersWithPostsAndCommentsAsync()),
            new("100 users + posts + comments", "Dapper", () => dapper.UsersWithPostsAndCommentsAsync(take)),
            new("100 users + posts + comments", "Linq", () => linq.UsersWithPostsAndCommentsAsync(take)),
            new("nested projection", "hand-written", () => hand.UserPostTitlesAsync(take)),
            new("nested projection", "Dapper", () => dapper.UserPostTitlesAsync(take)),
            new("nested projection", "Linq", () => linq.UserPostTitlesAsync(take)),
        };

        // LINQ_PROFILE_CASE keeps the cases whose "scenario/implementation" contains it (e.g. "comments/Linq", for a CPU profile of one).
        if (Environment.GetEnvironmentVariable("LINQ_PROFILE_CASE") is { Length: > 0 } only)
        {
            cases = [.. cases.Where(c => $"{c.Scenario}/{c.Implementation}".Contains(only, StringComparison.Ordinal))];
        }

        return await CpuPerCallMeter.MeasureAsync(cases, calls, Rounds, warmUpBatch: 20);
    }
}

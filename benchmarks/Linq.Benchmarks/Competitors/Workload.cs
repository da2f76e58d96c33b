using Linq.Benchmarks.Scenarios;

namespace Linq.Benchmarks.Competitors;

/// <summary>
/// The values every implementation of the comparison gets (passed as arguments, so that LINQ libraries capture
/// them in closures and send them as parameters, as application code does). The data is described in
/// <see cref="BenchmarkDatabase"/>.
/// </summary>
public static class Workload
{
    /// <summary>Find one user by unique e-mail.</summary>
    public const string FindEmail = "user500@bench.example";

    /// <summary>Filter + projection + order + offset: e-mails starting with this (users 1, 10..19, 100..199, 1000..1010: 122 rows).</summary>
    public const string EmailPrefix = "user1";

    /// <summary>Rows skipped by the filtered page.</summary>
    public const int FilterSkip = 20;

    /// <summary>Rows of the filtered page.</summary>
    public const int FilterTake = 10;

    /// <summary>Users loaded with their relations (ids 1..100: 1,000 posts, 2,000 comments).</summary>
    public const int RelationUsers = 100;

    /// <summary>Deep page: rows per page.</summary>
    public const int PageSize = 20;

    /// <summary>Deep page: the position, as an offset and as the last id seen (ids are contiguous, so both give ids 90,001..90,020).</summary>
    public const int DeepPosition = 90_000;

    /// <summary>Rows per create-many call.</summary>
    public const int CreateRows = 1_000;

    /// <summary>Posts created with their user in the nested create.</summary>
    public const int NestedPosts = 10;

    /// <summary>The key of the upsert (created by the first call, updated by every later one).</summary>
    public const string UpsertEmail = "upsert-comparison@bench.example";

    /// <summary>Transfer: the two accounts (money goes back and forth, so balances stay near their start).</summary>
    public const string AccountA = "account1@bench.example";

    /// <inheritdoc cref="AccountA"/>
    public const string AccountB = "account2@bench.example";

    /// <summary>Transfer: the amount moved per transaction.</summary>
    public const decimal TransferAmount = 1m;

    /// <summary>Batch transaction: the author whose latest posts are listed and counted (10 posts).</summary>
    public const int BatchAuthorId = 7;

    /// <summary>Batch transaction: rows of the list.</summary>
    public const int BatchTake = 5;

    /// <summary>Every 50th created user is an admin, the others have the default role.</summary>
    public static bool IsAdmin(int i) => i % 50 == 0;

    /// <summary>The e-mail of row <paramref name="i"/> of a create-many call.</summary>
    public static string CreateEmail(string prefix, int i) => $"{prefix}{i}@x.io";

    /// <summary>The name of row <paramref name="i"/> of a create-many call.</summary>
    public static string CreateName(int i) => $"Bulk {i}";

    /// <summary>The title of post <paramref name="i"/> of a nested create.</summary>
    public static string NestedTitle(int i) => $"Nested post {i}";

    /// <summary>The filter a transfer writes, built as the compiler builds it at each call (profiling its cost alone).</summary>
    public static System.Linq.Expressions.Expression<Func<Blog.Model.Account, bool>> AccountFilter(string email) => a => a.Email == email;
}

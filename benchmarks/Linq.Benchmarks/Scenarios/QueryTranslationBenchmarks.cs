using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using Blog.Model;
using Linq.Querying;
using Linq.Querying.Frontend;
using Npgsql;

namespace Linq.Benchmarks.Scenarios;

/// <summary>
/// The cost of turning a LINQ query into SQL text and bound parameters, with no I/O: building the
/// expression tree as user code does, fingerprinting it, looking up (or building) the cached plan and
/// binding the captured values. No connection is opened: Npgsql's data source connects lazily.
/// </summary>
/// <remarks>
/// Every method builds its expression inside the measured call, as an application would on each request;
/// <see cref="ExpressionOnly"/> and <see cref="ExpressionOnlyProjection"/> measure that part alone, so the
/// cost of fingerprint + cache lookup + bind is the difference to the matching cached method.
/// </remarks>
[MemoryDiagnoser]
public class QueryTranslationBenchmarks
{
    private BlogDb _db = null!;

    // Read into locals in each method so that the lambdas capture them in a closure, as user code does.
    private string _email = "alice@prisma.io";
    private int _minId = 10;
    private int _take = 20;
    private int _authorId = 7;
    private int _skip = 40;
    private string _prefix = "user1";

    [GlobalSetup]
    public void Setup()
    {
        _db = new BlogDb("Host=localhost;Username=bench");

        // Warm the plan cache (the hit path) and check that both shapes translate.
        var where = Prepare(BuildWhereTake());
        var projection = Prepare(BuildProjectionOrderSkip());
        Prepare(BuildFilterPage());
        if (_db.QueryCache.Misses != 3 || where.Parameters.Length != 3 || projection.Parameters.Length != 3)
        {
            throw new InvalidOperationException(
                $"Unexpected warm-up: misses={_db.QueryCache.Misses}, parameters={where.Parameters.Length}/{projection.Parameters.Length}.");
        }

        Console.WriteLine("// WhereTake SQL: " + where.Plan.Sql);
        Console.WriteLine("// ProjectionOrderSkip SQL: " + projection.Plan.Sql);
    }

    [GlobalCleanup]
    public void Cleanup() => _db.Dispose();

    [Benchmark(Baseline = true)]
    public Expression ExpressionOnly() => BuildWhereTake().Expression;

    [Benchmark]
    public NpgsqlParameter[] CachedWhereTake() => Prepare(BuildWhereTake()).Parameters;

    [Benchmark]
    public NpgsqlParameter[] MissWhereTake()
    {
        _db.QueryCache.Clear();
        return Prepare(BuildWhereTake()).Parameters;
    }

    [Benchmark]
    public Expression ExpressionOnlyProjection() => BuildProjectionOrderSkip().Expression;

    [Benchmark]
    public NpgsqlParameter[] CachedProjectionOrderSkip() => Prepare(BuildProjectionOrderSkip()).Parameters;

    // The comparison's filter page (FilterPageComparison): StartsWith, OrderBy, Skip, Take and a member-init projection.
    [Benchmark]
    public Expression ExpressionOnlyFilterPage() => BuildFilterPage().Expression;

    [Benchmark]
    public NpgsqlParameter[] CachedFilterPage() => Prepare(BuildFilterPage()).Parameters;

    private IQueryable<Competitors.UserSummary> BuildFilterPage()
    {
        var prefix = _prefix;
        var skip = _skip;
        var take = _take;
        return _db.Users
            .Where(u => u.Email.StartsWith(prefix))
            .OrderBy(u => u.Id)
            .Skip(skip)
            .Take(take)
            .Select(u => new Competitors.UserSummary { Id = u.Id, Email = u.Email, Name = u.Name });
    }

    private IQueryable<User> BuildWhereTake()
    {
        var email = _email;
        var minId = _minId;
        var take = _take;
        return _db.Users.Where(u => u.Email == email && u.Id > minId).Take(take);
    }

    private IQueryable<object> BuildProjectionOrderSkip()
    {
        var authorId = _authorId;
        var skip = _skip;
        var take = _take;
        return _db.Posts
            .Where(p => p.Published && p.AuthorId == authorId)
            .OrderByDescending(p => p.CreatedAt)
            .ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Title, p.CreatedAt })
            .Skip(skip)
            .Take(take);
    }

    private static (Querying.CompiledQuery Plan, NpgsqlParameter[] Parameters) Prepare(IQueryable query) =>
        ((QueryProvider)query.Provider).PrepareAndBind(query.Expression);
}

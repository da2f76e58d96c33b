using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Linq.Benchmarks.Competitors;
using Linq.Benchmarks.Competitors.EfCore;
using Linq.Benchmarks.Competitors.Linq2Db;
using Linq.Benchmarks.Competitors.Ours;

namespace Linq.Benchmarks.Comparison;

/// <summary>
/// Query translation without I/O, on the filtered page query (<c>Where(StartsWith).OrderBy.Skip.Take.Select(new DTO)</c>):
/// <c>Cached</c> translates a query whose shape was seen before (cache hit, parameters bound), <c>New</c> empties the
/// library's query cache first (full translation). This project: <c>PrepareAndBind</c> (plan + bound parameters);
/// EF Core: <c>ToQueryString()</c> (plan + SQL with the parameter values written out); linq2db: <c>ToSqlQuery()</c>
/// (SQL + parameters). The baseline of both categories is building the expression tree alone (hand-written code has
/// no translation; this is the part every LINQ library pays in user code).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TranslationComparison
{
    private const string Cached = "Cached";
    private const string New = "New";
    private const string NoServer = "Host=localhost;Username=bench";

    private readonly string _prefix = Workload.EmailPrefix;
    private readonly int _skip = Workload.FilterSkip;
    private readonly int _take = Workload.FilterTake;
    private LinqTranslation _linq = null!;
    private EfCoreTranslation _efCore = null!;
    private Linq2DbTranslation _linq2Db = null!;

    [GlobalSetup]
    public void Setup()
    {
        _linq = new LinqTranslation(NoServer);
        _efCore = new EfCoreTranslation(NoServer);
        _linq2Db = new Linq2DbTranslation(NoServer);
        Verify();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _linq.Dispose();
        _efCore.Dispose();
        _linq2Db.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Cached)]
    public Expression ExpressionOnly_Cached() => _linq.BuildOnly(_prefix, _skip, _take);

    [Benchmark, BenchmarkCategory(Cached)]
    public string Linq_Cached() => _linq.Translate(_prefix, _skip, _take);

    [Benchmark, BenchmarkCategory(Cached)]
    public string EfCore_Cached() => _efCore.Translate(_prefix, _skip, _take);

    [Benchmark, BenchmarkCategory(Cached)]
    public string Linq2Db_Cached() => _linq2Db.Translate(_prefix, _skip, _take);

    [Benchmark(Baseline = true), BenchmarkCategory(New)]
    public Expression ExpressionOnly_New() => _linq.BuildOnly(_prefix, _skip, _take);

    [Benchmark, BenchmarkCategory(New)]
    public string Linq_New()
    {
        _linq.ClearCache();
        return _linq.Translate(_prefix, _skip, _take);
    }

    /// <summary>A new shape up to its first row without I/O: translation plus the projection's row shaper.</summary>
    [Benchmark, BenchmarkCategory(New)]
    public Delegate Linq_New_WithShaper()
    {
        _linq.ClearCache();
        return _linq.TranslateAndShape(_prefix, _skip, _take);
    }

    [Benchmark, BenchmarkCategory(New)]
    public string EfCore_New()
    {
        _efCore.ClearCache();
        return _efCore.Translate(_prefix, _skip, _take);
    }

    [Benchmark, BenchmarkCategory(New)]
    public string Linq2Db_New()
    {
        Linq2DbTranslation.ClearCache();
        return _linq2Db.Translate(_prefix, _skip, _take);
    }

    /// <summary>Every variant translates, and every SQL text filters, orders and pages.</summary>
    public void Verify()
    {
        foreach (var (name, sql) in new[]
                 {
                     (nameof(Linq_Cached), Linq_Cached()), (nameof(EfCore_Cached), EfCore_Cached()), (nameof(Linq2Db_Cached), Linq2Db_Cached()),
                     (nameof(Linq_New), Linq_New()), (nameof(EfCore_New), EfCore_New()), (nameof(Linq2Db_New), Linq2Db_New()),
                 })
        {
            if (!sql.Contains("LIKE", StringComparison.OrdinalIgnoreCase) || !sql.Contains("ORDER BY", StringComparison.OrdinalIgnoreCase)
                || !sql.Contains("LIMIT", StringComparison.OrdinalIgnoreCase) || !sql.Contains("OFFSET", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"{nameof(TranslationComparison)}: {name} produced unexpected SQL: {sql}");
            }
        }

        Console.WriteLine($"// verified {nameof(TranslationComparison)}: Linq SQL: {OneLine(Linq_Cached())}");
        Console.WriteLine($"// EF Core SQL: {OneLine(EfCore_Cached())}");
        Console.WriteLine($"// linq2db SQL: {OneLine(Linq2Db_Cached())}");
    }

    private static string OneLine(string sql) => string.Join(' ', sql.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
}

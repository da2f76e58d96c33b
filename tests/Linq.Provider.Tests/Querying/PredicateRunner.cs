using System.Collections;
using System.Linq.Expressions;

namespace Linq.Provider.Tests.Querying;

/// <summary>Named predicates; each name becomes one theory case.</summary>
internal sealed class CaseTable<T> : IEnumerable<string>
{
    private readonly Dictionary<string, Expression<Func<T, bool>>> _cases = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    public Expression<Func<T, bool>> this[string name] => _cases[name];

    public void Add(string name, Expression<Func<T, bool>> predicate)
    {
        _cases.Add(name, predicate);
        _names.Add(name);
    }

    public TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in _names)
        {
            data.Add(name);
        }

        return data;
    }

    public IEnumerator<string> GetEnumerator() => _names.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// Runs one predicate object both ways: <c>predicate.Compile()</c> over the fixture's in-memory rows and
/// <c>table.Where(predicate)</c> in PostgreSQL, and compares the ids (sorted: no ORDER BY is involved).
/// </summary>
internal static class PredicateRunner
{
    public static async Task WhereAsync<T>(string name, Expression<Func<T, bool>> predicate, IQueryable<T> table, IEnumerable<T> rows, Func<T, long> id)
    {
        var expected = rows.Where(predicate.Compile()).Select(id).Order().ToList();
        var query = table.Where(predicate);
        var actual = (await QueryCheck.ListAsync(query)).Select(id).Order().ToList();
        QueryCheck.Same("Where(" + name + ")  [" + predicate + "]", expected, actual, QueryCheck.Sql(query));
    }

    /// <summary>The C# complement: <c>!predicate</c> must return exactly the other rows (three-valued logic must not leak).</summary>
    public static Task NotAsync<T>(string name, Expression<Func<T, bool>> predicate, IQueryable<T> table, IEnumerable<T> rows, Func<T, long> id) =>
        WhereAsync("!(" + name + ")", QueryCheck.Not(predicate), table, rows, id);

    public static async Task CountAsync<T>(string name, Expression<Func<T, bool>> predicate, IQueryable<T> table, IEnumerable<T> rows)
    {
        var expected = rows.Count(predicate.Compile());
        QueryCheck.Equal("CountAsync(" + name + ")  [" + predicate + "]", expected, await table.CountAsync(predicate), QueryCheck.Sql(table.Where(predicate)));
        QueryCheck.Equal("AnyAsync(" + name + ")", expected > 0, await table.AnyAsync(predicate));
    }

    /// <summary>The synchronous path: <c>Where(p).ToList()</c> and <c>Count(p)</c>.</summary>
    public static void Sync<T>(string name, Expression<Func<T, bool>> predicate, IQueryable<T> table, IEnumerable<T> rows, Func<T, long> id)
    {
        var compiled = predicate.Compile();
        var expected = rows.Where(compiled).Select(id).Order().ToList();
        var query = table.Where(predicate);
        QueryCheck.Same("Where(" + name + ").ToList()  [" + predicate + "]", expected, query.ToList().Select(id).Order(), QueryCheck.Sql(query));
        QueryCheck.Equal("Count(" + name + ")", expected.Count, table.Count(predicate));
    }
}

internal static class CaseTableGuard
{
    /// <summary>Predicates that select no row or every row prove little; each must be listed as intended.</summary>
    public static void AssertSelective<T>(CaseTable<T> cases, IReadOnlyCollection<T> rows, params string[] intended)
    {
        var suspicious = new List<string>();
        foreach (var name in cases)
        {
            var count = rows.Count(cases[name].Compile());
            if ((count == 0 || count == rows.Count) && !intended.Contains(name))
            {
                suspicious.Add(name + " (" + count + ")");
            }
        }

        Assert.True(suspicious.Count == 0, "Degenerate predicates: " + string.Join("; ", suspicious));
    }
}

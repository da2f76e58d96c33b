using System.Collections;
using System.Linq.Expressions;

namespace Linq.Chinook.Tests.Infrastructure;

/// <summary>
/// Runs one query both ways: through the provider against PostgreSQL, and with LINQ-to-Objects over the rows
/// <see cref="ChinookFixture"/> read with plain Npgsql (the same expression, over <c>AsQueryable()</c> of the
/// lists, whose navigations are wired). A failure shows both sides and the SQL.
/// </summary>
internal static class Compare
{
    /// <summary>
    /// The same query over the database and over memory; results are compared element by element after
    /// <paramref name="key"/> (identity by default), in order when <paramref name="ordered"/>, else as multisets.
    /// </summary>
    public static async Task RowsAsync<T, TResult>(IQueryable<T> table, IEnumerable<T> rows, Func<IQueryable<T>, IQueryable<TResult>> query,
        Func<TResult, object?>? key = null, bool ordered = false)
    {
        key ??= r => r;
        var expected = query(rows.AsQueryable()).ToList().Select(key).ToList();
        var dbQuery = query(table);
        var actual = (await ListAsync(dbQuery)).Select(key).ToList();
        Same(expected, actual, ordered, Sql(dbQuery));
    }

    /// <summary>Expected rows computed separately (orderings by text use ordinal order, as the C collation does).</summary>
    public static async Task ExpectAsync<TResult>(IQueryable<TResult> query, IEnumerable<object?> expected, Func<TResult, object?> key, bool ordered = true) =>
        Same(expected.ToList(), (await ListAsync(query)).Select(key).ToList(), ordered, Sql(query));

    public static void Same(IReadOnlyList<object?> expected, IReadOnlyList<object?> actual, bool ordered, string? sql)
    {
        IEnumerable<object?> e = expected, a = actual;
        if (!ordered)
        {
            e = expected.OrderBy(Show, StringComparer.Ordinal);
            a = actual.OrderBy(Show, StringComparer.Ordinal);
        }

        var el = e.ToList();
        var al = a.ToList();
        if (!el.SequenceEqual(al, Equality.Instance))
        {
            var at = Enumerable.Range(0, Math.Min(el.Count, al.Count)).FirstOrDefault(i => !Equality.Instance.Equals(el[i], al[i]), Math.Min(el.Count, al.Count));
            Assert.Fail($"expected {el.Count} rows, got {al.Count}; first difference at {at}: expected {(at < el.Count ? Show(el[at]) : "<none>")}, "
                + $"actual {(at < al.Count ? Show(al[at]) : "<none>")}\n  sql: {sql}");
        }
    }

    public static void Scalar<T>(T expected, T actual, string? sql = null)
    {
        if (!Equality.Instance.Equals(expected, actual))
        {
            Assert.Fail($"expected {Show(expected)}, actual {Show(actual)}" + (sql is null ? "" : "\n  sql: " + sql));
        }
    }

    public static async Task<List<T>> ListAsync<T>(IQueryable<T> query)
    {
        try
        {
            return await query.ToListAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException(ex.GetType().Name + ": " + ex.Message + "\n  sql: " + Sql(query), ex);
        }
    }

    public static string Sql<T>(IQueryable<T> query)
    {
        try
        {
            return query.ToSql();
        }
        catch (Exception ex)
        {
            return "<no SQL: " + ex.GetType().Name + ": " + ex.Message + ">";
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Show)) + "]",
        _ => value.ToString() ?? "",
    };

    /// <summary>
    /// Equals, except that doubles (averages) agree to 12 significant digits, decimals by value (scale aside),
    /// and sequences (nested lists) element by element.
    /// </summary>
    private sealed class Equality : IEqualityComparer<object?>
    {
        public static readonly Equality Instance = new();

        public new bool Equals(object? x, object? y) => (x, y) switch
        {
            (null, null) => true,
            (null, _) or (_, null) => false,
            (double a, double b) => Math.Abs(a - b) <= Math.Max(Math.Abs(a), 1) * 1e-12,
            (decimal a, decimal b) => a == b,
            (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
            (IEnumerable a, IEnumerable b) => a.Cast<object?>().SequenceEqual(b.Cast<object?>(), this),
            _ => x.Equals(y),
        };

        public int GetHashCode(object? obj) => 0;
    }
}

/// <summary>Named predicates for theories: each name is one case, run as <c>Where</c> and as its C# complement.</summary>
internal sealed class Cases<T> : IEnumerable<string>
{
    private readonly Dictionary<string, Expression<Func<T, bool>>> _cases = new(StringComparer.Ordinal);

    public Expression<Func<T, bool>> this[string name] => _cases[name];

    public void Add(string name, Expression<Func<T, bool>> predicate) => _cases.Add(name, predicate);

    public TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in _cases.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    public IEnumerator<string> GetEnumerator() => _cases.Keys.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary><c>Where(p)</c> and <c>Where(!p)</c>: the rows LINQ-to-Objects picks, by key, and their complement.</summary>
    public async Task RunAsync(string name, IQueryable<T> table, IEnumerable<T> rows, Func<T, int> key)
    {
        var predicate = _cases[name];
        await Compare.RowsAsync(table, rows, q => q.Where(predicate), r => key(r));
        var not = Expression.Lambda<Func<T, bool>>(Expression.Not(predicate.Body), predicate.Parameters);
        await Compare.RowsAsync(table, rows, q => q.Where(not), r => key(r));
    }

    /// <summary>Predicates that match no row or every row prove little: they must be named as intended.</summary>
    public void AssertSelective(IReadOnlyCollection<T> rows, params string[] intended)
    {
        var degenerate = _cases.Where(c => !intended.Contains(c.Key))
            .Select(c => (c.Key, Count: rows.Count(c.Value.Compile())))
            .Where(c => c.Count == 0 || c.Count == rows.Count)
            .Select(c => c.Key + " (" + c.Count + ")").ToList();
        Assert.True(degenerate.Count == 0, "Degenerate predicates: " + string.Join("; ", degenerate));
    }
}

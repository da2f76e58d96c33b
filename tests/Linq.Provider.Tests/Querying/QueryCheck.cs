using System.Globalization;
using System.Linq.Expressions;
using System.Text;

namespace Linq.Provider.Tests.Querying;

/// <summary>Assertions that compare database results with LINQ-to-Objects and show the SQL on failure.</summary>
internal static class QueryCheck
{
    /// <summary>
    /// The order of PostgreSQL's "C" collation (the test template is created with <c>--locale=C</c>): UTF-8 byte
    /// order, which is Unicode code point order. <see cref="StringComparer.Ordinal"/> compares UTF-16 code units
    /// and differs only when characters from U+E000–U+FFFF meet surrogate pairs; this comparer is exact. Null
    /// sorts first, as LINQ-to-Objects does with <see cref="Comparer{T}.Default"/>.
    /// </summary>
    public static readonly IComparer<string?> CodePoint = Comparer<string?>.Create(CompareCodePoints);

    public static int CompareCodePoints(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var ex = x.EnumerateRunes();
        var ey = y.EnumerateRunes();
        while (true)
        {
            var hx = ex.MoveNext();
            var hy = ey.MoveNext();
            if (!hx)
            {
                return hy ? -1 : 0;
            }

            if (!hy)
            {
                return 1;
            }

            var c = ex.Current.Value.CompareTo(ey.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }

    /// <summary>The SQL of a query, or the reason it has none (for failure messages).</summary>
    public static string Sql<T>(IQueryable<T> query)
    {
        try
        {
            return query.ToSql();
        }
        catch (Exception ex)
        {
            return "<ToSql failed: " + ex.GetType().Name + ": " + ex.Message + ">";
        }
    }

    /// <summary><c>ToListAsync()</c>, but a failure carries the query's SQL in its message.</summary>
    public static async Task<List<T>> ListAsync<T>(IQueryable<T> query)
    {
        try
        {
            return await query.ToListAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var frames = (ex.StackTrace ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Take(6);
            throw new Xunit.Sdk.XunitException(Describe(ex) + "\n  sql: " + Sql(query) + "\n  " + string.Join("\n  ", frames));
        }
    }

    public static void Same<T>(string label, IEnumerable<T> expected, IEnumerable<T> actual, string? sql = null)
    {
        var e = expected.ToList();
        var a = actual.ToList();
        if (!e.SequenceEqual(a))
        {
            Assert.Fail($"{label}\n  expected ({e.Count}): [{Show(e)}]\n  actual   ({a.Count}): [{Show(a)}]" + (sql is null ? "" : "\n  sql: " + sql));
        }
    }

    /// <summary>Same elements in any order (both sides sorted).</summary>
    public static void SameSet<T>(string label, IEnumerable<T> expected, IEnumerable<T> actual, string? sql = null)
    {
        var comparer = typeof(T) == typeof(string) ? (IComparer<T>)(object)CodePoint : Comparer<T>.Default;
        Same(label, expected.Order(comparer), actual.Order(comparer), sql);
    }

    public static void Equal<T>(string label, T expected, T actual, string? sql = null)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            Assert.Fail($"{label}\n  expected: {Show1(expected)}\n  actual:   {Show1(actual)}" + (sql is null ? "" : "\n  sql: " + sql));
        }
    }

    public static void Close(string label, double? expected, double? actual, string? sql = null, double relative = 1e-12)
    {
        if (expected is null || actual is null)
        {
            Equal(label, expected, actual, sql);
            return;
        }

        var tolerance = Math.Max(Math.Abs(expected.Value), 1) * relative;
        if (Math.Abs(expected.Value - actual.Value) > tolerance)
        {
            Assert.Fail($"{label}\n  expected: {expected.Value:R}\n  actual:   {actual.Value:R}" + (sql is null ? "" : "\n  sql: " + sql));
        }
    }

    /// <summary><c>!body</c> over the same parameter: the C# complement of a predicate.</summary>
    public static Expression<Func<T, bool>> Not<T>(Expression<Func<T, bool>> predicate) =>
        Expression.Lambda<Func<T, bool>>(Expression.Not(predicate.Body), predicate.Parameters);

    private static string Show<T>(IEnumerable<T> values) => string.Join(", ", values.Select(Show1));

    private static string Show1<T>(T value) => value switch
    {
        null => "null",
        string s => "\"" + (s.Length > 60 ? s[..60] + "…(" + s.Length + ")" : s) + "\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string Describe(Exception ex)
    {
        var text = new StringBuilder(ex.GetType().FullName).Append(": ").Append(ex.Message);
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            text.Append(" ---> ").Append(inner.GetType().FullName).Append(": ").Append(inner.Message);
        }

        return text.ToString();
    }
}

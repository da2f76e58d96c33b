using System.Collections;
using System.Reflection;
using Linq.Chinook.Tests.Infrastructure;

namespace Linq.Chinook.Tests.Catalogue;

/// <summary>
/// Collects catalogue entries. Each runs its query through the provider and through LINQ-to-Objects over the
/// plainly read rows: results must be equal (in order only when <c>ordered</c>: the query orders totally), and when
/// LINQ-to-Objects throws, the provider must throw the same exception type. A refused entry must throw
/// <see cref="QueryTranslationException"/> naming what to write instead.
/// </summary>
internal sealed class CatalogueBuilder
{
    private readonly Dictionary<string, CatalogueEntry> _entries = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, CatalogueEntry> Entries => _entries;

    /// <summary>A query returning rows, compared by <paramref name="key"/> (the row itself by default).</summary>
    public void Rows<T, TResult>(string name, Source<T> source, Func<IQueryable<T>, IQueryable<TResult>> query, bool ordered = false, Func<TResult, object?>? key = null) =>
        Add(name, Expect.Exact, f => RowsAsync(() => query(source.Rows(f)), () => query(source.Table(f)), ordered, key));

    /// <summary>A query over two tables (joins, subqueries over another table).</summary>
    public void Rows<T1, T2, TResult>(string name, Source<T1> first, Source<T2> second, Func<IQueryable<T1>, IQueryable<T2>, IQueryable<TResult>> query,
        bool ordered = false, Func<TResult, object?>? key = null) =>
        Add(name, Expect.Exact, f => RowsAsync(() => query(first.Rows(f), second.Rows(f)), () => query(first.Table(f), second.Table(f)), ordered, key));

    /// <summary>A query ending in an operator that returns one value (run synchronously on both sides).</summary>
    public void Value<T, TResult>(string name, Source<T> source, Func<IQueryable<T>, TResult> query, Func<TResult, object?>? key = null) =>
        Add(name, Expect.Exact, f =>
        {
            key ??= r => r;
            var expected = Outcome(() => key(query(source.Rows(f))));
            var actual = Outcome(() => key(query(source.Table(f))));
            Same(expected, actual, ordered: true, sql: null);
            return Task.CompletedTask;
        });

    /// <summary>A query the provider refuses before any SQL; <paramref name="advice"/> is part of the message.</summary>
    public void Refused<T>(string name, Source<T> source, Func<IQueryable<T>, object?> query, string advice) =>
        Add(name, Expect.Refused, f =>
        {
            // LINQ-to-Objects runs it, so the refusal is the provider's, not an invalid query's.
            Run(() => query(source.Rows(f)));
            var error = Record.Exception(() => Run(() => query(source.Table(f))));
            var refused = Assert.IsType<QueryTranslationException>(Unwrap(error));
            Assert.True(refused.Message.Contains(advice, StringComparison.OrdinalIgnoreCase), $"the refusal does not say \"{advice}\": {refused.Message}");
            return Task.CompletedTask;
        });

    private void Add(string name, Expect expect, Func<ChinookFixture, Task> run) => _entries.Add(name, new CatalogueEntry(name, expect, run));

    private static async Task RowsAsync<TResult>(Func<IQueryable<TResult>> memory, Func<IQueryable<TResult>> database, bool ordered, Func<TResult, object?>? key)
    {
        key ??= r => r;
        var expected = Outcome(() => memory().ToList().Select(key).ToList());
        var query = database();
        object? actual;
        try
        {
            actual = (await query.ToListAsync()).Select(key).ToList();
        }
        catch (Exception ex)
        {
            actual = Unwrap(ex);
        }

        Same(expected, actual, ordered, Compare.Sql(query));
    }

    private static void Same(object? expected, object? actual, bool ordered, string? sql)
    {
        switch (expected, actual)
        {
            case (Exception e, Exception a) when e.GetType() == a.GetType():
                return;
            case (OverflowException, ValueOutOfRangeException { Code: "P2020" }):
                // Documented (docs/queries.md): a Sum beyond its type's range fails as P2020 where LINQ throws OverflowException.
                return;
            case (Exception e, _):
                Assert.Fail($"LINQ-to-Objects throws {e.GetType().Name} ({e.Message}); the provider gives {Describe(actual)}\n  sql: {sql}");
                break;
            case (_, Exception a):
                Assert.Fail($"the provider throws {a.GetType().Name}: {a.Message}\n  sql: {sql}\n{a.StackTrace}");
                break;
            case (IList e, IList a) when expected is not string:
                Compare.Same(e.Cast<object?>().ToList(), a.Cast<object?>().ToList(), ordered, sql);
                break;
            default:
                Compare.Scalar(expected, actual, sql);
                break;
        }
    }

    private static object? Outcome(Func<object?> run)
    {
        try
        {
            return run();
        }
        catch (Exception ex)
        {
            return Unwrap(ex);
        }
    }

    private static void Run(Func<object?> query)
    {
        if (query() is IEnumerable sequence and not string)
        {
            foreach (var _ in sequence)
            {
            }
        }
    }

    private static Exception? Unwrap(Exception? ex) => ex is TargetInvocationException or AggregateException && ex.InnerException is { } inner ? Unwrap(inner) : ex;

    private static string Describe(object? value) => value switch
    {
        null => "null",
        Exception ex => ex.GetType().Name + ": " + ex.Message,
        IList list => list.Count + " rows",
        _ => value.ToString() ?? "",
    };
}

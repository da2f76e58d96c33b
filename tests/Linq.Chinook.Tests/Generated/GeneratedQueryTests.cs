using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Linq.Chinook.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Linq.Chinook.Tests.Generated;

/// <summary>
/// Generated queries (<see cref="QueryGenerator"/>), each run through the provider and with LINQ-to-Objects over the
/// plainly read rows. The rule for every one: the provider returns exactly the in-memory result, or refuses the
/// query with <see cref="QueryTranslationException"/>. Query <c>i</c> is generated from seed <c>LINQ_FUZZ_SEED + i</c>
/// (fixed in CI); <c>LINQ_FUZZ_SEED=n LINQ_FUZZ_COUNT=1</c> reproduces one, a large <c>LINQ_FUZZ_COUNT</c> explores.
/// </summary>
[Collection("chinook")]
public sealed class GeneratedQueryTests(ChinookFixture f, ITestOutputHelper output)
{
    private const int DefaultSeed = 20261201;
    private const int DefaultCount = 400;

    [Fact]
    public async Task Generated_queries_match_linq_to_objects()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("LINQ_FUZZ_SEED"), out var s) ? s : DefaultSeed;
        var count = int.TryParse(Environment.GetEnvironmentVariable("LINQ_FUZZ_COUNT"), out var c) ? c : DefaultCount;
        var schema = new FuzzSchema(f);
        var failures = new List<string>();
        var refused = new Dictionary<string, int>(StringComparer.Ordinal);
        int same = 0, undefined = 0;
        for (var i = 0; i < count; i++)
        {
            var query = new QueryGenerator(new Random(seed + i), schema).Next();
            switch (await RunAsync(query, schema))
            {
                case (Outcome.Same, _):
                    same++;
                    break;
                case (Outcome.Refused, var reason):
                    refused[reason] = refused.GetValueOrDefault(reason) + 1;
                    break;
                case (Outcome.Undefined, var reason):
                    // The in-memory query is not defined (an overflow): nothing to compare with.
                    undefined++;
                    output.WriteLine($"seed {seed + i}: undefined in memory ({reason})");
                    break;
                case (_, var failure):
                    failures.Add($"seed {seed + i}: {failure}\n  query: {query}");
                    break;
            }
        }

        output.WriteLine($"{count} queries: {same} same, {refused.Values.Sum()} refused, {undefined} undefined in memory, {failures.Count} failed");
        foreach (var (reason, n) in refused.OrderByDescending(r => r.Value))
        {
            output.WriteLine($"  refused {n}x: {reason}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {count} generated queries differ:\n" + string.Join("\n", failures.Take(int.TryParse(Environment.GetEnvironmentVariable("LINQ_FUZZ_SHOW"), out var show) ? show : 8)));

        // A generator whose queries are mostly refused or undefined proves little.
        Assert.True(same >= count * 0.8, $"only {same} of {count} queries ran on both sides");
    }

    private enum Outcome { Same, Refused, Undefined, Different }

    private async Task<(Outcome, string)> RunAsync(GeneratedQuery query, FuzzSchema schema)
    {
        var root = schema[query.Source.Type.GetGenericArguments()[0]];
        var inMemory = new InMemory().Visit(Expressions.Substitute(query.Body, query.Source, root.Memory.Expression));
        var inDatabase = Expressions.Substitute(query.Body, query.Source, root.Table.Expression);

        List<string> expected;
        Exception? expectedError = null;
        try
        {
            expected = Results(query, query.Scalar ? [root.Memory.Provider.Execute(inMemory)] : root.Memory.Provider.CreateQuery(inMemory).Cast<object?>().ToList());
        }
        catch (Exception ex) when (Unwrap(ex) is InvalidOperationException or ArgumentException)
        {
            // Empty First/Min/Max/Average: the provider must throw as LINQ does.
            expected = [];
            expectedError = Unwrap(ex);
        }
        catch (Exception ex) when (Unwrap(ex) is OverflowException)
        {
            return (Outcome.Undefined, "overflow");
        }
        catch (Exception ex) when (Unwrap(ex) is NullReferenceException)
        {
            // A generator bug (an unguarded navigation): fail loudly so it is fixed, not skipped.
            return (Outcome.Different, "the in-memory query threw NullReferenceException (generator bug)");
        }

        List<string> actual;
        try
        {
            actual = Results(query, query.Scalar ? [Typed(nameof(TypedExecute), inDatabase.Type, root.Table.Provider, inDatabase)] : await ListAsync(root.Table.Provider, inDatabase));
        }
        catch (Exception ex) when (Unwrap(ex) is QueryTranslationException qte)
        {
            var reason = qte.Message.Split('\n')[0];
            return (Outcome.Refused, reason.Length > 160 ? reason[..160] : reason);
        }
        catch (Exception ex)
        {
            var error = Unwrap(ex);
            if (expectedError is not null && error.GetType() == expectedError.GetType())
            {
                return (Outcome.Same, "");
            }

            return (Outcome.Different, $"provider threw {error.GetType().Name}: {error.Message}" + (expectedError is null ? "" : $" (memory threw {expectedError.GetType().Name}: {expectedError.Message})")
                + "\n  sql: " + Sql(root, inDatabase, query.Scalar));
        }

        if (expectedError is not null)
        {
            return (Outcome.Different, $"memory threw {expectedError.GetType().Name}: {expectedError.Message}; the provider returned {string.Join("; ", actual.Take(3))}");
        }

        if (!query.Ordered)
        {
            expected.Sort(StringComparer.Ordinal);
            actual.Sort(StringComparer.Ordinal);
        }

        if (expected.SequenceEqual(actual, StringComparer.Ordinal))
        {
            return (Outcome.Same, "");
        }

        var at = Enumerable.Range(0, Math.Min(expected.Count, actual.Count)).FirstOrDefault(i => expected[i] != actual[i], Math.Min(expected.Count, actual.Count));
        var text = new StringBuilder($"expected {expected.Count} rows, got {actual.Count}; first difference at {at}:");
        text.Append("\n  expected ").Append(at < expected.Count ? expected[at] : "<none>");
        text.Append("\n  actual   ").Append(at < actual.Count ? actual[at] : "<none>");
        text.Append("\n  sql: ").Append(Sql(root, inDatabase, query.Scalar));
        return (Outcome.Different, text.ToString());
    }

    private static List<string> Results(GeneratedQuery query, IEnumerable<object?> rows) => [.. rows.Select(query.Render)];

    private static Exception Unwrap(Exception ex) => ex is TargetInvocationException { InnerException: { } inner } ? Unwrap(inner) : ex;

    // The provider accepts only the typed CreateQuery<T>/Execute<T>: the generated tree's element type is known at run time only.
    private static object? Typed(string name, Type type, params object[] arguments)
    {
        try
        {
            return typeof(GeneratedQueryTests).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type).Invoke(null, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    private static Type ElementType(Expression sequence) =>
        sequence.Type.GetInterfaces().Append(sequence.Type).Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IQueryable<>)).GetGenericArguments()[0];

    private static Task<List<object?>> ListAsync(IQueryProvider provider, Expression query) =>
        (Task<List<object?>>)Typed(nameof(TypedListAsync), ElementType(query), provider, query)!;

    private static async Task<List<object?>> TypedListAsync<T>(IQueryProvider provider, Expression query) => [.. (await provider.CreateQuery<T>(query).ToListAsync()).Cast<object?>()];

    private static object? TypedExecute<T>(IQueryProvider provider, Expression query) => provider.Execute<T>(query);

    /// <summary>The statement, for a failure's message (a scalar query's SQL is that of its source sequence).</summary>
    private static string Sql(FuzzEntity root, Expression query, bool scalar)
    {
        try
        {
            var sequence = scalar && query is MethodCallExpression call ? call.Arguments[0] : query;
            return (string)Typed(nameof(TypedSql), ElementType(sequence), root.Table.Provider, sequence)!;
        }
        catch (Exception ex)
        {
            return "<no SQL: " + Unwrap(ex).Message + ">";
        }
    }

    private static string TypedSql<T>(IQueryProvider provider, Expression query) => provider.CreateQuery<T>(query).ToSql();

    /// <summary>
    /// The query as LINQ-to-Objects runs it: Include dropped (the rows' navigations are all wired), and orderings by
    /// text ordinal, as the test cluster's C collation orders them (LINQ's default comparer is culture-sensitive).
    /// </summary>
    private sealed class InMemory : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType == typeof(RelationQueryableExtensions))
            {
                return Visit(node.Arguments[0]);
            }

            if (node.Method.DeclaringType == typeof(Queryable) && node.Method.Name is "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending"
                && node.Arguments.Count == 2 && node.Method.GetGenericArguments()[1] == typeof(string))
            {
                var method = typeof(Queryable).GetMethods().Single(m => m.Name == node.Method.Name && m.GetParameters().Length == 3).MakeGenericMethod(node.Method.GetGenericArguments());
                return Expression.Call(method, Visit(node.Arguments[0]), node.Arguments[1], Expression.Constant(StringComparer.Ordinal, typeof(IComparer<string>)));
            }

            return base.VisitMethodCall(node);
        }
    }
}

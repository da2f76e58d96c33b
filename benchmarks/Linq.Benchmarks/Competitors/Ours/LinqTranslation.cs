using System.Linq.Expressions;
using Blog.Model;
using Linq.Querying.Frontend;

namespace Linq.Benchmarks.Competitors.Ours;

/// <summary>
/// This project's query translation without I/O: fingerprint, plan cache lookup (or parse, translate, render and
/// compile on a miss) and parameter binding, on the filtered page query (<c>QueryProvider.PrepareAndBind</c>, what
/// every execution does before it sends the statement). The client never connects.
/// </summary>
public sealed class LinqTranslation(string connectionString) : IDisposable
{
    private readonly BlogDb _db = new(connectionString);

    /// <summary>The query as application code builds it (the expression tree only: the floor of every LINQ library).</summary>
    public IQueryable<UserSummary> Build(string prefix, int skip, int take) =>
        _db.Users
            .Where(u => u.Email.StartsWith(prefix))
            .OrderBy(u => u.Id)
            .Skip(skip)
            .Take(take)
            .Select(u => new UserSummary { Id = u.Id, Email = u.Email, Name = u.Name });

    public Expression BuildOnly(string prefix, int skip, int take) => Build(prefix, skip, take).Expression;

    public string Translate(string prefix, int skip, int take)
    {
        var query = Build(prefix, skip, take);
        var (plan, parameters) = ((QueryProvider)query.Provider).PrepareAndBind(query.Expression);
        return parameters.Length == 3 ? plan.Sql : throw new InvalidOperationException($"Expected 3 parameters, bound {parameters.Length}.");
    }

    /// <summary>
    /// <see cref="Translate"/>, then what the first execution adds before its first row: the row shaper of the
    /// projection (interpreted at first, compiled on a thread-pool thread; see <c>ShaperCompiler.CompileTiered</c>).
    /// </summary>
    public Delegate TranslateAndShape(string prefix, int skip, int take)
    {
        var query = Build(prefix, skip, take);
        var (plan, _) = ((QueryProvider)query.Provider).PrepareAndBind(query.Expression);
        return plan.Shaper<UserSummary>();
    }

    /// <summary>Forgets every plan (the next translation is a miss).</summary>
    public void ClearCache() => _db.QueryCache.Clear();

    public void Dispose() => _db.Dispose();
}

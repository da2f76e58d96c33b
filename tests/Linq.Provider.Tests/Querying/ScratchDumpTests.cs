using Linq.Provider.Tests.Models;
using Xunit.Abstractions;

namespace Linq.Provider.Tests.Querying;

public sealed class ScratchDumpTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestDb _db = new("Host=localhost;Username=unused");

    public void Dispose() => _db.Dispose();

    private void Dump<T>(string name, Func<IQueryable<T>> q)
    {
        try { output.WriteLine(name + ": " + q().ToSql()); }
        catch (Exception ex) { output.WriteLine(name + ": !! " + ex.GetType().Name + " " + ex.Message); }
    }

    [Fact]
    public void Dump_all()
    {
        var q = _db.Users;
        Dump("after-where", () => q.Where(u => u.Id <= 24).Union(q.Where(u => u.Id >= 12)).Where(u => u.Name != null && u.Email.Contains("e")).OrderBy(u => u.Email).Skip(1).Take(6).Select(u => u.Email));
        Dump("include", () => q.Where(u => u.Id < 6).Union(q.Where(u => u.Email.StartsWith("a"))).OrderBy(u => u.Id).Skip(1).Take(5).Include(u => u.Posts));
        Dump("groups", () => _db.Posts.GroupBy(p => p.AuthorId).Select(g => new { g.Key, N = g.Count() }).Union(_db.Posts.Where(p => p.Published).GroupBy(p => p.AuthorId).Select(g => new { g.Key, N = g.Count() })));
        Dump("page-reverse", () => q.OrderBy(u => u.Email).Take(6).Reverse().Select(u => u.Email));
        Dump("reverse-page", () => q.OrderBy(u => u.Email).Reverse().Skip(2).Take(3).Select(u => u.Email));
        Dump("proj-page", () => q.OrderBy(u => u.Email).Select(u => u.Email.Length).Skip(4).Take(7));
    }
}

using System.Linq.Expressions;
using Linq.Provider.Tests.Models;
using Linq.Querying.Relinq;
using Xunit.Abstractions;

namespace Linq.Provider.Tests.Querying;

public sealed class ScratchDumpTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestDb _db = new("Host=localhost;Username=unused");

    public void Dispose() => _db.Dispose();

    private void Dump(string name, Expression e)
    {
        try { output.WriteLine(name + ": " + RelinqFrontEnd.Instance.Parse(e, e)); }
        catch (Exception ex) { output.WriteLine(name + ": !! " + ex.GetType().Name + " " + ex.Message); }
    }

    [Fact]
    public void Dump_all()
    {
        var q = _db.Users;
        Dump("union", q.Where(u => u.Id > 1).Union(q.Where(u => u.Id < 5)).Expression);
        Dump("union-select", q.Union(q.Where(u => u.Id < 5)).Select(u => u.Name).Expression);
        Dump("union-where", q.Union(q.Where(u => u.Id < 5)).Where(u => u.Name != null).Expression);
        Dump("union-orderby-take", q.Union(q).OrderBy(u => u.Name).Take(3).Expression);
        Dump("take-union-take", q.OrderBy(u => u.Id).Take(3).Union(q.OrderBy(u => u.Id).Skip(2).Take(3)).Take(4).Expression);
        Dump("proj-union", q.Select(u => new { u.Name, u.Id }).Union(q.Select(u => new { u.Name, u.Id })).Where(x => x.Id > 3).Select(x => x.Name).Expression);
        Dump("intersect", q.Select(u => u.Name).Intersect(q.Select(u => u.Name)).Expression);
        Dump("except", q.Select(u => u.Name).Except(q.Select(u => u.Name)).OrderBy(n => n).Expression);
        Dump("concat-count", Expression.Call(typeof(Queryable), "Count", [typeof(User)], q.Concat(q.Where(u => u.Id > 2)).Expression));
        Dump("union3", q.Select(u => u.Id).Union(q.Select(u => u.Id)).Concat(q.Select(u => u.Id)).Expression);
        Dump("last", Expression.Call(typeof(Queryable), "Last", [typeof(User)], q.OrderBy(u => u.Id).ThenByDescending(u => u.Name).Expression));
        Dump("lastpred", Expression.Call(typeof(Queryable), "LastOrDefault", [typeof(User)], q.OrderBy(u => u.Id).Expression, (Expression<Func<User, bool>>)(u => u.Id > 3)));
        Dump("reverse", q.OrderBy(u => u.Id).Reverse().Expression);
        Dump("cast", q.Cast<object>().Expression);
        Dump("dflt", q.DefaultIfEmpty().Expression);
        Dump("union-maxby", Expression.Call(typeof(Queryable), "MaxBy", [typeof(User), typeof(int)], q.Union(q.Where(u => u.Id > 2)).Expression, (Expression<Func<User, int>>)(u => u.Id)));
        Dump("pu-maxby", Expression.Call(typeof(Queryable), "MaxBy", [typeof(string), typeof(int)], q.Select(u => u.Email).Union(q.Select(u => u.Email)).Expression, (Expression<Func<string, int>>)(e => e.Length)));
        Dump("pi-maxby", Expression.Call(typeof(Queryable), "MaxBy", [typeof(string), typeof(int)], q.Select(u => u.Email).Intersect(q.Select(u => u.Email)).Expression, (Expression<Func<string, int>>)(e => e.Length)));
        Dump("pi-all", Expression.Call(typeof(Queryable), "All", [typeof(string)], q.Select(u => u.Email).Intersect(q.Select(u => u.Email)).Expression, (Expression<Func<string, bool>>)(e => e.Length > 2)));
        Dump("pu-countpred", Expression.Call(typeof(Queryable), "Count", [typeof(string)], q.Select(u => u.Email).Union(q.Select(u => u.Email)).Expression, (Expression<Func<string, bool>>)(e => e.Length > 2)));
        Dump("u-lastpred", Expression.Call(typeof(Queryable), "Last", [typeof(User)], q.Union(q).Expression, (Expression<Func<User, bool>>)(e => e.Id > 2)));
        Dump("maxby", Expression.Call(typeof(Queryable), "MaxBy", [typeof(User), typeof(int)], q.Expression, (Expression<Func<User, int>>)(u => u.Id)));
        Dump("elementat", Expression.Call(typeof(Queryable), "ElementAt", [typeof(User)], q.Expression, Expression.Constant(3)));
    }
}

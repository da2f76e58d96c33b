using System.Linq.Expressions;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>Runs a method translation both ways over <see cref="MethodSampleFixture"/>: as a projection and in predicates.</summary>
internal static class MethodCheck
{
    /// <summary><c>OrderBy(Id).Select(selector)</c> in PostgreSQL against the same selector over the rows read with plain Npgsql.</summary>
    public static async Task ProjectAsync<TResult>(MethodSampleFixture f, string name, Expression<Func<TypeSample, TResult>> selector)
    {
        var expected = f.Rows.OrderBy(r => r.Id).Select(selector.Compile()).ToList();
        var query = f.Db.TypeSamples.OrderBy(t => t.Id).Select(selector);
        var actual = await QueryCheck.ListAsync(query);
        var sql = QueryCheck.Sql(query);
        QueryCheck.Same("Select(" + name + ")  [" + selector + "]", expected, actual, sql);
        AssertComputedInSql(name, sql);
    }

    /// <summary>
    /// A projection that cannot be translated runs on the client over the columns it reads; that would compare .NET with
    /// .NET. Every item of the select list must therefore be computed in SQL, not a bare column.
    /// </summary>
    private static void AssertComputedInSql(string name, string sql)
    {
        var from = sql.IndexOf(" FROM ", StringComparison.Ordinal);
        var list = sql["SELECT ".Length..from];
        var items = new List<string>();
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            var c = list[i];
            if (c is '"' or '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '(')
            {
                depth++;
            }
            else if (!quoted && c == ')')
            {
                depth--;
            }
            else if (!quoted && depth == 0 && c == ',')
            {
                items.Add(list[start..i].Trim());
                start = i + 1;
            }
        }

        items.Add(list[start..].Trim());
        var bare = items.Where(item => System.Text.RegularExpressions.Regex.IsMatch(item, "^\"t\\d+\"\\.\"[^\"]+\"$")).ToList();
        Assert.True(bare.Count == 0, "Select(" + name + ") reads bare columns (" + string.Join(", ", bare) + "): part of it ran on the client.\n  sql: " + sql);
    }

    /// <summary>The predicate, its C# complement, and the same predicate combined with ordering and paging.</summary>
    public static async Task WhereAsync(MethodSampleFixture f, string name, Expression<Func<TypeSample, bool>> predicate)
    {
        await PredicateRunner.WhereAsync(name, predicate, f.Db.TypeSamples, f.Rows, t => t.Id);
        await PredicateRunner.NotAsync(name, predicate, f.Db.TypeSamples, f.Rows, t => t.Id);
        var expected = f.Rows.Where(predicate.Compile()).OrderByDescending(t => t.Id).Skip(1).Take(5).Select(t => t.Id).ToList();
        var query = f.Db.TypeSamples.Where(predicate).OrderByDescending(t => t.Id).Skip(1).Take(5).Select(t => t.Id);
        QueryCheck.Same("paged Where(" + name + ")", expected, await QueryCheck.ListAsync(query), QueryCheck.Sql(query));
    }
}

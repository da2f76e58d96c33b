using Linq.Chinook.Tests.Infrastructure;

namespace Linq.Chinook.Tests.Queries;

/// <summary>
/// <c>&amp;&amp;</c>, <c>||</c> and a second <c>Where</c> guarding an expression that fails the statement for some rows
/// (<c>s[i]</c>, <c>Substring</c>, <c>IndexOf</c> past the end, as .NET throws): the guard runs first, as in C#, where
/// SQL's <c>AND</c>/<c>OR</c> would promise no order. Results against LINQ-to-Objects over rows read with plain Npgsql;
/// the SQL keeps such a right side inside a <c>CASE</c>, and only there.
/// </summary>
[Collection("chinook")]
public sealed class ShortCircuitTests(ChinookFixture f)
{
    [Fact]
    public async Task The_guarded_expression_alone_fails_for_short_names()
    {
        // The premise: without a guard, a name shorter than the index fails the statement.
        Assert.Contains(f.Customers, c => c.FirstName.Length <= 6);
        await Assert.ThrowsAnyAsync<Exception>(() => f.Db.Customers.Where(c => c.FirstName[6] == 'o').ToListAsync());
    }

    [Fact]
    public async Task AndAlso_guards_its_right_side()
    {
        for (var k = 3; k <= 7; k++)
        {
            var query = (IQueryable<Models.Customer> q) => q.Where(c => c.FirstName.Length > k && c.FirstName[k] == 'e').Select(c => c.CustomerId);
            await Compare.RowsAsync(f.Db.Customers, f.Customers, query);
            Assert.Contains("CASE WHEN NOT", query(f.Db.Customers).ToSql(), StringComparison.Ordinal);
        }

        await Compare.RowsAsync(f.Db.Customers, f.Customers, q => q.Where(c => c.FirstName.Length >= 4 && c.FirstName.Substring(2, 2) == "an").Select(c => c.CustomerId));
        await Compare.RowsAsync(f.Db.Customers, f.Customers, q => q.Where(c => c.LastName.Length > 5 && c.LastName.IndexOf('e', 5) > 0).Select(c => c.CustomerId));
    }

    [Fact]
    public async Task OrElse_guards_its_right_side_and_negation_keeps_the_result()
    {
        await Compare.RowsAsync(f.Db.Customers, f.Customers, q => q.Where(c => c.FirstName.Length <= 6 || c.FirstName[6] == 'o').Select(c => c.CustomerId));
        Assert.Contains("THEN TRUE ELSE", f.Db.Customers.Where(c => c.FirstName.Length <= 6 || c.FirstName[6] == 'o').ToSql(), StringComparison.Ordinal);
        await Compare.RowsAsync(f.Db.Customers, f.Customers, q => q.Where(c => !(c.FirstName.Length > 6 && c.FirstName[6] == 'o')).Select(c => c.CustomerId));
        await Compare.RowsAsync(f.Db.Customers, f.Customers, q => q.Select(c => new { c.CustomerId, Long = c.FirstName.Length > 5 && c.FirstName[5] == 'e' }));
        // Nested: the inner && is guarded inside the outer ||.
        await Compare.RowsAsync(f.Db.Customers, f.Customers, q => q.Where(c => c.Country == "Brazil" || (c.FirstName.Length > 6 && c.FirstName[6] == 'o')).Select(c => c.CustomerId));
    }

    [Fact]
    public async Task A_second_Where_stays_behind_the_first()
    {
        var query = (IQueryable<Models.Customer> q) => q.Where(c => c.FirstName.Length > 6).Where(c => c.FirstName[6] == 'o' || c.FirstName.Substring(5, 2) == "ie").Select(c => c.CustomerId);
        await Compare.RowsAsync(f.Db.Customers, f.Customers, query);
        Assert.Contains("CASE WHEN NOT", query(f.Db.Customers).ToSql(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inside_a_nested_select_and_a_filtered_include()
    {
        await Compare.RowsAsync(f.Db.Customers, f.Customers, q => q.Select(c => new
        {
            c.CustomerId,
            Cities = c.Invoices.Count(i => i.BillingCity!.Length > 6 && i.BillingCity[6] == 'a'),
        }));
        var customers = await f.Db.Customers.OrderBy(c => c.CustomerId)
            .Include(c => c.Invoices.Where(i => i.BillingCity!.Length > 7 && i.BillingCity.Substring(7) == "o")).ToListAsync();
        Assert.Equal(
            f.Customers.OrderBy(c => c.CustomerId).Select(c => c.Invoices.Where(i => i.BillingCity!.Length > 7 && i.BillingCity.Substring(7) == "o").Select(i => i.InvoiceId).Order().ToList()),
            customers.Select(c => c.Invoices.Select(i => i.InvoiceId).Order().ToList()));
    }

    [Fact]
    public async Task A_second_Where_on_a_related_collection_or_a_group_stays_behind_the_first()
    {
        var nested = (IQueryable<Models.Customer> q) => q.Select(c => new
        {
            c.CustomerId,
            Cities = c.Invoices.Where(i => i.BillingCity!.Length > 6).Where(i => i.BillingCity![6] == 'a').Select(i => i.InvoiceId).ToList(),
        });
        await Compare.RowsAsync(f.Db.Customers, f.Customers, nested, key: r => r.CustomerId + ":" + string.Join(",", r.Cities.Order()));
        Assert.Contains("CASE WHEN NOT", nested(f.Db.Customers).ToSql(), StringComparison.Ordinal);

        var grouped = (IQueryable<Models.Customer> q) => q.GroupBy(c => c.Country).Select(g => new
        {
            g.Key,
            Count = g.Where(c => c.FirstName.Length > 6).Where(c => c.FirstName[6] == 'e').Count(),
            First = g.Where(c => c.FirstName.Length > 5).Where(c => c.FirstName.Substring(5, 1) == "e").OrderBy(c => c.CustomerId).Select(c => (int?)c.CustomerId).FirstOrDefault(),
        });
        await Compare.RowsAsync(f.Db.Customers, f.Customers, grouped, key: r => (r.Key, r.Count, r.First));
        Assert.Contains("CASE WHEN NOT", grouped(f.Db.Customers).ToSql(), StringComparison.Ordinal);
    }

    [Fact]
    public void Conditions_that_cannot_fail_are_written_as_before()
    {
        var sql = f.Db.Customers.Where(c => c.FirstName.Length > 6 && c.Country == "Brazil").Where(c => c.City != "x" || c.State == null).ToSql();
        Assert.DoesNotContain("CASE WHEN NOT", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("THEN TRUE ELSE", sql, StringComparison.Ordinal);
    }
}

using Linq.Chinook.Tests.Infrastructure;
using Linq.Chinook.Tests.Models;

namespace Linq.Chinook.Tests.Queries;

/// <summary>
/// The per-group LINQ that EF Core translates (the element of each group by an ordering, distinct counts, element
/// selectors, counting groups, a group's values as a list) in combination: composite and nullable keys, Where before
/// the GroupBy and after it (HAVING), ordered by the new value, paged, compiled, repeated for the plan cache and with a
/// captured value that changes. Each against LINQ-to-Objects over the plainly read rows.
/// </summary>
[Collection("chinook")]
public sealed class GroupOperatorTests(ChinookFixture f)
{
    private static readonly CompiledListQuery<ChinookDb, int, GroupFirst> FirstPerAlbum =
        CompiledQuery.CreateList((ChinookDb db, int below) => db.Tracks.Where(t => t.AlbumId < below).GroupBy(t => t.AlbumId)
            .Select(g => new GroupFirst(g.Key, g.OrderByDescending(t => t.Milliseconds).ThenBy(t => t.TrackId).First().Name)));

    private static readonly CompiledQuery<ChinookDb, int, int> GroupsBelow =
        CompiledQuery.Create((ChinookDb db, int below) => db.Tracks.Where(t => t.AlbumId < below).GroupBy(t => t.Composer).Count());

    [Fact]
    public async Task First_by_an_ordering_is_an_ordered_aggregate_in_the_grouped_select()
    {
        var query = f.Db.Tracks.GroupBy(t => t.AlbumId).Select(g => new { g.Key, Longest = g.OrderByDescending(t => t.Milliseconds).ThenBy(t => t.TrackId).First().Name });
        var sql = query.ToSql();
        Assert.Contains("array_agg(", sql, StringComparison.Ordinal);
        Assert.Contains("ORDER BY", sql, StringComparison.Ordinal);
        Assert.Contains("GROUP BY", sql, StringComparison.Ordinal);
        await Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.GroupBy(t => t.AlbumId).Select(g => new { g.Key, Longest = g.OrderByDescending(t => t.Milliseconds).ThenBy(t => t.TrackId).First().Name }));
    }

    [Fact]
    public async Task Ties_go_to_source_order_and_nullable_keys_sort_null_first()
    {
        // Many tracks share a length in minutes (and tracks without a composer have none): ties are decided by the track id,
        // as LINQ's stable sort over rows read in key order decides them; a null key is the least ascending, the last descending.
        await Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.GroupBy(t => t.GenreId).Select(g => new
        {
            g.Key,
            First = g.OrderBy(t => t.Composer != null ? (int?)(t.Milliseconds / 60_000) : null).First().TrackId,
            Last = g.OrderBy(t => t.Composer != null ? (int?)(t.Milliseconds / 60_000) : null).Last().TrackId,
            FirstDescending = g.OrderByDescending(t => t.Composer != null ? (int?)(t.Milliseconds / 60_000) : null).First().TrackId,
            LastByTwo = g.OrderBy(t => t.MediaTypeId).ThenByDescending(t => t.Composer != null ? (int?)(t.Milliseconds / 60_000) : null).LastOrDefault()!.TrackId,
        }));
    }

    [Fact]
    public async Task Composite_key_with_where_before_and_having_on_the_new_value()
    {
        await Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q
            .Where(t => t.UnitPrice < 1.5m)
            .GroupBy(t => new { t.GenreId, t.MediaTypeId })
            .Where(g => g.OrderBy(t => t.TrackId).First().Milliseconds > 250_000)
            .Select(g => new { g.Key.GenreId, g.Key.MediaTypeId, First = g.OrderBy(t => t.TrackId).First().Name, Price = g.OrderByDescending(t => t.UnitPrice).ThenBy(t => t.TrackId).First().UnitPrice }));
    }

    [Fact]
    public async Task Ordered_by_the_new_value_and_paged()
    {
        await Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q
            .GroupBy(t => t.AlbumId)
            .Select(g => new { g.Key, First = g.OrderBy(t => t.TrackId).First().Name, Albums = g.Select(t => t.Composer).Distinct().Count() })
            .OrderByDescending(x => x.Albums).ThenBy(x => x.Key)
            .Skip(20).Take(15), key: r => (r.Key, r.First, r.Albums), ordered: true);
        // Order by text in the C collation is ordinal: compare the page's keys by expected rows computed with ordinal order.
        var expected = f.Tracks.GroupBy(t => t.AlbumId).Select(g => new { g.Key, First = g.OrderBy(t => t.TrackId).First().Name })
            .OrderBy(x => x.First, StringComparer.Ordinal).ThenBy(x => x.Key).Skip(20).Take(15).Select(x => (object?)(x.Key, x.First));
        await Compare.ExpectAsync(f.Db.Tracks.GroupBy(t => t.AlbumId).Select(g => new { g.Key, First = g.OrderBy(t => t.TrackId).First().Name })
            .OrderBy(x => x.First).ThenBy(x => x.Key).Skip(20).Take(15), expected, r => (r.Key, r.First));
    }

    [Fact]
    public async Task Whole_first_row_and_a_member_through_its_navigation()
    {
        await Compare.RowsAsync(f.Db.Invoices, f.Invoices, q => q.GroupBy(i => i.BillingCountry).Select(g => new { g.Key, Latest = g.OrderByDescending(i => i.InvoiceDate).ThenBy(i => i.InvoiceId).First() }),
            key: r => (r.Key, r.Latest.InvoiceId, r.Latest.InvoiceDate, r.Latest.InvoiceDate.Kind, r.Latest.Total.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Latest.BillingState));
        await Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.Where(t => t.TrackId < 600).GroupBy(t => t.MediaTypeId).Select(g => new { g.Key, Album = g.OrderBy(t => t.TrackId).First().Album!.Title }));
    }

    [Fact]
    public async Task FirstOrDefault_of_a_filtered_group_gives_default_for_empty_selections()
    {
        // Most genres have no track over 20 minutes: 0 (an int) and null (a string) there, the value elsewhere.
        await Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.GroupBy(t => t.GenreId).Select(g => new
        {
            g.Key,
            Id = g.Where(t => t.Milliseconds > 1_200_000).OrderBy(t => t.Milliseconds).Select(t => t.TrackId).FirstOrDefault(),
            Name = g.Where(t => t.Milliseconds > 1_200_000).OrderBy(t => t.Milliseconds).Select(t => t.Name).LastOrDefault(),
            Row = g.Where(t => t.Milliseconds > 1_200_000).OrderBy(t => t.TrackId).FirstOrDefault(),
        }), key: r => (r.Key, r.Id, r.Name, r.Row?.TrackId, r.Row?.Composer));
        await Assert.ThrowsAsync<InvalidOperationException>(() => f.Db.Tracks.GroupBy(t => t.GenreId)
            .Select(g => new { g.Key, Id = g.Where(t => t.Milliseconds > 1_200_000).OrderBy(t => t.Milliseconds).First().TrackId }).ToListAsync());
    }

    [Fact]
    public async Task First_without_an_ordering_takes_primary_key_order_and_other_forms_are_refused_with_advice()
    {
        // The grouped rows' primary key stands for source order (f.Tracks is read in track_id order).
        await Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.GroupBy(t => t.AlbumId).Select(g => new
        {
            g.Key,
            g.First().Name,
            Last = g.Select(t => t.Name).LastOrDefault(),
            Long = g.Where(t => t.Milliseconds > 300_000).Select(t => (int?)t.TrackId).FirstOrDefault(),
        }), key: r => (r.Key, r.Name, r.Last, r.Long));
        // Groups of joined rows have no primary key to stand for source order.
        var error = await Assert.ThrowsAsync<QueryTranslationException>(() => f.Db.Tracks
            .Join(f.Db.Albums, t => t.AlbumId, a => a.AlbumId, (t, a) => new { t.Name, a.ArtistId })
            .GroupBy(x => x.ArtistId).Select(g => new { g.Key, g.First().Name }).ToListAsync());
        Assert.Contains("g.OrderBy(x => x.Key).First()", error.Message, StringComparison.Ordinal);
        // Outside the projection, an element of a filtered group cannot say that nothing passed the filter.
        error = await Assert.ThrowsAsync<QueryTranslationException>(() => f.Db.Tracks.GroupBy(t => t.AlbumId)
            .Where(g => g.Where(t => t.Milliseconds > 300_000).OrderBy(t => t.TrackId).First().Milliseconds > 0).Select(g => g.Key).ToListAsync());
        Assert.Contains("FirstOrDefault", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_a_group_still_cannot_do_is_refused_with_advice_before_any_sql()
    {
        async Task Refused<T>(IQueryable<T> query, string advice)
        {
            var error = await Assert.ThrowsAsync<QueryTranslationException>(() => query.ToListAsync());
            Assert.True(error.Message.Contains(advice, StringComparison.Ordinal), error.Message);
        }

        await Refused(f.Db.Tracks.GroupBy(t => t.AlbumId).Select(g => new { g.Key, Second = g.OrderBy(t => t.TrackId).Skip(1).First().Name }), "Supported on a group");
        await Refused(f.Db.Tracks.GroupBy(t => t.AlbumId).Select(g => new { g.Key, Rows = g.Select(t => new { t.TrackId, t.Name }).ToList() }), "g.Select(x => x.Id).ToList()");
        await Refused(f.Db.Tracks.GroupBy(t => t.AlbumId).Select(g => new { g.Key, Rows = g.ToList() }), "g.Select(x => x.Id).ToList()");
        await Refused(f.Db.Tracks.GroupBy(t => t.AlbumId).Select(g => new { g.Key, Sum = g.Select(t => t.Milliseconds).Distinct().Sum() }), "Supported on a group");
        await Refused(f.Db.Tracks.GroupBy(t => t.AlbumId).Select(g => new { g.Key, Rows = g.Distinct().Count() }), "Select one value before Distinct");
        var error = Assert.Throws<QueryTranslationException>(() => f.Db.Tracks.GroupBy(t => t.AlbumId).ToList());
        Assert.Contains("GroupBy(k).Count()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compiled_repeated_and_with_a_changing_captured_value()
    {
        foreach (var below in new[] { 10, 40, 10 })
        {
            var expected = f.Tracks.Where(t => t.AlbumId < below).GroupBy(t => t.AlbumId)
                .Select(g => new GroupFirst(g.Key, g.OrderByDescending(t => t.Milliseconds).ThenBy(t => t.TrackId).First().Name)).Cast<object?>().ToList();
            Compare.Same(expected, (await FirstPerAlbum.ToListAsync(f.Db, below)).Cast<object?>().ToList(), ordered: false, sql: null);
            Compare.Scalar(f.Tracks.Where(t => t.AlbumId < below).GroupBy(t => t.Composer).Count(), await GroupsBelow.RunAsync(f.Db, below));

            // The same shape inline, with the captured value changing: one plan, each run its own value.
            var minimum = below * 5_000;
            await Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.Where(t => t.AlbumId < below).GroupBy(t => t.GenreId)
                .Select(g => new { g.Key, Id = g.Where(t => t.Milliseconds > minimum).OrderBy(t => t.Milliseconds).Select(t => (int?)t.TrackId).FirstOrDefault(), Ids = g.Where(t => t.Milliseconds > minimum).Select(t => t.TrackId).ToList() }),
                key: r => (r.Key, r.Id, string.Join(",", r.Ids)));
        }

        var hits = f.Db.QueryCache.Hits;
        var minimumAgain = 300_000;
        _ = await f.Db.Tracks.Where(t => t.AlbumId < 40).GroupBy(t => t.GenreId)
            .Select(g => new { g.Key, Id = g.Where(t => t.Milliseconds > minimumAgain).OrderBy(t => t.Milliseconds).Select(t => (int?)t.TrackId).FirstOrDefault(), Ids = g.Where(t => t.Milliseconds > minimumAgain).Select(t => t.TrackId).ToList() })
            .ToListAsync();
        Assert.True(f.Db.QueryCache.Hits > hits, "the same shape with another value is a plan cache hit");
    }

    [Fact]
    public async Task Distinct_counts_with_filters_nullable_values_and_having()
    {
        await Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.GroupBy(t => t.MediaTypeId).Select(g => new
        {
            g.Key,
            Composers = g.Select(t => t.Composer).Distinct().Count(),
            LongComposers = g.Where(t => t.Milliseconds > 400_000).Select(t => t.Composer).Distinct().LongCount(),
            Genres = g.Select(t => t.GenreId).Distinct().Count(),
            Prices = g.Select(t => t.UnitPrice).Distinct().Count(),
        }));
        await Compare.RowsAsync(f.Db.Invoices, f.Invoices, q => q.GroupBy(i => i.BillingCountry).Where(g => g.Select(i => i.CustomerId).Distinct().Count() > 2)
            .Select(g => new { g.Key, Customers = g.Select(i => i.CustomerId).Distinct().Count(), Cities = g.Select(i => i.BillingCity).Distinct().Count() })
            .OrderByDescending(x => x.Customers).ThenBy(x => x.Key), key: r => (r.Key, r.Customers, r.Cities), ordered: false);
    }

    [Fact]
    public async Task Element_selectors_with_composite_keys_result_selectors_and_having()
    {
        await Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.GroupBy(t => new { t.GenreId, t.MediaTypeId }, t => t.Milliseconds)
            .Where(g => g.Count() > 3)
            .Select(g => new { g.Key.GenreId, g.Key.MediaTypeId, Sum = g.Sum(), Max = g.Max(), Count = g.Count(), Long = g.Count(ms => ms > 300_000), Avg = Math.Round(g.Average(), 3) }));
        await Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.GroupBy(t => t.AlbumId, t => new { t.Name, t.Milliseconds })
            .Select(g => new { g.Key, Longest = g.OrderByDescending(e => e.Milliseconds).ThenBy(e => e.Name).First().Name, Names = g.Select(e => e.Name).Distinct().Count() }),
            key: r => (r.Key, r.Longest, r.Names));
        await Compare.RowsAsync(f.Db.Invoices, f.Invoices, q => q.GroupBy(i => i.CustomerId, i => i.Total, (customer, totals) => new { customer, Sum = totals.Sum(), Max = totals.Max(), Count = totals.Count() }));
    }

    [Fact]
    public async Task Counting_groups()
    {
        Compare.Scalar(f.Tracks.GroupBy(t => t.Composer).Count(), await f.Db.Tracks.GroupBy(t => t.Composer).CountAsync());
        Compare.Scalar(f.Tracks.GroupBy(t => new { t.GenreId, t.Composer }).LongCount(), await f.Db.Tracks.GroupBy(t => new { t.GenreId, t.Composer }).LongCountAsync());
        Compare.Scalar(f.Tracks.Where(t => t.Milliseconds < 0).GroupBy(t => t.Composer).Any(), await f.Db.Tracks.Where(t => t.Milliseconds < 0).GroupBy(t => t.Composer).AnyAsync());
        Compare.Scalar(f.Tracks.GroupBy(t => t.AlbumId).Skip(300).Count(), await f.Db.Tracks.GroupBy(t => t.AlbumId).Skip(300).CountAsync());
        Compare.Scalar(f.Tracks.OrderBy(t => t.Name).GroupBy(t => t.MediaTypeId).Take(2).Count(), await f.Db.Tracks.OrderBy(t => t.Name).GroupBy(t => t.MediaTypeId).Take(2).CountAsync());
        Compare.Scalar(f.Tracks.GroupBy(t => t.AlbumId).Count(g => g.Count() > 20), await f.Db.Tracks.GroupBy(t => t.AlbumId).CountAsync(g => g.Count() > 20));
    }

    [Fact]
    public async Task All_after_paging_distinct_and_grouping()
    {
        foreach (var minimum in new[] { 0, 100_000, 200_000 })
        {
            Compare.Scalar(f.Tracks.OrderBy(t => t.TrackId).Take(50).All(t => t.Milliseconds > minimum), await f.Db.Tracks.OrderBy(t => t.TrackId).Take(50).AllAsync(t => t.Milliseconds > minimum));
            Compare.Scalar(f.Tracks.OrderByDescending(t => t.Milliseconds).Skip(10).Take(100).All(t => t.Milliseconds > minimum * 3),
                await f.Db.Tracks.OrderByDescending(t => t.Milliseconds).Skip(10).Take(100).AllAsync(t => t.Milliseconds > minimum * 3));
            Compare.Scalar(f.Tracks.Where(t => t.AlbumId < 10).OrderBy(t => t.TrackId).Select(t => t.Milliseconds).Take(10).All(ms => ms > minimum),
                await f.Db.Tracks.Where(t => t.AlbumId < 10).OrderBy(t => t.TrackId).Select(t => t.Milliseconds).Take(10).AllAsync(ms => ms > minimum));
            Compare.Scalar(f.Tracks.Select(t => t.Milliseconds / 1000).Distinct().All(s => s > minimum / 1000), await f.Db.Tracks.Select(t => t.Milliseconds / 1000).Distinct().AllAsync(s => s > minimum / 1000));
            Compare.Scalar(f.Tracks.GroupBy(t => t.AlbumId).All(g => g.Max(t => t.Milliseconds) > minimum), await f.Db.Tracks.GroupBy(t => t.AlbumId).AllAsync(g => g.Max(t => t.Milliseconds) > minimum));
            Compare.Scalar(f.Tracks.GroupBy(t => t.Composer).Select(g => new { g.Key, Longest = g.Max(t => t.Milliseconds) }).All(x => x.Longest > minimum),
                await f.Db.Tracks.GroupBy(t => t.Composer).Select(g => new { g.Key, Longest = g.Max(t => t.Milliseconds) }).AllAsync(x => x.Longest > minimum));
        }

        Compare.Scalar(f.Tracks.Where(t => t.Milliseconds < 0).GroupBy(t => t.AlbumId).All(g => g.Count() > 100), await f.Db.Tracks.Where(t => t.Milliseconds < 0).GroupBy(t => t.AlbumId).AllAsync(g => g.Count() > 100));
        Compare.Scalar(f.Tracks.GroupBy(t => t.GenreId).Where(g => g.Count() > 100).All(g => g.Count() > 130), await f.Db.Tracks.GroupBy(t => t.GenreId).Where(g => g.Count() > 100).AllAsync(g => g.Count() > 130));
        var error = await Assert.ThrowsAsync<QueryTranslationException>(() => f.Db.Tracks.GroupBy(t => t.AlbumId).Select(g => g.Key).Take(5).AllAsync(k => k > 0));
        Assert.Contains("!q.Any(x => !(…))", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_as_a_list_ordered_filtered_and_beside_aggregates()
    {
        await Compare.RowsAsync(f.Db.Tracks, f.Tracks, q => q.Where(t => t.AlbumId < 30).GroupBy(t => t.AlbumId).Where(g => g.Count() > 10)
            .Select(g => new
            {
                g.Key,
                Ids = g.Select(t => t.TrackId).ToList(),
                ByLength = g.OrderByDescending(t => t.Milliseconds).Select(t => t.Milliseconds).ToArray(),
                Prices = g.Where(t => t.Composer != null).OrderBy(t => t.Composer).Select(t => t.UnitPrice).ToList(),
                Count = g.Count(),
            }), key: r => (r.Key, string.Join(",", r.Ids), string.Join(",", r.ByLength), string.Join(",", r.Prices), r.Count));
        await Compare.RowsAsync(f.Db.Invoices, f.Invoices, q => q.GroupBy(i => i.BillingCountry).Select(g => new { g.Key, Dates = g.OrderBy(i => i.InvoiceDate).ThenBy(i => i.InvoiceId).Select(i => i.InvoiceDate).ToList() }),
            key: r => (r.Key, string.Join(",", r.Dates.Select(d => d.ToString("O") + d.Kind))));
    }
}

/// <summary>A group's key and a value of its element (a type a compiled query can name).</summary>
public sealed record GroupFirst(int? Key, string Name);

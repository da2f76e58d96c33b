using Linq.Chinook.Tests.Infrastructure;

namespace Linq.Chinook.Tests.Queries;

/// <summary>Keyset paging (ToPageAsync, Cursor) through all tracks and invoices, alone and with relations.</summary>
[Collection("chinook")]
public sealed class PagingTests(ChinookFixture f)
{
    [Theory]
    [InlineData(false, LoadStrategy.Join)]
    [InlineData(true, LoadStrategy.Join)]
    [InlineData(true, LoadStrategy.Query)]
    public async Task ToPage_through_every_track_by_length(bool include, LoadStrategy strategy)
    {
        var seen = new List<object?>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var query = f.Db.Tracks.OrderByDescending(t => t.Milliseconds);
            var page = include ? await query.Include(t => t.Album).RelationLoadStrategy(strategy).ToPageAsync(400, cursor) : await query.ToPageAsync(400, cursor);
            seen.AddRange(page.Items.Select(t => (object?)(t.TrackId + ":" + (include ? t.Album?.Title : ""))));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 20);

        // The primary key breaks ties (ascending) after the ordering.
        var expected = f.Tracks.OrderByDescending(t => t.Milliseconds).ThenBy(t => t.TrackId).Select(t => (object?)(t.TrackId + ":" + (include ? t.Album?.Title : "")));
        Compare.Same([.. expected], seen, ordered: true, null);
        Assert.Equal(9, pages);
    }

    [Fact]
    public async Task ToPage_through_invoices_by_date_with_lines()
    {
        var seen = new List<object?>();
        string? cursor = null;
        for (var pages = 0; pages < 30; pages++)
        {
            var page = await f.Db.Invoices.Where(i => i.Total > 5m).OrderBy(i => i.InvoiceDate).Include(i => i.Lines).ToPageAsync(25, cursor);
            seen.AddRange(page.Items.Select(i => (object?)(i.InvoiceId + ":" + i.Lines.Count)));
            cursor = page.NextCursor;
            if (cursor is null)
            {
                break;
            }
        }

        var expected = f.Invoices.Where(i => i.Total > 5m).OrderBy(i => i.InvoiceDate).ThenBy(i => i.InvoiceId).Select(i => (object?)(i.InvoiceId + ":" + i.Lines.Count));
        Compare.Same([.. expected], seen, ordered: true, null);
    }

    [Fact]
    public async Task Cursor_after_a_composite_position()
    {
        var seen = new List<object?>();
        var after = new { UnitPrice = 0m, TrackId = 0 };
        while (seen.Count < 4000)
        {
            var page = await Compare.ListAsync(f.Db.Tracks.OrderBy(t => t.UnitPrice).ThenBy(t => t.TrackId)
                .Cursor(t => new { t.UnitPrice, t.TrackId }, after).Take(700));
            seen.AddRange(page.Select(t => (object?)t.TrackId));
            if (page.Count < 700)
            {
                break;
            }

            after = new { page[^1].UnitPrice, page[^1].TrackId };
        }

        Compare.Same([.. f.Tracks.OrderBy(t => t.UnitPrice).ThenBy(t => t.TrackId).Select(t => (object?)t.TrackId)], seen, ordered: true, null);
    }

    [Fact]
    public async Task Cursor_by_key_with_filter()
    {
        var page = await Compare.ListAsync(f.Db.Tracks.Where(t => t.GenreId == 1).OrderBy(t => t.TrackId).Cursor(t => t.TrackId, 1000).Take(30));
        Compare.Same([.. f.Tracks.Where(t => t.GenreId == 1 && t.TrackId > 1000).Take(30).Select(t => (object?)t.TrackId)], [.. page.Select(t => (object?)t.TrackId)], ordered: true, null);
    }
}

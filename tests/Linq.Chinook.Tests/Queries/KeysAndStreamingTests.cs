using Linq.Chinook.Tests.Infrastructure;

namespace Linq.Chinook.Tests.Queries;

/// <summary>Unique lookups (also on playlist_track's composite key), streaming and the synchronous path over Chinook.</summary>
[Collection("chinook")]
public sealed class KeysAndStreamingTests(ChinookFixture f)
{
    [Fact]
    public async Task Find_unique_by_key_and_composite_key()
    {
        var track = await f.Db.Tracks.FindUniqueAsync(t => t.TrackId == 2000);
        var expected = f.Tracks.Single(t => t.TrackId == 2000);
        Compare.Scalar((object?)(expected.Name, expected.Composer, expected.UnitPrice, expected.Bytes), (track!.Name, track.Composer, track.UnitPrice, track.Bytes));

        var link = f.PlaylistTracks[1234];
        var found = await f.Db.PlaylistTracks.FindUniqueAsync(pt => pt.PlaylistId == link.PlaylistId && pt.TrackId == link.TrackId);
        Compare.Scalar((object?)(link.PlaylistId, link.TrackId), (found!.PlaylistId, found.TrackId));
        Assert.Null(await f.Db.PlaylistTracks.FindUniqueAsync(pt => pt.PlaylistId == 2 && pt.TrackId == 1));
        Assert.DoesNotContain(f.PlaylistTracks, pt => pt.PlaylistId == 2 && pt.TrackId == 1);
    }

    [Fact]
    public async Task First_with_navigation_filter()
    {
        var line = await f.Db.InvoiceLines.OrderBy(l => l.InvoiceLineId).FirstOrDefaultAsync(l => l.Track!.Genre!.Name == "Blues" && l.Invoice!.BillingCountry == "USA");
        var expected = f.InvoiceLines.First(l => l.Track!.Genre!.Name == "Blues" && l.Invoice!.BillingCountry == "USA");
        Compare.Scalar(expected.InvoiceLineId, line!.InvoiceLineId);
    }

    [Fact]
    public async Task Link_rows_with_both_sides_included()
    {
        var query = f.Db.PlaylistTracks.Where(pt => pt.TrackId < 40).OrderBy(pt => pt.PlaylistId).ThenBy(pt => pt.TrackId).Include(pt => pt.Playlist).Include(pt => pt.Track);
        var expected = f.PlaylistTracks.Where(pt => pt.TrackId < 40).OrderBy(pt => pt.PlaylistId).ThenBy(pt => pt.TrackId).Select(pt => (object?)(pt.Playlist!.Name + "/" + pt.Track!.Name));
        Compare.Same([.. expected], [.. (await Compare.ListAsync(query)).Select(pt => (object?)(pt.Playlist?.Name + "/" + pt.Track?.Name))], ordered: true, Compare.Sql(query));
    }

    [Fact]
    public async Task Streams_every_invoice_line()
    {
        var seen = new List<object?>();
        await foreach (var line in f.Db.InvoiceLines.OrderBy(l => l.InvoiceLineId).AsAsyncEnumerable())
        {
            seen.Add(line.InvoiceLineId + "=" + line.UnitPrice * line.Quantity);
        }

        Compare.Same([.. f.InvoiceLines.Select(l => (object?)(l.InvoiceLineId + "=" + l.UnitPrice * l.Quantity))], seen, ordered: true, null);
    }

    [Fact]
    public void Synchronous_list_and_count()
    {
        var query = f.Db.Tracks.Where(t => t.MediaTypeId != 1 && t.Milliseconds > 100_000).OrderBy(t => t.TrackId).Select(t => t.TrackId);
        Compare.Same([.. f.Tracks.Where(t => t.MediaTypeId != 1 && t.Milliseconds > 100_000).Select(t => (object?)t.TrackId)], [.. query.ToList().Select(t => (object?)t)], ordered: true, Compare.Sql(query));
        Compare.Scalar(f.Tracks.Count(t => t.MediaTypeId != 1), f.Db.Tracks.Count(t => t.MediaTypeId != 1));
    }
}

using System.Collections;
using System.Globalization;
using System.Text.Json;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// The element of each group by an ordering (<c>g.OrderBy(…).First()</c>, <c>Last</c>, <c>FirstOrDefault</c> of a filtered
/// group) and a group's values as a list, for a column of every mapped type, plain and nullable: each value must come back
/// exactly as a column read gives it (decimal scale, timestamp kind, enum labels, JSON text, bytes), against
/// LINQ-to-Objects over the plainly read rows.
/// </summary>
public sealed class GroupElementTypeTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    private readonly QueryFixture _f = fixture;

    [Fact]
    public async Task First_of_each_group_keeps_every_type()
    {
        await Check("Int", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.Id).Select(t => t.Int).First())));
        await Check("IntN", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderBy(t => t.Long).Select(t => t.IntN).First())));
        await Check("Long", q => q.GroupBy(t => t.Bool).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.Int).First().Long)));
        await Check("LongN", q => q.GroupBy(t => t.Bool).Select(g => new Picked(g.Key, g.OrderBy(t => t.LongN).First().LongN)));
        await Check("Short", q => q.GroupBy(t => t.Id % 4).Select(g => new Picked(g.Key, g.OrderBy(t => t.Double).First().Short)));
        await Check("Bool", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.Id).First().Bool)));
        await Check("BoolN", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderBy(t => t.BoolN).ThenBy(t => t.Id).First().BoolN)));
        await Check("Text", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.Decimal).First().Text)));
        await Check("TextN", q => q.GroupBy(t => t.Id % 4).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.Id).First().TextN)));
        await Check("Decimal", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.Id).First().Decimal)));
        await Check("DecimalN", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderBy(t => t.DecimalN).First().DecimalN)));
        await Check("Double", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.Id).First().Double)));
        await Check("DoubleN", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.DoubleN).First().DoubleN)));
        await Check("Float", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.Id).First().Float)));
        await Check("Guid", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.Id).First().Guid)));
        await Check("GuidN", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderBy(t => t.Id).First().GuidN)));
        await Check("Timestamp", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.Id).First().Timestamp)));
        await Check("TimestampN", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.TimestampN).ThenBy(t => t.Id).First().TimestampN)));
        await Check("Offset", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.Id).First().Offset)));
        await Check("OffsetN", q => q.GroupBy(t => t.Id % 2).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.Id).First().OffsetN)));
        await Check("Date", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.Id).First().Date)));
        await Check("DateN", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderBy(t => t.DateN).First().DateN)));
        await Check("Time", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.Id).First().Time)));
        await Check("TimeN", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.Id).First().TimeN)));
        await Check("Bytes", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.Id).First().Bytes)));
        await Check("BytesN", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.Id).First().BytesN)));
        await Check("Mood", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.Id).First().Mood)));
        await Check("MoodN", q => q.GroupBy(t => t.Id % 4).Select(g => new Picked(g.Key, g.OrderBy(t => t.MoodN).ThenByDescending(t => t.Id).First().MoodN)));
        await Check("Json", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.Id).First().Json)));
        await Check("JsonN", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.Id).First().JsonN)));
        await Check("ElementN", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.Id).First().ElementN)));
    }

    [Fact]
    public async Task Last_and_FirstOrDefault_of_a_filtered_group()
    {
        // The filter leaves some groups empty: FirstOrDefault gives default (0, null), not a value from another row.
        await Check("Last decimal", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderBy(t => t.Decimal).Last().Decimal)));
        await Check("Last nullable text", q => q.GroupBy(t => t.Bool).Select(g => new Picked(g.Key, g.OrderBy(t => t.TextN).ThenBy(t => t.Id).Last().TextN)));
        await Check("empty int", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.Where(t => t.Int > 2 && t.Bool).OrderBy(t => t.Id).Select(t => t.Int).FirstOrDefault())));
        await Check("empty long", q => q.GroupBy(t => t.Id % 5).Select(g => new Picked(g.Key, g.Where(t => t.Long > 40_000_000_000L).OrderBy(t => t.Id).Select(t => t.Long).LastOrDefault())));
        await Check("empty timestamp", q => q.GroupBy(t => t.Id % 5).Select(g => new Picked(g.Key, g.Where(t => t.Long > 40_000_000_000L).OrderBy(t => t.Id).Select(t => t.Timestamp).FirstOrDefault())));
        await Check("empty enum", q => q.GroupBy(t => t.Id % 5).Select(g => new Picked(g.Key, g.Where(t => t.Long > 40_000_000_000L).OrderBy(t => t.Id).Select(t => t.Mood).FirstOrDefault())));
        await Check("empty nullable vs null", q => q.GroupBy(t => t.Id % 5).Select(g => new Picked(g.Key, g.Where(t => t.Long > 40_000_000_000L).OrderBy(t => t.Id).Select(t => t.IntN).FirstOrDefault())));
    }

    [Fact]
    public async Task First_of_an_empty_selection_throws_as_linq_does()
    {
        Assert.Throws<InvalidOperationException>(() => _f.TypeSamples.GroupBy(t => t.Id % 5).Select(g => g.Where(t => t.Long > 40_000_000_000L).OrderBy(t => t.Id).First().Decimal).ToList());
        await Assert.ThrowsAsync<InvalidOperationException>(() => _f.Db.TypeSamples.GroupBy(t => t.Id % 5).Select(g => g.Where(t => t.Long > 40_000_000_000L).OrderBy(t => t.Id).First().Decimal).ToListAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => _f.Db.TypeSamples.GroupBy(t => t.Id % 5).Select(g => g.Where(t => t.Long > 40_000_000_000L).OrderBy(t => t.Id).Select(t => t.TextN).First()).ToListAsync());

        // A member of FirstOrDefault's null: NullReferenceException in .NET, and here.
        Assert.Throws<NullReferenceException>(() => _f.TypeSamples.GroupBy(t => t.Id % 5).Select(g => g.Where(t => t.Long > 40_000_000_000L).OrderBy(t => t.Id).FirstOrDefault()!.Text).ToList());
        await Assert.ThrowsAsync<NullReferenceException>(() => _f.Db.TypeSamples.GroupBy(t => t.Id % 5).Select(g => g.Where(t => t.Long > 40_000_000_000L).OrderBy(t => t.Id).FirstOrDefault()!.Text).ToListAsync());

        // Where every group has a row, the same queries read it.
        await Check("non-empty First", q => q.GroupBy(t => t.Id % 5).Select(g => new Picked(g.Key, g.Where(t => t.Long > -100_000_000_000L).OrderBy(t => t.Id).First().Decimal)));
    }

    [Fact]
    public async Task A_group_as_a_list_keeps_every_type()
    {
        await Check("Int", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.Select(t => t.Int).ToList())));
        await Check("IntN", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.IntN).Select(t => t.IntN).ToArray())));
        await Check("Long", q => q.GroupBy(t => t.Bool).Select(g => new Picked(g.Key, g.Select(t => t.Long).ToList())));
        await Check("BoolN", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.Select(t => t.BoolN).ToList())));
        await Check("Text", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.OrderByDescending(t => t.Id).Select(t => t.Text).ToList())));
        await Check("TextN", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.Select(t => t.TextN).ToList())));
        await Check("Decimal", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.Select(t => t.Decimal).ToList())));
        await Check("DecimalN", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.Select(t => t.DecimalN).ToArray())));
        await Check("Guid", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.Select(t => t.Guid).ToList())));
        await Check("Timestamp", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.Select(t => t.Timestamp).ToList())));
        await Check("TimestampN", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.Select(t => t.TimestampN).ToList())));
        await Check("Offset", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.Select(t => t.Offset).ToList())));
        await Check("Date", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.Select(t => t.Date).ToList())));
        await Check("TimeN", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.Select(t => t.TimeN).ToList())));
        await Check("Double", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.Select(t => t.Double).ToList())));
        await Check("filtered to nothing", q => q.GroupBy(t => t.Id % 5).Select(g => new Picked(g.Key, g.Where(t => t.Long > 40_000_000_000L).Select(t => t.Int).ToList())));
    }

    [Fact]
    public async Task Distinct_count_counts_null_once()
    {
        await Check("IntN", q => q.GroupBy(t => t.Bool).Select(g => new Picked(g.Key, g.Select(t => t.IntN).Distinct().Count())));
        await Check("TextN", q => q.GroupBy(t => t.Id % 2).Select(g => new Picked(g.Key, g.Select(t => t.TextN).Distinct().Count())));
        await Check("BoolN filtered", q => q.GroupBy(t => t.Id % 2).Select(g => new Picked(g.Key, g.Where(t => t.Int > 0).Select(t => t.BoolN).Distinct().LongCount())));
        await Check("Mood", q => q.GroupBy(t => t.Bool).Select(g => new Picked(g.Key, g.Select(t => t.MoodN).Distinct().Count())));
        await Check("bool expression", q => q.GroupBy(t => t.Id % 3).Select(g => new Picked(g.Key, g.Select(t => t.IntN > 0).Distinct().Count())));
    }

    [Fact]
    public async Task Arrays_and_rows_with_arrays_are_refused_with_advice()
    {
        var error = await Assert.ThrowsAsync<QueryTranslationException>(() => _f.Db.TypeSamples.GroupBy(t => t.Bool).Select(g => new { g.Key, V = g.OrderBy(t => t.Id).First().Tags }).ToListAsync());
        Assert.Contains("….First().Id", error.Message, StringComparison.Ordinal);
        error = await Assert.ThrowsAsync<QueryTranslationException>(() => _f.Db.TypeSamples.GroupBy(t => t.Bool).Select(g => new { g.Key, V = g.OrderBy(t => t.Id).First() }).ToListAsync());
        Assert.Contains("array", error.Message, StringComparison.Ordinal);
        error = await Assert.ThrowsAsync<QueryTranslationException>(() => _f.Db.TypeSamples.GroupBy(t => t.Bool).Select(g => new { g.Key, V = g.Select(t => t.Tags).ToList() }).ToListAsync());
        Assert.Contains("g.Select(x => x.Id).ToList()", error.Message, StringComparison.Ordinal);
    }

    private async Task Check(string label, Func<IQueryable<TypeSample>, IQueryable<Picked>> query)
    {
        var expected = query(_f.TypeSamples.AsQueryable()).AsEnumerable().Select(Show).Order(StringComparer.Ordinal).ToList();
        var dbQuery = query(_f.Db.TypeSamples);
        var actual = (await QueryCheck.ListAsync(dbQuery)).Select(Show).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        QueryCheck.Same(label, expected, actual, QueryCheck.Sql(dbQuery));
    }

    private static string Show(Picked row) => Show(row.Key) + " => " + Show(row.V);

    // Exact text of a value: decimal scale, DateTime kind ("O"), offsets, bytes, JSON text, list elements in order.
    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture) + " " + d.Kind,
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        byte[] bytes => "0x" + Convert.ToHexString(bytes),
        JsonDocument json => json.RootElement.ValueKind + ":" + json.RootElement.GetRawText(),
        JsonElement element => element.ValueKind + ":" + element.GetRawText(),
        IFormattable f => value.GetType().Name + ":" + f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable list => value.GetType().Name + "[" + string.Join(", ", list.Cast<object?>().Select(Show)) + "]",
        TypeSample row => "row " + row.Id + " " + row.Text + " " + Show(row.DecimalN) + " " + Show(row.TimestampN),
        _ => value.GetType().Name + ":" + value,
    };
}

/// <summary>A group's key and the value read from it (boxed, so one check serves every type).</summary>
public sealed record Picked(object Key, object? V);

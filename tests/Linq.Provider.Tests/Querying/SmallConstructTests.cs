using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// The small everyday constructs, over rows with NULLs, text with characters outside the BMP and UTC timestamps (read
/// back with plain Npgsql): <c>s[i]</c> compared with a char, <c>object.Equals</c>/<c>Equals</c>, <c>TimeOfDay</c>,
/// <c>Cast</c>/<c>OfType</c> and <c>Contains</c> after Distinct/Skip/Take, each compared with LINQ-to-Objects, with
/// captured values changing between calls (one plan) and inside compiled queries.
/// </summary>
public sealed class SmallConstructTests(MethodSampleFixture f) : IClassFixture<MethodSampleFixture>
{
    private static readonly CompiledListQuery<TestDb, int, long> UnitAtIndex =
        CompiledQuery.CreateList((TestDb db, int k) => db.TypeSamples.Where(t => t.Text.Length > k ? t.Text[k] == 'a' : false).Select(t => t.Id));

    private static readonly CompiledQuery<TestDb, int?, bool> PageContains =
        CompiledQuery.Create((TestDb db, int? v) => db.TypeSamples.OrderBy(t => t.Id).Select(t => t.IntN).Skip(3).Take(10).Contains(v));

    // ---- s[i]

    [Fact]
    public async Task Code_unit_at_each_index_matches_linq_to_objects_also_inside_surrogate_pairs()
    {
        Assert.Contains(f.Rows, r => r.Text.Any(char.IsSurrogate));
        for (var k = 0; k <= 6; k++)
        {
            var i = k;
            var ids = f.Rows.Where(r => i < r.Text.Length).Select(r => r.Id).ToList();
            var expected = f.Rows.Where(r => ids.Contains(r.Id)).OrderBy(r => r.Id).Select(r => new { r.Id, Unit = (int)r.Text[i] }).ToList();
            var query = f.Db.TypeSamples.Where(t => ids.Contains(t.Id)).OrderBy(t => t.Id).Select(t => new { t.Id, Unit = (int)t.Text[i] });
            QueryCheck.Same($"(int)Text[{i}]", expected, await QueryCheck.ListAsync(query), QueryCheck.Sql(query));
        }
    }

    [Fact]
    public async Task Char_comparisons_with_captured_values_share_one_plan()
    {
        char[] letters = ['a', 'h', 'e', '\uD83C', '\uDF89', '\uD834', ' ', '日'];
        var (k, c) = (0, 'a');
        // A conditional guards the short rows: SQL does not promise to evaluate && left to right.
        var query = f.Db.TypeSamples.Where(t => t.Text.Length > k ? t.Text[k] == c : false).Select(t => t.Id);
        var before = f.Db.QueryCache.Misses;
        foreach (var letter in letters)
        {
            for (var index = 0; index < 3; index++)
            {
                (k, c) = (index, letter);
                var expected = f.Rows.Where(r => r.Text.Length > index && r.Text[index] == letter).Select(r => r.Id).Order().ToList();
                QueryCheck.Same($"Text[{index}] == U+{(int)letter:X4}", expected, (await QueryCheck.ListAsync(query)).Order(), QueryCheck.Sql(query));
            }
        }

        Assert.True(f.Db.QueryCache.Misses - before <= 1, "one plan for every index and char");
        Assert.Contains(f.Rows, r => r.Text.Length > 1 && r.Text[1] == '\uDF89');
    }

    [Fact]
    public async Task Ordered_comparison_and_an_index_from_a_column()
    {
        var expected = f.Rows.Where(r => r.Text.Length > 0 ? r.Text[0] < 'b' : false).Select(r => r.Id).Order().ToList();
        Assert.Equal(expected, (await f.Db.TypeSamples.Where(t => t.Text.Length > 0 ? t.Text[0] < 'b' : false).Select(t => t.Id).ToListAsync()).Order());

        // The last code unit: the low surrogate of a final astral character.
        var last = f.Rows.Where(r => r.Text.Length > 0).OrderBy(r => r.Id).Select(r => (r.Id, (int)r.Text[r.Text.Length - 1])).ToList();
        var actual = await f.Db.TypeSamples.Where(t => t.Text.Length > 0).OrderBy(t => t.Id).Select(t => new { t.Id, Unit = (int)t.Text[t.Text.Length - 1] }).ToListAsync();
        Assert.Equal(last, actual.Select(a => (a.Id, a.Unit)));
    }

    [Fact]
    public async Task Null_text_gives_no_match_and_a_null_code_unit()
    {
        var expected = f.Rows.Where(r => r.TextN != null && r.TextN.Length > 0 && r.TextN[0] == 'a').Select(r => r.Id).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, (await f.Db.TypeSamples.Where(t => t.TextN!.Length > 0 ? t.TextN[0] == 'a' : false).Select(t => t.Id).ToListAsync()).Order());

        var units = await f.Db.TypeSamples.Where(t => t.TextN == null || t.TextN.Length > 0).OrderBy(t => t.Id).Select(t => new { t.Id, Unit = (int?)t.TextN![0] }).ToListAsync();
        Assert.Equal(f.Rows.Where(r => r.TextN == null || r.TextN.Length > 0).OrderBy(r => r.Id).Select(r => (r.Id, r.TextN is null ? null : (int?)r.TextN[0])),
            units.Select(u => (u.Id, u.Unit)));
    }

    [Fact]
    public async Task An_index_outside_the_text_fails_as_net_throws()
    {
        var beyond = f.Rows.Max(r => r.Text.Length);
        var error = await Record.ExceptionAsync(() => f.Db.TypeSamples.Where(t => t.Text[beyond] == 'a').Select(t => t.Id).ToListAsync());
        Assert.Contains("IndexOutOfRangeException", QueryCheck.Describe(error!), StringComparison.Ordinal);
        Assert.Throws<IndexOutOfRangeException>(() => f.Rows.Where(t => t.Text[beyond] == 'a').ToList());

        var negative = -1;
        Assert.IsType<IndexOutOfRangeException>(await Record.ExceptionAsync(() => f.Db.TypeSamples.Where(t => t.Text[negative] == 'a').Select(t => t.Id).ToListAsync()));

        // The empty text has no index 0.
        var none = await Record.ExceptionAsync(() => f.Db.TypeSamples.Where(t => t.Text == "" && t.Text[0] == 'a').Select(t => t.Id).ToListAsync());
        Assert.Contains("IndexOutOfRangeException", QueryCheck.Describe(none!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_char_projected_is_read_from_the_text_on_the_client()
    {
        var expected = f.Rows.Where(r => r.Text.Length > 1).OrderBy(r => r.Id).Select(r => r.Text[1]).ToList();
        Assert.Equal(expected, await f.Db.TypeSamples.Where(t => t.Text.Length > 1).OrderBy(t => t.Id).Select(t => t.Text[1]).ToListAsync());
    }

    [Fact]
    public async Task Char_index_inside_a_compiled_query()
    {
        for (var k = 0; k < 4; k++)
        {
            var i = k;
            Assert.Equal(f.Rows.Where(r => r.Text.Length > i && r.Text[i] == 'a').Select(r => r.Id).Order(), (await UnitAtIndex.ToListAsync(f.Db, i)).Order());
        }
    }

    // ---- Equals

    [Fact]
    public async Task Object_Equals_of_nullable_values_with_captured_values_changing()
    {
        foreach (var value in new int?[] { null, 1, -2, 99, null })
        {
            var v = value;
            var expected = f.Rows.Where(r => Equals(r.IntN, v)).Select(r => r.Id).Order().ToList();
            Assert.Equal(expected, (await f.Db.TypeSamples.Where(t => Equals(t.IntN, v)).Select(t => t.Id).ToListAsync()).Order());
            Assert.Equal(expected, (await f.Db.TypeSamples.Where(t => t.IntN.Equals(v)).Select(t => t.Id).ToListAsync()).Order());
            Assert.Equal(f.Rows.Where(r => !Equals(r.IntN, v)).Select(r => r.Id).Order(), (await f.Db.TypeSamples.Where(t => !Equals(t.IntN, v)).Select(t => t.Id).ToListAsync()).Order());
        }

        Assert.Equal(f.Rows.Where(r => Equals(r.IntN, r.ShortN == null ? null : (int?)r.ShortN)).Select(r => r.Id).Order(),
            (await f.Db.TypeSamples.Where(t => Equals(t.IntN, t.ShortN == null ? null : (int?)t.ShortN)).Select(t => t.Id).ToListAsync()).Order());
    }

    [Fact]
    public async Task Equals_of_strings_and_enums()
    {
        foreach (var text in new string?[] { null, "a", "🎉" })
        {
            var s = text;
            Assert.Equal(f.Rows.Where(r => Equals(r.TextN, s)).Select(r => r.Id).Order(), (await f.Db.TypeSamples.Where(t => Equals(t.TextN, s)).Select(t => t.Id).ToListAsync()).Order());
        }

        foreach (var mood in new Mood?[] { Mood.Happy, null, Mood.Sad })
        {
            var m = mood;
            Assert.Equal(f.Rows.Where(r => Equals(r.MoodN, m)).Select(r => r.Id).Order(), (await f.Db.TypeSamples.Where(t => Equals(t.MoodN, m)).Select(t => t.Id).ToListAsync()).Order());
            Assert.Equal(f.Rows.Where(r => r.MoodN.Equals(m)).Select(r => r.Id).Order(), (await f.Db.TypeSamples.Where(t => t.MoodN.Equals(m)).Select(t => t.Id).ToListAsync()).Order());
        }

        Assert.Equal(f.Rows.Where(r => r.Mood.Equals(Mood.Sad)).Select(r => r.Id).Order(), (await f.Db.TypeSamples.Where(t => t.Mood.Equals(Mood.Sad)).Select(t => t.Id).ToListAsync()).Order());
        Assert.Equal(f.Rows.Select(r => Equals(r.TextN, r.Text)).Count(b => b), await f.Db.TypeSamples.CountAsync(t => Equals(t.TextN, t.Text)));
    }

    [Fact]
    public async Task Equals_across_two_types_is_refused_before_any_sql()
    {
        // C#: a boxed long never equals a boxed int, an enum never its number.
        Assert.DoesNotContain(f.Rows, r => r.Int.Equals(1L));
        await Assert.ThrowsAsync<QueryTranslationException>(() => f.Db.TypeSamples.Where(t => t.Int.Equals(1L)).ToListAsync());
        await Assert.ThrowsAsync<QueryTranslationException>(() => f.Db.TypeSamples.Where(t => Equals(t.IntN, 1L)).ToListAsync());
        await Assert.ThrowsAsync<QueryTranslationException>(() => f.Db.TypeSamples.Where(t => t.Mood.Equals(1)).ToListAsync());

        // Arrays compare references in C#: no row's array is a captured one.
        string[] tags = ["t0", ""];
        Assert.DoesNotContain(f.Rows, r => r.Tags.Equals(tags));
        await Assert.ThrowsAsync<QueryTranslationException>(() => f.Db.TypeSamples.Where(t => t.Tags.Equals(tags)).ToListAsync());

        // A boxed captured value is checked at every execution: the plan made for an int is not used for a long.
        object boxed = 1;
        Assert.Equal(f.Rows.Where(r => Equals(r.IntN, boxed)).Select(r => r.Id).Order(), (await f.Db.TypeSamples.Where(t => Equals(t.IntN, boxed)).Select(t => t.Id).ToListAsync()).Order());
        boxed = 1L;
        var error = await Record.ExceptionAsync(() => f.Db.TypeSamples.Where(t => Equals(t.IntN, boxed)).Select(t => t.Id).ToListAsync());
        Assert.IsType<QueryTranslationException>(error);
    }

    // ---- TimeOfDay

    [Fact]
    public async Task TimeOfDay_of_timestamptz_is_the_utc_clock_as_read_back()
    {
        var expected = f.Rows.OrderBy(r => r.Id).Select(r => (r.Id, Time: r.Timestamp.TimeOfDay, Offset: r.Offset.TimeOfDay)).ToList();
        Assert.All(f.Rows, r => Assert.Equal(DateTimeKind.Utc, r.Timestamp.Kind));
        var actual = await f.Db.TypeSamples.OrderBy(t => t.Id).Select(t => new { t.Id, Time = t.Timestamp.TimeOfDay, Offset = t.Offset.TimeOfDay }).ToListAsync();
        Assert.Equal(expected, actual.Select(a => (a.Id, a.Time, a.Offset)));
        Assert.Contains(expected, e => e.Time.Ticks % TimeSpan.TicksPerSecond != 0);

        var nullable = await f.Db.TypeSamples.Where(t => t.TimestampN != null).OrderBy(t => t.Id).Select(t => t.TimestampN!.Value.TimeOfDay).ToListAsync();
        Assert.Equal(f.Rows.Where(r => r.TimestampN != null).OrderBy(r => r.Id).Select(r => r.TimestampN!.Value.TimeOfDay), nullable);

        foreach (var hours in new[] { 0, 6.5, 12, 23.99 })
        {
            var limit = TimeSpan.FromHours(hours);
            Assert.Equal(f.Rows.Where(r => r.Timestamp.TimeOfDay < limit).Select(r => r.Id).Order(),
                (await f.Db.TypeSamples.Where(t => t.Timestamp.TimeOfDay < limit).Select(t => t.Id).ToListAsync()).Order());
        }

        Assert.Equal(f.Rows.Where(r => r.Timestamp.TimeOfDay == TimeSpan.Zero).Select(r => r.Id).Order(),
            (await f.Db.TypeSamples.Where(t => t.Timestamp.TimeOfDay == TimeSpan.Zero).Select(t => t.Id).ToListAsync()).Order());
        Assert.Equal(f.Rows.OrderBy(r => r.Id).Select(r => r.Timestamp.TimeOfDay.TotalHours),
            await f.Db.TypeSamples.OrderBy(t => t.Id).Select(t => t.Timestamp.TimeOfDay.TotalHours).ToListAsync());
    }

    // ---- Cast, OfType

    [Fact]
    public async Task Cast_and_OfType_as_linq_to_objects()
    {
        var ordered = f.Db.TypeSamples.OrderBy(t => t.Id);
        var rows = f.Rows.OrderBy(r => r.Id).ToList();
        Assert.Equal(rows.Select(r => r.Int).Cast<int?>(), await ordered.Select(t => t.Int).Cast<int?>().ToListAsync());
        Assert.Equal(rows.Select(r => r.Int).Cast<object>(), await ordered.Select(t => t.Int).Cast<object>().ToListAsync());
        Assert.Equal(rows.Select(r => r.IntN).OfType<int>(), await ordered.Select(t => t.IntN).OfType<int>().ToListAsync());
        Assert.Equal(rows.Select(r => r.TextN).OfType<string>(), await ordered.Select(t => t.TextN).OfType<string>().ToListAsync());
        Assert.Equal(rows.Select(r => r.IntN).OfType<int>().Sum(), await ordered.Select(t => t.IntN).OfType<int>().SumAsync());
        Assert.Equal(rows.Select(r => r.IntN).Cast<int?>().Count(v => v > 0), await ordered.Select(t => t.IntN).Cast<int?>().CountAsync(v => v > 0));

        // Unboxing as another type throws for every value in C#, and for none when there are none.
#pragma warning disable CA2021 // the point: Cast<long>() of ints throws
        Assert.Throws<InvalidCastException>(() => rows.Select(r => r.Int).Cast<long>().ToList());
        await Assert.ThrowsAsync<InvalidCastException>(() => ordered.Select(t => t.Int).Cast<long>().ToListAsync());
        Assert.Empty(await ordered.Where(t => t.Id < 0).Select(t => t.Int).Cast<long>().ToListAsync());
#pragma warning restore CA2021
        Assert.Throws<NullReferenceException>(() => rows.Select(r => r.IntN).Cast<int>().ToList());
        await Assert.ThrowsAsync<NullReferenceException>(() => ordered.Select(t => t.IntN).Cast<int>().ToListAsync());

        await Assert.ThrowsAsync<QueryTranslationException>(() => ordered.Select(t => t.Int).OfType<long>().ToListAsync());
        await Assert.ThrowsAsync<QueryTranslationException>(() => ordered.Select(t => t.IntN).Take(5).OfType<int>().ToListAsync());
    }

    // ---- set operators with a local collection

    [Fact]
    public async Task Set_operators_with_a_local_collection_changing_between_calls()
    {
        var ordered = f.Db.TypeSamples.OrderBy(t => t.Id);
        var rows = f.Rows.OrderBy(r => r.Id).ToList();
        foreach (var list in new List<int?>[] { [], [null], [1, 99, null, 99], [-2, 2] })
        {
            var local = list;
            Assert.Equal(rows.Select(r => r.IntN).Union(local).Order(), (await f.Db.TypeSamples.Select(t => t.IntN).Union(local).ToListAsync()).Order());
            Assert.Equal(rows.Select(r => r.IntN).Concat(local).Order(), (await f.Db.TypeSamples.Select(t => t.IntN).Concat(local).ToListAsync()).Order());
            Assert.Equal(rows.Select(r => r.IntN).Intersect(local).Order(), (await f.Db.TypeSamples.Select(t => t.IntN).Intersect(local).ToListAsync()).Order());
            Assert.Equal(rows.Select(r => r.IntN).Except(local).Order(), (await f.Db.TypeSamples.Select(t => t.IntN).Except(local).ToListAsync()).Order());
            Assert.Equal(rows.Select(r => r.IntN).Take(5).Union(local).Count(), await ordered.Select(t => t.IntN).Take(5).Union(local).CountAsync());
        }

        string[] texts = ["🎉", "zzz", ""];
        Assert.Equal(rows.Select(r => r.Text).Union(texts).Order(StringComparer.Ordinal),
            (await f.Db.TypeSamples.Select(t => t.Text).Union(texts).ToListAsync()).Order(StringComparer.Ordinal));

        int[]? none = null;
        Assert.Throws<ArgumentNullException>(() => rows.Select(r => r.Int).Union(none!).ToList());
        await Assert.ThrowsAsync<ArgumentNullException>(() => f.Db.TypeSamples.Select(t => t.Int).Union(none!).ToListAsync());
    }

    // ---- Contains after Distinct, Skip, Take

    [Fact]
    public async Task Contains_after_Distinct_Skip_Take_with_values_changing()
    {
        foreach (var value in new int?[] { null, 1, -2, 2, 99 })
        {
            var v = value;
            var rows = f.Rows.OrderBy(r => r.Id).ToList();
            Assert.Equal(rows.Select(r => r.IntN).Distinct().Contains(v), f.Db.TypeSamples.Select(t => t.IntN).Distinct().Contains(v));
            Assert.Equal(rows.Select(r => r.IntN).Take(4).Contains(v), f.Db.TypeSamples.OrderBy(t => t.Id).Select(t => t.IntN).Take(4).Contains(v));
            Assert.Equal(rows.Select(r => r.IntN).Skip(3).Take(10).Contains(v), await PageContains.RunAsync(f.Db, v));
            Assert.Equal(rows.Where(r => r.Bool).Select(r => r.IntN).Skip(2).Contains(v),
                f.Db.TypeSamples.Where(t => t.Bool).OrderBy(t => t.Id).Select(t => t.IntN).Skip(2).Contains(v));
        }

        var texts = f.Rows.OrderByDescending(r => r.Id).Select(r => r.Text).Take(5).ToList();
        Assert.True(f.Db.TypeSamples.OrderByDescending(t => t.Id).Select(t => t.Text).Take(5).Contains(texts[^1]));
        var outside = f.Rows.OrderByDescending(r => r.Id).Select(r => r.Text).Skip(5).First(t => !texts.Contains(t));
        Assert.False(f.Db.TypeSamples.OrderByDescending(t => t.Id).Select(t => t.Text).Take(5).Contains(outside));
    }

    // ---- a captured value the database has no type for

    [Fact]
    public async Task A_captured_value_without_a_store_type_in_the_projection_is_refused_with_advice()
    {
        var span = TimeSpan.FromMinutes(5);
        foreach (var query in new Func<Task>[]
        {
            () => f.Db.TypeSamples.Select(t => new { t.Id, T = (TimeSpan?)null }).ToListAsync(),
            () => f.Db.TypeSamples.Select(t => new { t.Id, T = span }).ToListAsync(),
        })
        {
            var error = await Assert.ThrowsAsync<QueryTranslationException>(query);
            Assert.Contains("of type '", error.Message, StringComparison.Ordinal);
            Assert.Contains("Add it after reading", error.Message, StringComparison.Ordinal);
        }
    }
}

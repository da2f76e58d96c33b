using System.Linq.Expressions;
using System.Text.Json;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// Paths into jsonb columns, <c>Pg.JsonContains</c> and <c>Pg.JsonHasKey</c> against LINQ-to-Objects over rows read with
/// plain Npgsql. A missing member reads as NULL in SQL (.NET throws), so expectations use <see cref="Member"/>, which
/// returns null for a missing member or a NULL document, as documented.
/// </summary>
public sealed class JsonFilterTests(EntryFixture fixture) : IClassFixture<EntryFixture>
{
    private TestDb Db => fixture.Db;

    public static TheoryData<string> Filters => [.. FilterCases().Keys];

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Filter_returns_the_rows_linq_to_objects_returns(string name)
    {
        var (sql, expected) = FilterCases()[name];
        var query = Db.Entries.Where(sql).Select(a => a.Id);
        var actual = await QueryCheck.ListAsync(query);
        var want = fixture.Entries.Where(expected).Select(a => a.Id).ToList();
        Assert.True(want.Count > 0 && want.Count < fixture.Entries.Count, $"{name}: the case must tell rows apart ({want.Count} of {fixture.Entries.Count}).");
        Assert.True(want.Order().SequenceEqual(actual.Order()), $"{name}: expected [{string.Join(", ", want)}], got [{string.Join(", ", actual.Order())}]\n{QueryCheck.Sql(query)}");
    }

    /// <summary>The member at <paramref name="path"/>, or null when the document is NULL or a member is missing (SQL's reading).</summary>
    internal static JsonElement? Member(JsonElement? root, params object[] path)
    {
        var current = root;
        foreach (var step in path)
        {
            if (current is not { } element)
            {
                return null;
            }

            current = step switch
            {
                string name when element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var member) => member,
                int index when element.ValueKind == JsonValueKind.Array && index < element.GetArrayLength() => element[index],
                _ => null,
            };
        }

        return current is { ValueKind: JsonValueKind.Null } ? null : current;
    }

    private static string? Text(Entry a, params object[] path) => Member(a.Meta?.RootElement, path) is { } e ? (e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()) : null;

    private static Dictionary<string, (Expression<Func<Entry, bool>> Sql, Func<Entry, bool> Expected)> FilterCases()
    {
        var kind = "book";
        var key = "pages";
        var cases = new Dictionary<string, (Expression<Func<Entry, bool>>, Func<Entry, bool>)>();
        void Add(string name, Expression<Func<Entry, bool>> sql, Func<Entry, bool> expected) => cases.Add(name, (sql, expected));

        Add("string", a => a.Meta!.RootElement.GetProperty("kind").GetString() == kind, a => Text(a, "kind") == kind);
        Add("string-not-equal", a => a.Meta!.RootElement.GetProperty("kind").GetString() != "book", a => Text(a, "kind") != "book");
        Add("int-key-variable", a => a.Meta!.RootElement.GetProperty(key).GetInt32() > 70, a => Member(a.Meta?.RootElement, "pages")?.GetInt32() > 70);
        Add("decimal", a => a.Meta!.RootElement.GetProperty("price").GetDecimal() >= 7.5m, a => Member(a.Meta?.RootElement, "price")?.GetDecimal() >= 7.5m);
        Add("double", a => a.Meta!.RootElement.GetProperty("price").GetDouble() < 4.6, a => Member(a.Meta?.RootElement, "price")?.GetDouble() < 4.6);
        Add("bool", a => a.Meta!.RootElement.GetProperty("ok").GetBoolean(), a => Member(a.Meta?.RootElement, "ok")?.GetBoolean() == true);
        Add("not-bool", a => !a.Meta!.RootElement.GetProperty("ok").GetBoolean(), a => Member(a.Meta?.RootElement, "ok")?.GetBoolean() != true);
        Add("nested", a => a.Meta!.RootElement.GetProperty("author").GetProperty("name").GetString() == "n1", a => Text(a, "author", "name") == "n1");
        Add("nested-int", a => a.Meta!.RootElement.GetProperty("author").GetProperty("age").GetInt64() < 27L, a => Member(a.Meta?.RootElement, "author", "age")?.GetInt64() < 27L);
        Add("missing-member-is-null", a => a.Meta!.RootElement.GetProperty("opt").GetString() == null, a => Text(a, "opt") == null);
        Add("json-null-is-null", a => a.Meta!.RootElement.GetProperty("nul").GetString() == null && a.Meta != null, a => Text(a, "nul") == null && a.Meta != null);
        Add("element-column", a => a.Data.GetProperty("v").GetInt32() > 5, a => a.Data.GetProperty("v").GetInt32() > 5);
        Add("element-index", a => a.Data.GetProperty("arr")[1].GetInt32() > 9, a => Member(a.Data, "arr", 1)?.GetInt32() > 9);
        Add("array-length", a => a.Meta!.RootElement.GetProperty("list").GetArrayLength() == 3, a => Member(a.Meta?.RootElement, "list")?.GetArrayLength() == 3);
        Add("element-array-length", a => a.Data.GetProperty("arr").GetArrayLength() >= 3, a => a.Data.GetProperty("arr").GetArrayLength() >= 3);
        Add("json-contains", a => Pg.JsonContains(a.Meta, "{\"kind\":\"paper\",\"ok\":true}"),
            a => Text(a, "kind") == "paper" && Member(a.Meta?.RootElement, "ok")?.GetBoolean() == true);
        Add("json-contains-nested", a => Pg.JsonContains(a.Meta, "{\"author\":{\"name\":\"n2\"}}"), a => Text(a, "author", "name") == "n2");
        Add("json-contains-array", a => Pg.JsonContains(a.Data, "{\"arr\":[3]}"), a => a.Data.GetProperty("arr").EnumerateArray().Any(e => e.GetInt32() == 3));
        Add("not-json-contains", a => !Pg.JsonContains(a.Meta, "{\"kind\":\"book\"}"), a => Text(a, "kind") != "book");
        Add("has-key", a => Pg.JsonHasKey(a.Meta, "opt"), a => a.Meta is not null && a.Meta.RootElement.TryGetProperty("opt", out _));
        Add("has-key-json-null", a => Pg.JsonHasKey(a.Meta, "nul"), a => a.Meta is not null && a.Meta.RootElement.TryGetProperty("nul", out _));
        Add("not-has-key", a => !Pg.JsonHasKey(a.Meta, "opt"), a => !(a.Meta is not null && a.Meta.RootElement.TryGetProperty("opt", out _)));
        Add("has-key-on-path", a => Pg.JsonHasKey(a.Meta!.RootElement.GetProperty("author"), "age"), a => a.Meta is not null);
        Add("with-array-column", a => a.Meta!.RootElement.GetProperty("kind").GetString() == "paper" && a.Tags.Contains("t1"), a => Text(a, "kind") == "paper" && a.Tags.Contains("t1"));
        return cases;
    }

    [Fact]
    public async Task Projection_and_ordering_read_json_values()
    {
        var query = Db.Entries
            .OrderBy(a => a.Data.GetProperty("v").GetInt32()).ThenBy(a => a.Id)
            .Select(a => new
            {
                a.Id,
                Kind = a.Meta!.RootElement.GetProperty("kind").GetString(),
                Pages = (int?)a.Meta!.RootElement.GetProperty("pages").GetInt32(),
                Opt = a.Meta!.RootElement.GetProperty("opt").GetString(),
                Name = a.Meta!.RootElement.GetProperty("author").GetProperty("name").GetString(),
                V = a.Data.GetProperty("v").GetInt32(),
                Length = a.Data.GetProperty("arr").GetArrayLength(),
                HasOpt = Pg.JsonHasKey(a.Meta, "opt"),
            });
        var actual = await QueryCheck.ListAsync(query);
        var expected = fixture.Entries
            .OrderBy(a => a.Data.GetProperty("v").GetInt32()).ThenBy(a => a.Id)
            .Select(a => new
            {
                a.Id,
                Kind = Text(a, "kind"),
                Pages = Member(a.Meta?.RootElement, "pages")?.GetInt32(),
                Opt = Text(a, "opt"),
                Name = Text(a, "author", "name"),
                V = a.Data.GetProperty("v").GetInt32(),
                Length = a.Data.GetProperty("arr").GetArrayLength(),
                HasOpt = a.Meta is not null && a.Meta.RootElement.TryGetProperty("opt", out _),
            }).ToList();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(LoadStrategy.Join)]
    [InlineData(LoadStrategy.Query)]
    public async Task Include_and_nested_select_filter_by_json_and_read_it_back_exactly(LoadStrategy strategy)
    {
        var racks = await Db.Racks
            .Include(r => r.Entries.Where(a => Pg.JsonHasKey(a.Meta, "opt") && a.Data.GetProperty("v").GetInt32() < 8), strategy)
            .OrderBy(r => r.Id).ToListAsync();
        foreach (var rack in racks)
        {
            var expected = fixture.Racks.Single(r => r.Id == rack.Id).Entries
                .Where(a => a.Meta is not null && a.Meta.RootElement.TryGetProperty("opt", out _) && a.Data.GetProperty("v").GetInt32() < 8).OrderBy(a => a.Id).ToList();
            var actual = rack.Entries.OrderBy(a => a.Id).ToList();
            Assert.Equal(expected.Select(a => a.Id), actual.Select(a => a.Id));
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.True(JsonElement.DeepEquals(expected[i].Meta!.RootElement, actual[i].Meta!.RootElement));
                Assert.True(JsonElement.DeepEquals(expected[i].Data, actual[i].Data));
            }
        }

        Assert.Contains(racks, r => r.Entries.Count > 0);
        var nested = await QueryCheck.ListAsync(Db.Racks.OrderBy(r => r.Id).Select(r => new
        {
            r.Id,
            Kinds = r.Entries.Where(a => Pg.JsonContains(a.Meta, "{\"kind\":\"book\"}")).OrderBy(a => a.Id).Select(a => a.Meta!.RootElement.GetProperty("author").GetProperty("name").GetString()).ToList(),
            Data = r.Entries.OrderBy(a => a.Id).Select(a => a.Data).ToList(),
        }));
        foreach (var rack in nested)
        {
            var entries = fixture.Racks.Single(r => r.Id == rack.Id).Entries.OrderBy(a => a.Id).ToList();
            Assert.Equal(entries.Where(a => Text(a, "kind") == "book").Select(a => Text(a, "author", "name")), rack.Kinds);
            Assert.Equal(entries.Count, rack.Data.Count);
            Assert.All(entries.Zip(rack.Data), pair => Assert.True(JsonElement.DeepEquals(pair.First.Data, pair.Second)));
        }
    }

    [Fact]
    public async Task Keys_are_parameters_and_the_question_mark_operator_reaches_the_server()
    {
        var evil = "x' OR '1'='1";
        var sql = Db.Entries.Where(a => a.Meta!.RootElement.GetProperty(evil).GetString() == "1" || Pg.JsonHasKey(a.Meta, evil)).Select(a => a.Id).ToSql();
        Assert.DoesNotContain(evil, sql);
        Assert.Contains(" ? $", sql);
        Assert.Empty(await Db.Entries.Where(a => a.Meta!.RootElement.GetProperty(evil).GetString() == "1" || Pg.JsonHasKey(a.Meta, evil)).ToListAsync());
    }

    [Fact]
    public void Untranslatable_json_methods_throw_before_any_sql()
    {
        var ex = Assert.Throws<QueryTranslationException>(() => Db.Entries.Where(a => a.Meta!.RootElement.GetRawText() == "{}").ToSql());
        Assert.Contains("GetRawText", ex.Message);
        var root = Assert.Throws<QueryTranslationException>(() => Db.Entries.Where(a => a.Data.GetString() == "x").ToSql());
        Assert.Contains("member", root.Message);
        Assert.Throws<QueryTranslationException>(() => Db.Entries.Where(a => Pg.JsonContains(a.Title, "{}")).ToSql());
        Assert.Throws<InvalidOperationException>(() => Pg.JsonHasKey(JsonDocument.Parse("{}"), "k"));
    }
}

using System.Linq.Expressions;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// The same query shape run repeatedly with different captured values (the way application code runs it): each
/// run must follow its own values. The provider caches plans by shape, so this guards against a plan that keeps a
/// stale value, or that was built for a non-null value and reused for null (or for an empty list, another length…).
/// </summary>
public sealed class CapturedValueTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    private readonly QueryFixture _f = fixture;
    private int _instanceMin = 20;

    private async Task Users(string label, Expression<Func<User, bool>> predicate)
    {
        var expected = _f.Users.Where(predicate.Compile()).Select(u => u.Id).Order().ToList();
        var query = _f.Db.Users.Where(predicate);
        QueryCheck.Same(label + "  [" + predicate + "]", expected, (await QueryCheck.ListAsync(query)).Select(u => u.Id).Order(), QueryCheck.Sql(query));
    }

    [Fact]
    public async Task Captured_int_changes_between_runs()
    {
        foreach (var min in new[] { 0, 5, 33, 10, 100, 5 })
        {
            await Users("id > " + min, u => u.Id > min);
        }
    }

    [Fact]
    public async Task Literal_constants_of_the_same_shape_are_not_confused()
    {
        await Users("id > 5", u => u.Id > 5);
        await Users("id > 30", u => u.Id > 30);
        await Users("name == \"Ann\"", u => u.Name == "Ann");
        await Users("name == \"Bob\"", u => u.Name == "Bob");
        await Users("role == Admin", u => u.Role == Role.Admin);
        await Users("role == User", u => u.Role == Role.User);
    }

    [Fact]
    public async Task Captured_string_switching_between_value_and_null()
    {
        foreach (var name in new[] { "Ann", null, "Bob", null, "", "ann" })
        {
            await Users("name == " + (name ?? "null"), u => u.Name == name);
            await Users("name != " + (name ?? "null"), u => u.Name != name);
            await Users("!(name == " + (name ?? "null") + ")", u => !(u.Name == name));
        }
    }

    [Fact]
    public async Task Captured_null_first_then_value()
    {
        string? name = null;
        await Users("name == null (captured)", u => u.Name == name);
        name = "Carol";
        await Users("name == Carol (same closure, mutated)", u => u.Name == name);
        name = null;
        await Users("name == null again (same closure)", u => u.Name == name);
    }

    [Fact]
    public async Task Captured_nullable_int_switching_between_value_and_null()
    {
        foreach (var value in new int?[] { 3, null, -1, null })
        {
            var expected = _f.TypeSamples.Where(t => t.IntN == value).Select(t => t.Id).Order().ToList();
            var query = _f.Db.TypeSamples.Where(t => t.IntN == value);
            QueryCheck.Same("intN == " + (value?.ToString() ?? "null"), expected, (await QueryCheck.ListAsync(query)).Select(t => t.Id).Order(), QueryCheck.Sql(query));
            var notExpected = _f.TypeSamples.Where(t => t.IntN != value).Select(t => t.Id).Order().ToList();
            var notQuery = _f.Db.TypeSamples.Where(t => t.IntN != value);
            QueryCheck.Same("intN != " + (value?.ToString() ?? "null"), notExpected, (await QueryCheck.ListAsync(notQuery)).Select(t => t.Id).Order(), QueryCheck.Sql(notQuery));
        }
    }

    [Fact]
    public async Task Captured_nullable_enum_switching_between_value_and_null()
    {
        foreach (var mood in new Mood?[] { Mood.Sad, null, Mood.Happy })
        {
            var expected = _f.TypeSamples.Where(t => t.MoodN == mood).Select(t => t.Id).Order().ToList();
            var query = _f.Db.TypeSamples.Where(t => t.MoodN == mood);
            QueryCheck.Same("moodN == " + (mood?.ToString() ?? "null"), expected, (await QueryCheck.ListAsync(query)).Select(t => t.Id).Order(), QueryCheck.Sql(query));
        }
    }

    [Fact]
    public async Task Captured_collections_of_different_lengths_and_empty()
    {
        foreach (var ids in new[] { new[] { 1, 2, 3 }, [], [7], [5, 6, 7, 8, 9, 10, 11, 12], [] })
        {
            await Users("ids(" + ids.Length + ").Contains(id)", u => ids.Contains(u.Id));
            await Users("!ids(" + ids.Length + ").Contains(id)", u => !ids.Contains(u.Id));
        }

        foreach (var names in new List<string?>[] { ["Ann"], [null], ["Bob", null], [] })
        {
            await Users("names(" + names.Count + ").Contains(name)", u => names.Contains(u.Name));
            await Users("!names(" + names.Count + ").Contains(name)", u => !names.Contains(u.Name));
        }
    }

    [Fact]
    public async Task Captured_pattern_values_change()
    {
        foreach (var part in new[] { "a", "%", "_", "\\", "a%", "", "ANN" })
        {
            await Users("email contains " + part, u => u.Email.Contains(part));
            await Users("email starts with " + part, u => u.Email.StartsWith(part));
            await Users("email ends with " + part, u => u.Email.EndsWith(part));
            await Users("email contains ignoring case " + part, u => u.Email.Contains(part, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Captured_skip_and_take_change()
    {
        foreach (var (skip, take) in new[] { (0, 3), (10, 5), (0, 0), (33, 10), (2, 1) })
        {
            var query = _f.Db.Users.OrderBy(u => u.Id).Skip(skip).Take(take);
            QueryCheck.Same($"Skip({skip}).Take({take})", _f.Users.OrderBy(u => u.Id).Skip(skip).Take(take).Select(u => u.Id),
                (await QueryCheck.ListAsync(query)).Select(u => u.Id), QueryCheck.Sql(query));
        }
    }

    [Fact]
    public async Task Captured_values_in_projection_change()
    {
        foreach (var suffix in new[] { "!", "?", "", "'--" })
        {
            var query = _f.Db.Users.OrderBy(u => u.Id).Select(u => u.Email + suffix);
            QueryCheck.Same("email + " + suffix, _f.Users.OrderBy(u => u.Id).Select(u => u.Email + suffix), await QueryCheck.ListAsync(query), QueryCheck.Sql(query));
        }
    }

    [Fact]
    public async Task Instance_field_of_the_test_class()
    {
        await Users("id > this._instanceMin (20)", u => u.Id > _instanceMin);
        _instanceMin = 30;
        await Users("id > this._instanceMin (30)", u => u.Id > _instanceMin);
    }

    [Fact]
    public async Task Captured_datetime_changes()
    {
        foreach (var since in QuerySeed.BoundaryDates)
        {
            var expected = _f.Posts.Where(p => p.CreatedAt >= since).Select(p => p.Id).Order().ToList();
            var query = _f.Db.Posts.Where(p => p.CreatedAt >= since);
            QueryCheck.Same("createdAt >= " + since.ToString("O"), expected, (await QueryCheck.ListAsync(query)).Select(p => p.Id).Order(), QueryCheck.Sql(query));
        }
    }

    [Fact]
    public async Task Captured_bool_flips_a_relation_filter()
    {
        foreach (var flag in new[] { true, false, true })
        {
            await Users("posts.Any(published == " + flag + ")", u => u.Posts.Any(p => p.Published == flag));
        }
    }

    [Fact]
    public async Task Same_shape_different_tables_are_not_confused()
    {
        var min = 3;
        var users = await _f.Db.Users.Where(u => u.Id > min).CountAsync();
        var posts = await _f.Db.Posts.Where(p => p.Id > min).CountAsync();
        Assert.Equal(_f.Users.Count(u => u.Id > min), users);
        Assert.Equal(_f.Posts.Count(p => p.Id > min), posts);
    }

    [Fact]
    public void Non_utc_datetime_is_refused_rather_than_shifted()
    {
        var local = new DateTime(2024, 2, 29, 0, 0, 0, DateTimeKind.Unspecified);
        var error = Record.Exception(() => _f.Db.Posts.Where(p => p.CreatedAt > local).ToList());
        Assert.NotNull(error);
    }
}

using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Linq.Provider.Tests.Querying;

namespace Linq.Provider.Tests.RawSql;

using Linq.RawSql;

/// <summary>
/// The injection corpus through every raw query API and helper, against the users seeded with one hostile name
/// each: the right rows come back, the value round-trips, and the statement sent is the same text for every
/// value (values are parameters, never spliced).
/// </summary>
public sealed class RawInjectionTests(InjectionFixture fixture) : IClassFixture<InjectionFixture>
{
    private readonly InjectionFixture _f = fixture;

    public static TheoryData<int, string> Values => InjectionTests.Values;

    private static string[] Corpus => InjectionTests.Corpus;

    private List<int> Expected(string value) => [.. _f.Users.Where(u => u.Name == value).Select(u => u.Id).Order()];

    [Theory, MemberData(nameof(Values))]
    public async Task QueryRawAsync_holes(int index, string display)
    {
        var value = Corpus[index];
        var marker = "/* raw-hole " + index + " */";
        using var sent = new StatementCounter(marker);

        var users = await _f.Db.QueryRawAsync<User>($"SELECT * FROM \"User\" WHERE \"Name\" = {value} ORDER BY \"Id\" {Sql.RawUnsafe(marker)}");
        Assert.NotEmpty(users);
        Assert.Equal(Expected(value), users.Select(u => u.Id));
        Assert.All(users, u => Assert.Equal(value, u.Name));

        var echo = await _f.Db.QueryRawAsync<string>($"SELECT {value}::text AS echo {Sql.RawUnsafe(marker)}");
        Assert.Equal([value], echo);

        Assert.Equal(
            [
                "SELECT * FROM \"User\" WHERE \"Name\" = $1 ORDER BY \"Id\" " + marker,
                "SELECT $1::text AS echo " + marker,
            ],
            sent.Statements);
        _ = display;
    }

    [Theory, MemberData(nameof(Values))]
    public async Task Fragments_join_and_array_holes(int index, string display)
    {
        var value = Corpus[index];
        var marker = "/* raw-helpers " + index + " */";
        using var sent = new StatementCounter(marker);
        var expected = Expected(value);

        var filter = Sql.Fragment($"\"Name\" = {value}");
        var optional = index % 2 == 0 ? Sql.Fragment($"AND \"Email\" <> {value}") : Sql.Empty;
        Assert.Equal(expected, await _f.Db.QueryRawAsync<int>($"SELECT \"Id\" FROM \"User\" WHERE {filter} {optional} ORDER BY \"Id\" {Sql.RawUnsafe(marker)}"));

        Assert.Equal(expected, await _f.Db.QueryRawAsync<int>($"SELECT \"Id\" FROM \"User\" WHERE \"Name\" IN ({Sql.Join([value, "zz-not-there"])}) ORDER BY \"Id\" {Sql.RawUnsafe(marker)}"));

        string[] array = [value];
        Assert.Equal(expected, await _f.Db.QueryRawAsync<int>($"SELECT \"Id\" FROM \"User\" WHERE \"Name\" = ANY({array}) ORDER BY \"Id\" {Sql.RawUnsafe(marker)}"));
        List<string> list = [value, "zz-not-there"];
        Assert.Equal(expected, await _f.Db.QueryRawAsync<int>($"SELECT \"Id\" FROM \"User\" WHERE \"Name\" = ANY({list}) ORDER BY \"Id\" {Sql.RawUnsafe(marker)}"));

        // Values round-trip through each helper, also inside an array parameter.
        Assert.Equal([value], await _f.Db.QueryRawAsync<string>($"SELECT v FROM unnest({array}) AS v {Sql.RawUnsafe(marker)}"));
        Assert.Equal([value, "zz-not-there"], await _f.Db.QueryRawAsync<string>($"SELECT v FROM (VALUES ({Sql.Join([value])}), ({"zz-not-there"})) AS t (v) {Sql.RawUnsafe(marker)}"));

        Assert.Equal(
            [
                "SELECT \"Id\" FROM \"User\" WHERE \"Name\" = $1 " + (index % 2 == 0 ? "AND \"Email\" <> $2" : "") + " ORDER BY \"Id\" " + marker,
                "SELECT \"Id\" FROM \"User\" WHERE \"Name\" IN ($1, $2) ORDER BY \"Id\" " + marker,
                "SELECT \"Id\" FROM \"User\" WHERE \"Name\" = ANY($1) ORDER BY \"Id\" " + marker,
                "SELECT \"Id\" FROM \"User\" WHERE \"Name\" = ANY($1) ORDER BY \"Id\" " + marker,
                "SELECT v FROM unnest($1) AS v " + marker,
                "SELECT v FROM (VALUES ($1), ($2)) AS t (v) " + marker,
            ],
            sent.Statements);
        _ = display;
    }

    [Theory, MemberData(nameof(Values))]
    public async Task Unsafe_methods_still_bind_their_values_as_parameters(int index, string display)
    {
        var value = Corpus[index];
        var users = await _f.Db.QueryRawUnsafeAsync<User>("SELECT * FROM \"User\" WHERE \"Name\" = $1 ORDER BY \"Id\"", value);
        Assert.Equal(Expected(value), users.Select(u => u.Id));
        Assert.Equal([value], await _f.Db.QueryRawUnsafeAsync<string>("SELECT $1::text", CancellationToken.None, value));
        _ = display;
    }

    [Fact]
    public void Statement_text_is_identical_for_every_value()
    {
        var shapes = new Dictionary<string, Func<string, string>>
        {
            ["hole"] = v => RawSqlText.Render($"SELECT * FROM \"User\" WHERE \"Name\" = {v}").Sql,
            ["two holes"] = v => RawSqlText.Render($"SELECT {v} || {v}").Sql,
            ["fragment"] = v => RawSqlText.Render($"SELECT 1 WHERE {Sql.Fragment($"\"Name\" = {v}")} AND {Sql.Fragment($"{v} <> ''")}").Sql,
            ["join"] = v => RawSqlText.Render($"SELECT 1 WHERE x IN ({Sql.Join([v, v + "2"])})").Sql,
            ["array"] = v => RawSqlText.Render($"SELECT 1 WHERE x = ANY({new[] { v }})").Sql,
            ["list"] = v => RawSqlText.Render($"SELECT 1 WHERE x = ANY({new List<string> { v, v }})").Sql,
            ["nested fragments"] = v => RawSqlText.Render($"SELECT {Sql.Fragment($"{v}, {Sql.Fragment($"{v}")}")}").Sql,
        };

        var failures = new List<string>();
        foreach (var (shape, render) in shapes)
        {
            // NUL is refused before any text is sent (A_NUL_character_in_a_hole_fails_clearly).
            var texts = Corpus.Append("plain").Select(render).Distinct().ToList();
            if (texts.Count != 1)
            {
                failures.Add(shape + ": " + texts.Count + " different statements, e.g. " + string.Join(" | ", texts.Take(3)));
            }
            else if (texts[0].Contains("plain", StringComparison.Ordinal) || texts[0].Contains("DROP", StringComparison.Ordinal))
            {
                failures.Add(shape + ": a value appears in the statement: " + texts[0]);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal("SELECT $1, $2", RawSqlText.Render($"SELECT {Sql.Fragment($"{"a"}, {Sql.Fragment($"{"b"}")}")}").Sql);
    }

    [Fact]
    public void Every_hole_is_one_parameter_holding_the_value()
    {
        var value = "'; DROP TABLE \"User\"; --";
        var (sql, parameters) = RawSqlText.Render($"SELECT {value}, {Sql.Join([value, value])}, {new[] { value }}");
        Assert.Equal("SELECT $1, $2, $3, $4", sql);
        Assert.Equal(4, parameters.Length);
        Assert.All(parameters, p => Assert.Equal("", p.ParameterName));
        Assert.All(parameters.Take(3), p => Assert.IsType<Npgsql.NpgsqlParameter<string>>(p));
        Assert.IsType<Npgsql.NpgsqlParameter<string[]>>(parameters[3]);
        Assert.Equal(new object?[] { value, value, value }, parameters.Take(3).Select(p => p.Value));
        Assert.Equal(new[] { value }, (string[])parameters[3].Value!);
    }

    [Fact]
    public async Task A_NUL_character_in_a_hole_fails_clearly()
    {
        var value = "Ann\0";
        var error = await Record.ExceptionAsync(() => _f.Db.QueryRawAsync<int>($"SELECT \"Id\" FROM \"User\" WHERE \"Name\" = {value}"));
        // Refused before any SQL: PostgreSQL text cannot hold NUL.
        Assert.True(error is ArgumentException, "expected an ArgumentException for a NUL character; got " + (error?.ToString() ?? "rows"));
        Assert.Contains("NUL", error!.Message, StringComparison.Ordinal);
    }
}

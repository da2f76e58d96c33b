using System.Linq.Expressions;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>The query fixture plus one user per hostile string (as the name), so every value has a row to find.</summary>
public sealed class InjectionFixture : QueryFixture
{
    protected override async Task SeedMoreAsync(TestDb db)
    {
        for (var i = 0; i < InjectionTests.Corpus.Length; i++)
        {
            await db.Users.CreateAsync(new() { Email = "inj-" + i + "@x.io", Name = InjectionTests.Corpus[i] });
        }
    }
}

/// <summary>
/// Hostile strings in every value position: the right rows come back, and the SQL text never changes with the
/// value (values are parameters, never spliced). StartsWith/EndsWith use the ordinal overloads so the expected
/// LINQ-to-Objects result is unambiguous (the culture overloads ignore control characters such as U+0001).
/// </summary>
public sealed class InjectionTests(InjectionFixture fixture) : IClassFixture<InjectionFixture>
{
    internal static readonly string[] Corpus =
    [
        "'", "''", "\"", "--", "; DROP TABLE \"User\"; --", "' OR '1'='1", "x' OR 1=1 --", "\\", "\\'", "'\\", "$$", "$1", "$$ $1 $2 $$", "$tag$ x $tag$",
        "%", "_", "%_%", "\\%", "\\_", "[a-z]", "*", "?", "\u0001", "\r\n\t", "E'\\x41'", "/* c */", "::text", ") OR (1=1", "ñ", "🎉𝄞", "𝕏 \U0001F600",
        "ESCAPE '!'", "%' ESCAPE '", new string('\'', 1000), new string('x', 100_000), "a" + new string('%', 5000) + "b",
    ];

    private readonly InjectionFixture _f = fixture;

    public static TheoryData<int, string> Values
    {
        get
        {
            var data = new TheoryData<int, string>();
            for (var i = 0; i < Corpus.Length; i++)
            {
                var v = Corpus[i];
                data.Add(i, v.Length > 24 ? v[..12] + "…(" + v.Length + " chars)" : v.Replace("\u0001", "\\u0001").Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t"));
            }

            return data;
        }
    }

    private async Task Check(string label, Expression<Func<User, bool>> predicate)
    {
        var expected = _f.Users.Where(predicate.Compile()).Select(u => u.Id).Order().ToList();
        var query = _f.Db.Users.Where(predicate);
        QueryCheck.Same(label, expected, (await QueryCheck.ListAsync(query)).Select(u => u.Id).Order(), QueryCheck.Sql(query));
    }

    [Theory, MemberData(nameof(Values))]
    public async Task Equality(int index, string display)
    {
        var value = Corpus[index];
        await Check("name == " + display, u => u.Name == value);
        Assert.Contains(_f.Users, u => u.Name == value);
        await Check("name != " + display, u => u.Name != value);
        await Check("email == " + display, u => u.Email == value);
    }

    [Theory, MemberData(nameof(Values))]
    public async Task Patterns(int index, string display)
    {
        var value = Corpus[index];
        await Check("name starts with " + display, u => u.Name != null && u.Name.StartsWith(value, StringComparison.Ordinal));
        await Check("name ends with " + display, u => u.Name != null && u.Name.EndsWith(value, StringComparison.Ordinal));
        await Check("name contains " + display, u => u.Name != null && u.Name.Contains(value));
        await Check("email contains " + display, u => u.Email.Contains(value));
        await Check("name contains ignoring case " + display, u => u.Name != null && u.Name.Contains(value, StringComparison.OrdinalIgnoreCase));
        await Check("string.Equals(name, value, OrdinalIgnoreCase) " + display, u => string.Equals(u.Name, value, StringComparison.OrdinalIgnoreCase));
    }

    [Theory, MemberData(nameof(Values))]
    public async Task Collection_contains(int index, string display)
    {
        var values = new List<string?> { value(index), "zz-not-there" };
        await Check("[value, other].Contains(name) " + display, u => values.Contains(u.Name));
        string[] array = [value(index)];
        await Check("[value].Contains(name) " + display, u => array.Contains(u.Name));

        static string value(int i) => Corpus[i];
    }

    [Theory, MemberData(nameof(Values))]
    public async Task Projection(int index, string display)
    {
        var value = Corpus[index];
        var query = _f.Db.Users.OrderBy(u => u.Id).Select(u => u.Email + value);
        QueryCheck.Same("Select(email + " + display + ")", _f.Users.OrderBy(u => u.Id).Select(u => u.Email + value), await QueryCheck.ListAsync(query), QueryCheck.Sql(query));
        var anonymous = _f.Db.Users.Where(u => u.Name == value).Select(u => new { u.Id, u.Name, Echo = value });
        var row = await anonymous.SingleAsync();
        Assert.Equal(value, row.Name);
        Assert.Equal(value, row.Echo);
    }

    [Fact]
    public void Sql_text_is_identical_for_every_value()
    {
        var shapes = new Dictionary<string, Func<string, string>>
        {
            ["name == v"] = v => _f.Db.Users.Where(u => u.Name == v).ToSql(),
            ["email == v"] = v => _f.Db.Users.Where(u => u.Email == v).ToSql(),
            ["name starts with v"] = v => _f.Db.Users.Where(u => u.Name!.StartsWith(v, StringComparison.Ordinal)).ToSql(),
            ["name ends with v"] = v => _f.Db.Users.Where(u => u.Name!.EndsWith(v, StringComparison.Ordinal)).ToSql(),
            ["name contains v"] = v => _f.Db.Users.Where(u => u.Name!.Contains(v)).ToSql(),
            ["name contains v ignoring case"] = v => _f.Db.Users.Where(u => u.Name!.Contains(v, StringComparison.OrdinalIgnoreCase)).ToSql(),
            ["string.Equals ignoring case"] = v => _f.Db.Users.Where(u => string.Equals(u.Name, v, StringComparison.OrdinalIgnoreCase)).ToSql(),
            ["[v, other].Contains(name)"] = v =>
            {
                var list = new List<string?> { v, "other" };
                return _f.Db.Users.Where(u => list.Contains(u.Name)).ToSql();
            },
            ["select email + v"] = v => _f.Db.Users.Select(u => u.Email + v).ToSql(),
            ["select new { Echo = v }"] = v => _f.Db.Users.Select(u => new { u.Id, Echo = v }).ToSql(),
            ["posts.Any(title == v)"] = v => _f.Db.Users.Where(u => u.Posts.Any(p => p.Title == v)).ToSql(),
            ["post.Author.Name == v"] = v => _f.Db.Posts.Where(p => p.Author!.Name == v).ToSql(),
        };

        var failures = new List<string>();
        foreach (var (shape, sql) in shapes)
        {
            var texts = Corpus.Append("plain").Append("\0").Select(v => sql(v)).Distinct().ToList();
            if (texts.Count != 1)
            {
                failures.Add(shape + ": " + texts.Count + " different statements, e.g.\n    " + string.Join("\n    ", texts.Take(3).Select(t => t.Length > 300 ? t[..300] + "…" : t)));
            }
            else if (texts[0].Contains("DROP TABLE", StringComparison.Ordinal) || texts[0].Contains("OR '1'='1", StringComparison.Ordinal) || texts[0].Contains("🎉", StringComparison.Ordinal))
            {
                failures.Add(shape + ": a value appears in the statement: " + texts[0]);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Nul_character_in_a_query_value_fails_clearly()
    {
        var value = "Ann\0";
        var error = await Record.ExceptionAsync(() => _f.Db.Users.Where(u => u.Name == value).ToListAsync());
        Assert.True(error is ArgumentException, "expected an ArgumentException before any SQL for a NUL character; got " + (error is null ? "rows (NUL was accepted)" : QueryCheck.Describe(error)));
        Assert.Contains("NUL", error!.Message, StringComparison.Ordinal);

        var pattern = "\0";
        var patternError = await Record.ExceptionAsync(() => _f.Db.Users.Where(u => u.Email.Contains(pattern)).ToListAsync());
        Assert.True(patternError is ArgumentException, "Contains(\"\\0\"): " + (patternError is null ? "rows (NUL was accepted)" : QueryCheck.Describe(patternError)));
    }

    [Fact]
    public async Task Nul_character_on_create_fails_and_writes_nothing()
    {
        var before = await _f.Db.Users.CountAsync();
        var error = await Record.ExceptionAsync(() => _f.Db.Users.CreateAsync(new() { Email = "nul-" + Guid.NewGuid() + "@x.io", Name = "a\0b" }));
        Assert.True(error is ArgumentException, "expected a clear error for a NUL character; got " + (error is null ? "a stored row" : QueryCheck.Describe(error)));
        Assert.Equal(before, await _f.Db.Users.CountAsync());
        Assert.Empty(await _f.Db.Users.Where(u => u.Email.StartsWith("nul-")).ToListAsync());
    }

    [Fact]
    public async Task Hostile_values_round_trip_verbatim()
    {
        var stored = await _f.Db.Users.Where(u => u.Email.StartsWith("inj-")).ToListAsync();
        Assert.Equal(Corpus.Length, stored.Count);
        foreach (var user in stored)
        {
            var index = int.Parse(user.Email["inj-".Length..user.Email.IndexOf('@')], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(Corpus[index], user.Name);
        }
    }
}

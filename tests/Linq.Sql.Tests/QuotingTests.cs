using System.Text;

namespace Linq.Sql.Tests;

public sealed class QuotingTests
{
    public static TheoryData<string> HostileNames => new()
    {
        "plain",
        "a\"b",
        "\"",
        "\"\"",
        "\"\"\"",
        "\"; DROP TABLE x; --",
        "x\" FROM pg_shadow --",
        "Robert'); DROP TABLE Students; --",
        "'",
        "''",
        "\\",
        "a\\\"b",
        "trailing backslash\\",
        "\\'",
        "$$",
        "$tag$ SELECT 1 $tag$",
        "$1",
        "/* comment */",
        "--",
        "line\nbreak\r\nand\ttab",
        "U&\"\\0041\"",
        "Ünïcödé ñame",
        "日本語の列",
        "emoji 😀 and 🧪",
        "😀",
        "\u200B\uFEFF zero width",
        "a;b,c(d)e.f",
        " leading and trailing ",
        new string('x', 63),
        new string('x', 64),
        new string('y', 10_000),
        new string('"', 1_000),
        string.Concat(Enumerable.Repeat("\"'\\$", 500)),
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void Identifier_is_wrapped_in_double_quotes_and_round_trips(string name)
    {
        var quoted = Identifier.Quote(name);

        Assert.StartsWith("\"", quoted, StringComparison.Ordinal);
        Assert.EndsWith("\"", quoted, StringComparison.Ordinal);
        var inner = quoted[1..^1];
        Assert.Equal(name, inner.Replace("\"\"", "\"", StringComparison.Ordinal));
        // Read it back the way PostgreSQL's lexer does: the identifier must end exactly at the last character.
        Assert.Equal((name, quoted.Length), ReadQuoted(quoted, '"'));
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void String_literal_is_wrapped_in_single_quotes_and_round_trips(string value)
    {
        var quoted = StringLiteral.Quote(value);

        Assert.StartsWith("'", quoted, StringComparison.Ordinal);
        Assert.EndsWith("'", quoted, StringComparison.Ordinal);
        var inner = quoted[1..^1];
        Assert.Equal(value, inner.Replace("''", "'", StringComparison.Ordinal));
        Assert.Equal((value, quoted.Length), ReadQuoted(quoted, '\''));
    }

    [Theory]
    [InlineData("a\"b", "\"a\"\"b\"")]
    [InlineData("\"; DROP TABLE x; --", "\"\"\"; DROP TABLE x; --\"")]
    [InlineData("Robert'); --", "\"Robert'); --\"")]
    [InlineData("back\\slash", "\"back\\slash\"")]
    [InlineData("$$", "\"$$\"")]
    public void Identifier_exact_text(string name, string expected)
    {
        Assert.Equal(expected, Identifier.Quote(name));
    }

    [Theory]
    [InlineData("it's", "'it''s'")]
    [InlineData("Robert'); DROP TABLE Students; --", "'Robert''); DROP TABLE Students; --'")]
    [InlineData("back\\slash\\", "'back\\slash\\'")]
    [InlineData("a\"b", "'a\"b'")]
    [InlineData("", "''")]
    public void String_literal_exact_text(string value, string expected)
    {
        Assert.Equal(expected, StringLiteral.Quote(value));
    }

    [Fact]
    public void Non_bmp_characters_survive_intact()
    {
        const string name = "😀🧪";

        var quoted = Identifier.Quote(name);

        Assert.Equal("\"😀🧪\"", quoted);
        Assert.Equal(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(quoted[1..^1]));
    }

    [Fact]
    public void Append_writes_the_same_text_as_quote()
    {
        var builder = new StringBuilder("x.");
        Identifier.Append(builder, "a\"b");

        Assert.Equal("x.\"a\"\"b\"", builder.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0")]
    [InlineData("a\0b")]
    [InlineData("trailing nul\0")]
    public void Identifier_rejects_empty_and_nul(string name)
    {
        Assert.Throws<ArgumentException>(() => Identifier.Quote(name));
    }

    [Theory]
    [InlineData("\0")]
    [InlineData("a\0b")]
    public void String_literal_rejects_nul(string value)
    {
        Assert.Throws<ArgumentException>(() => StringLiteral.Quote(value));
    }

    [Fact]
    public void Null_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => Identifier.Quote(null!));
        Assert.Throws<ArgumentNullException>(() => StringLiteral.Quote(null!));
    }

    /// <summary>
    /// Reads one quoted token from the start of <paramref name="text"/> like PostgreSQL does (a doubled quote is
    /// a literal quote, a single one ends the token) and returns the value and the length consumed.
    /// </summary>
    private static (string Value, int Length) ReadQuoted(string text, char quote)
    {
        Assert.Equal(quote, text[0]);
        var value = new StringBuilder();
        var i = 1;
        while (true)
        {
            Assert.True(i < text.Length, "The quoted token is never closed.");
            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    value.Append(quote);
                    i += 2;
                    continue;
                }

                return (value.ToString(), i + 1);
            }

            value.Append(text[i]);
            i++;
        }
    }
}

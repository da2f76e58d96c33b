namespace Linq.Provider.Tests.Reliability;

/// <summary>
/// A generated corpus of hostile values (over 500): quoting and escaping characters, LIKE wildcards, dollar quotes,
/// comments, statement fragments, placeholders, control characters, NUL and lone surrogates, emoji, confusables and
/// very long strings, alone and wrapped in the contexts where they would bite.
/// </summary>
internal static class HostileCorpus
{
    private static readonly string[] Atoms =
    [
        "'", "''", "\"", "\"\"", "`", "\\", "\\\\", "\\'", "'\\", "%", "_", "%_", "\\%", "\\_", "[", "]", "[a-z]", "^", "$", "*", "?", "|",
        "$$", "$1", "$2", "$tag$", "$$ $1 $$", "?", "@p0", ":name", "{0}", "{{", "}}", "--", "/*", "*/", "/* c */", "#", ";", ";;",
        "' OR '1'='1", "' OR 1=1 --", "\" OR \"\"=\"", "') OR ('a'='a", "1; DROP TABLE \"User\"; --", "'; DELETE FROM \"Category\"; --",
        "'; TRUNCATE \"Post\" CASCADE; --", "x'; SELECT pg_sleep(10); --", "E'\\x41'", "U&'\\0041'", "::text", "::regclass", "COLLATE \"C\"",
        ") OR (1=1", "UNION SELECT * FROM pg_user", "ESCAPE '!'", "%' ESCAPE '", "\\x00", "\\u0000", "\0", "a\0b", "\ud800", "x\udc00y",
        "\udc00\ud800", "\u0001", "\u001f", "\u007f", "\r\n\t", "\u2028\u2029", "\u200b", "\ufeff", "ñ", "ß", "İ", "ǅ", "Ω", "Å", "ﬁ",
        "🎉", "𝄞", "👨‍👩‍👧‍👦", "🏳️‍🌈", "a\u0301", "e\u0300\u0301", "ｓｅｌｅｃｔ", "ʼ", "‘", "’", "“", "”", "\u00a0", "{\"a\":1}", "[1,2]",
        "null", "NULL", "true", "-1", "1e308", "NaN", "Infinity", "0x41", "<script>alert(1)</script>", "../../etc/passwd", "${jndi:ldap://x}",
    ];

    private static readonly Func<string, string>[] Contexts =
    [
        s => s,
        s => "a" + s + "b",
        s => s + s,
        s => "%" + s + "%",
        s => s + "' --",
        s => "\"" + s + "\"",
    ];

    public static IReadOnlyList<string> Values { get; } = Build();

    /// <summary>Text PostgreSQL cannot store (NUL, lone surrogates): refused before any SQL.</summary>
    public static bool IsStorable(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    private static List<string> Build()
    {
        var values = new List<string>();
        foreach (var atom in Atoms)
        {
            foreach (var context in Contexts)
            {
                values.Add(context(atom));
            }
        }

        values.Add(new string('\'', 10_000));
        values.Add(new string('x', 1_000_000));
        values.Add(string.Concat(Enumerable.Repeat("'; DROP TABLE \"User\"; --", 40_000)));
        values.Add("a" + new string('%', 5_000) + "b");
        values.Add(string.Concat(Enumerable.Repeat("🎉", 100_000)));
        return [.. values.Distinct()];
    }
}

namespace Linq.Execution;

/// <summary>
/// PostgreSQL text cannot hold NUL (U+0000), and UTF-8 cannot encode a lone UTF-16 surrogate (Npgsql would send
/// U+FFFD instead: a silently different value). Both are refused before any SQL, naming the field when it is known.
/// The scan is vectorized and stops at once for ordinary text.
/// </summary>
internal static class TextValues
{
    public static void Check(object? value, string? field)
    {
        switch (value)
        {
            case string text:
                Check(text, field);
                break;
            case string?[] texts:
                foreach (var item in texts)
                {
                    if (item is not null)
                    {
                        Check(item, field);
                    }
                }

                break;
        }
    }

    public static void Check(string text, string? field)
    {
        var span = text.AsSpan();
        var at = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (span.IndexOf('\0') >= 0)
        {
            throw Refuse(field, "contains a NUL character (U+0000), which PostgreSQL text cannot store", "Remove it, or store the data as bytes (byte[] maps to bytea).");
        }

        while (at >= 0)
        {
            if (!char.IsHighSurrogate(span[at]) || at + 1 >= span.Length || !char.IsLowSurrogate(span[at + 1]))
            {
                throw Refuse(field, $"contains a lone UTF-16 surrogate at index {at}, which UTF-8 cannot encode", "Fix the string (it is not valid Unicode), or store it as bytes.");
            }

            var next = span[(at + 2)..].IndexOfAnyInRange('\uD800', '\uDFFF');
            at = next < 0 ? -1 : at + 2 + next;
        }
    }

    private static ArgumentException Refuse(string? field, string problem, string advice) =>
        new(field is null ? $"A text value {problem}. {advice}" : $"The value of '{field}' {problem}. {advice}", field ?? "value");
}

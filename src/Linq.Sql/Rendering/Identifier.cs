namespace Linq.Sql.Rendering;

/// <summary>Quotes PostgreSQL identifiers. Every identifier the renderer writes goes through here.</summary>
internal static class Identifier
{
    /// <summary>
    /// Returns <paramref name="name"/> as a quoted identifier: wrapped in double quotes with embedded
    /// double quotes doubled, so no name can end the identifier early.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty or contains a NUL character or a lone surrogate, which PostgreSQL cannot store.</exception>
    public static string Quote(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            throw new ArgumentException("An identifier cannot be empty.", nameof(name));
        }

        if (name.Contains('\0'))
        {
            throw new ArgumentException("An identifier cannot contain a NUL character.", nameof(name));
        }

        // A lone UTF-16 surrogate has no UTF-8 form: the statement could not even be encoded.
        for (var i = name.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF'); i >= 0 && i < name.Length; i++)
        {
            if (char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(name[i]))
            {
                throw new ArgumentException("An identifier cannot contain a lone UTF-16 surrogate.", nameof(name));
            }
        }

        return string.Concat("\"", name.Replace("\"", "\"\""), "\"");
    }

    /// <summary>Appends the quoted identifier to <paramref name="builder"/>.</summary>
    public static void Append(System.Text.StringBuilder builder, string name) => builder.Append(Quote(name));
}

namespace Linq.Sql.Rendering;

/// <summary>
/// Quotes a string literal for the places PostgreSQL accepts no parameter (DDL defaults, enum labels).
/// Query and write values never come here: they are parameters.
/// </summary>
internal static class StringLiteral
{
    /// <summary>Returns <c>'value'</c> with single quotes doubled. Uses standard-conforming strings, so backslashes are literal.</summary>
    /// <exception cref="ArgumentException">The value contains a NUL character.</exception>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0'))
        {
            throw new ArgumentException("A string literal cannot contain a NUL character.", nameof(value));
        }

        return string.Concat("'", value.Replace("'", "''"), "'");
    }
}

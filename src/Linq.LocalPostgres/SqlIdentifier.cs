using System.Text;

namespace Linq.LocalPostgres;

/// <summary>Quotes PostgreSQL identifiers such as database names.</summary>
internal static class SqlIdentifier
{
    /// <summary>PostgreSQL's NAMEDATALEN - 1: longer identifiers are silently truncated by the server.</summary>
    public const int MaxBytes = 63;

    /// <summary>Returns <paramref name="name"/> as a double-quoted identifier, doubling embedded quotes.</summary>
    /// <exception cref="ArgumentException">The name is empty, holds a NUL character or is longer than 63 bytes.</exception>
    public static string Quote(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (name.Length == 0)
        {
            throw new ArgumentException("A database name must not be empty.", parameterName);
        }

        if (name.Contains('\0'))
        {
            throw new ArgumentException("A database name must not contain a NUL character.", parameterName);
        }

        if (Encoding.UTF8.GetByteCount(name) > MaxBytes)
        {
            throw new ArgumentException($"A database name must be at most {MaxBytes} bytes in UTF-8, or PostgreSQL truncates it.", parameterName);
        }

        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}

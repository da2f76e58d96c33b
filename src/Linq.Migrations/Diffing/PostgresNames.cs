using System.Text;

namespace Linq.Migrations.Diffing;

/// <summary>PostgreSQL truncates identifiers to 63 bytes (NAMEDATALEN - 1); names compare after the same truncation.</summary>
internal static class PostgresNames
{
    public const int MaxBytes = 63;

    /// <summary>The name as PostgreSQL stores it: cut to at most 63 UTF-8 bytes, never inside a character.</summary>
    public static string Truncate(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= MaxBytes)
        {
            return name;
        }

        var bytes = 0;
        var builder = new StringBuilder();
        foreach (var rune in name.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > MaxBytes)
            {
                break;
            }

            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }
}

using System.Text;

namespace Linq.Generators
{
    /// <summary>
    /// PostgreSQL cuts every identifier to 63 bytes (NAMEDATALEN - 1) at a UTF-8 character boundary, as
    /// <c>pg_mbcliplen</c> does; the schema differ compares names after the same cut (Linq.Migrations' <c>PostgresNames</c>).
    /// </summary>
    internal static class PostgresIdentifier
    {
        public const int MaxBytes = 63;

        /// <summary>The name as PostgreSQL stores it: at most 63 UTF-8 bytes, never cut inside a character.</summary>
        public static string Truncate(string name)
        {
            if (Encoding.UTF8.GetByteCount(name) <= MaxBytes)
            {
                return name;
            }

            var bytes = 0;
            var i = 0;
            while (i < name.Length)
            {
                // A surrogate pair is one character of 4 bytes; a lone surrogate is written as U+FFFD (3 bytes).
                var pair = char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]);
                var c = name[i];
                var length = pair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
                if (bytes + length > MaxBytes)
                {
                    break;
                }

                bytes += length;
                i += pair ? 2 : 1;
            }

            return name.Substring(0, i);
        }
    }
}

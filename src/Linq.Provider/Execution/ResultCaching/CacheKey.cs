using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Linq.Execution.ResultCaching;

/// <summary>
/// The key of a cached result: "linq:&lt;database&gt;:" and the SHA-256 of the server, the statement text and every
/// bound value, each written with its CLR type, its PostgreSQL type and a length, so values that print alike (1 and "1",
/// null and "", 1.0m and 1.00m) never share an entry. A value of a type not encoded here makes the query run uncached.
/// </summary>
internal static class CacheKey
{
    public static string? Of(string database, string server, string sql, NpgsqlParameter[] parameters)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Text(hash, server);
        Text(hash, sql);
        foreach (var parameter in parameters)
        {
            Text(hash, parameter.DataTypeName ?? "");
            if (!Value(hash, parameter.Value))
            {
                return null;
            }
        }

        return "linq:" + database + ":" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static bool Value(IncrementalHash hash, object? value)
    {
        if (value is null || value is DBNull)
        {
            Text(hash, "null");
            return true;
        }

        Text(hash, value.GetType().FullName ?? "");
        switch (value)
        {
            case string text:
                Text(hash, text);
                return true;
            case byte[] bytes:
                Length(hash, bytes.Length);
                hash.AppendData(bytes);
                return true;
            case bool or byte or sbyte or short or ushort or int or uint or long or ulong or char or Guid:
                Text(hash, Convert.ToString(value, CultureInfo.InvariantCulture)!);
                return true;
            case decimal number:
                // The scale is kept ("1.0" vs "1.00"): it reaches the server and can show in the result.
                Text(hash, number.ToString(CultureInfo.InvariantCulture));
                return true;
            case double number:
                Text(hash, number.ToString("R", CultureInfo.InvariantCulture));
                return true;
            case float number:
                Text(hash, number.ToString("R", CultureInfo.InvariantCulture));
                return true;
            case DateTime moment:
                Text(hash, moment.Ticks.ToString(CultureInfo.InvariantCulture) + "/" + moment.Kind);
                return true;
            case DateTimeOffset moment:
                Text(hash, moment.Ticks.ToString(CultureInfo.InvariantCulture) + "/" + moment.Offset.Ticks.ToString(CultureInfo.InvariantCulture));
                return true;
            case DateOnly day:
                Text(hash, day.DayNumber.ToString(CultureInfo.InvariantCulture));
                return true;
            case TimeOnly clock:
                Text(hash, clock.Ticks.ToString(CultureInfo.InvariantCulture));
                return true;
            case TimeSpan span:
                Text(hash, span.Ticks.ToString(CultureInfo.InvariantCulture));
                return true;
            case Enum member:
                Text(hash, member.ToString("D"));
                return true;
            case Array array:
                // IN lists and array parameters: every element, each with its type.
                Length(hash, array.Length);
                foreach (var element in array)
                {
                    if (!Value(hash, element))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private static void Text(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Length(hash, bytes.Length);
        hash.AppendData(bytes);
    }

    private static void Length(IncrementalHash hash, int length)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, length);
        hash.AppendData(buffer);
    }
}

using System.Collections.Frozen;
using System.Numerics;
using System.Text.Json;

namespace Linq.Contract;

public sealed partial class SqlResultColumns
{
    /// <summary>
    /// Which CLR types Npgsql reads from which PostgreSQL column types, for the check made once per query before
    /// the first row is read. Only pairs where both sides are known here are refused; anything else (enums,
    /// ranges, network types, JsonNode, …) is left to Npgsql, whose error is then reported with the same detail.
    /// Nested here, in the contract, because the generated readers' column check needs it and the contract uses
    /// nothing above it; RawSql's scalar reader uses it too.
    /// </summary>
    internal static class ColumnTypes
    {
        private static readonly Type[] Numbers =
            [typeof(short), typeof(int), typeof(long), typeof(byte), typeof(sbyte), typeof(decimal), typeof(double), typeof(float)];

        private static readonly Type[] Text = [typeof(string), typeof(char), typeof(char[])];

        private static readonly FrozenDictionary<string, Type[]> Readable = new Dictionary<string, Type[]>
        {
            ["smallint"] = Numbers,
            ["integer"] = Numbers,
            ["bigint"] = Numbers,
            ["numeric"] = [.. Numbers, typeof(BigInteger)],
            ["real"] = [typeof(float), typeof(double)],
            ["double precision"] = [typeof(double), typeof(float)],
            ["boolean"] = [typeof(bool)],
            ["text"] = Text,
            ["character varying"] = Text,
            ["character"] = Text,
            ["name"] = Text,
            ["json"] = [typeof(string), typeof(JsonDocument), typeof(JsonElement)],
            ["jsonb"] = [typeof(string), typeof(JsonDocument), typeof(JsonElement)],
            ["uuid"] = [typeof(Guid)],
            ["timestamp with time zone"] = [typeof(DateTime), typeof(DateTimeOffset)],
            ["timestamp without time zone"] = [typeof(DateTime)],
            ["date"] = [typeof(DateOnly), typeof(DateTime)],
            ["time without time zone"] = [typeof(TimeOnly), typeof(TimeSpan)],
            ["interval"] = [typeof(TimeSpan)],
            ["bytea"] = [typeof(byte[])],
        }.ToFrozenDictionary(StringComparer.Ordinal);

        private static readonly FrozenSet<Type> Known = Readable.Values.SelectMany(t => t).ToFrozenSet();

        /// <summary>
        /// False only when Npgsql certainly cannot read a column of <paramref name="dataTypeName"/> (as
        /// <c>NpgsqlDataReader.GetDataTypeName</c> reports it) as <paramref name="type"/> (without <c>Nullable&lt;&gt;</c>).
        /// </summary>
        public static bool CanRead(Type type, string dataTypeName)
        {
            var serverType = Normalize(dataTypeName);
            var serverArray = serverType.EndsWith("[]", StringComparison.Ordinal);
            var element = ElementType(type);
            if (element is not null && serverArray)
            {
                return CanRead(Nullable.GetUnderlyingType(element) ?? element, serverType[..^2]);
            }

            if (type == typeof(object))
            {
                return true;
            }

            if (serverArray)
            {
                // A known scalar type cannot hold an array.
                return !Known.Contains(type);
            }

            if (element is not null)
            {
                // An array or list member and a known scalar column.
                return !Readable.ContainsKey(serverType);
            }

            return !Known.Contains(type) || !Readable.TryGetValue(serverType, out var readable) || readable.Contains(type);
        }

        // "character varying(10)" and "numeric(10,2)" name the same types as "character varying" and "numeric".
        private static string Normalize(string dataTypeName)
        {
            var open = dataTypeName.IndexOf('(', StringComparison.Ordinal);
            if (open < 0)
            {
                return dataTypeName;
            }

            var close = dataTypeName.IndexOf(')', open);
            return close < 0 ? dataTypeName : (dataTypeName[..open] + dataTypeName[(close + 1)..]).Replace("  ", " ", StringComparison.Ordinal).Trim();
        }

        // byte[] is bytea, not an array; T[] and List<T> are arrays.
        private static Type? ElementType(Type type)
        {
            if (type == typeof(byte[]) || type == typeof(char[]))
            {
                return null;
            }

            if (type.IsArray)
            {
                return type.GetElementType();
            }

            return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GenericTypeArguments[0] : null;
        }
    }
}

using System.Collections.Frozen;
using NpgsqlTypes;

namespace Linq.Execution;

/// <summary>
/// The Npgsql type of a column's store type, set on parameters so that PostgreSQL receives exactly the
/// column's type (a <c>DateTime</c> is then checked to be UTC instead of being silently sent as <c>timestamp</c>).
/// Enum types are left to Npgsql's CLR mapping.
/// </summary>
internal static class StoreTypes
{
    private static readonly Dictionary<string, NpgsqlDbType> ScalarTypes = new()
    {
        ["integer"] = NpgsqlDbType.Integer,
        ["bigint"] = NpgsqlDbType.Bigint,
        ["smallint"] = NpgsqlDbType.Smallint,
        ["boolean"] = NpgsqlDbType.Boolean,
        ["text"] = NpgsqlDbType.Text,
        ["numeric"] = NpgsqlDbType.Numeric,
        ["double precision"] = NpgsqlDbType.Double,
        ["real"] = NpgsqlDbType.Real,
        ["uuid"] = NpgsqlDbType.Uuid,
        ["timestamptz"] = NpgsqlDbType.TimestampTz,
        ["timestamp"] = NpgsqlDbType.Timestamp,
        ["varchar"] = NpgsqlDbType.Varchar,
        ["xid"] = NpgsqlDbType.Xid,
        ["date"] = NpgsqlDbType.Date,
        ["time"] = NpgsqlDbType.Time,
        ["bytea"] = NpgsqlDbType.Bytea,
        ["jsonb"] = NpgsqlDbType.Jsonb,
    };

    // The scalars and their arrays ("integer[]"), so a lookup per parameter allocates nothing.
    private static readonly FrozenDictionary<string, NpgsqlDbType> Types = ScalarTypes
        .Concat(ScalarTypes.Select(t => KeyValuePair.Create(t.Key + "[]", NpgsqlDbType.Array | t.Value)))
        .ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The PostgreSQL type name for a CLR scalar type, for casts; null when there is none.</summary>
    public static string? ScalarName(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(int) => "integer",
            _ when type == typeof(long) => "bigint",
            _ when type == typeof(short) => "smallint",
            _ when type == typeof(decimal) => "numeric",
            _ when type == typeof(double) => "double precision",
            _ when type == typeof(float) => "real",
            _ when type == typeof(bool) => "boolean",
            _ when type == typeof(string) => "text",
            _ when type == typeof(Guid) => "uuid",
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "timestamptz",
            _ when type == typeof(DateOnly) => "date",
            _ when type == typeof(TimeOnly) => "time",
            _ => null,
        };
    }

    /// <summary>The Npgsql type for a store type, or null when Npgsql should infer it (enums, unknown types).</summary>
    public static NpgsqlDbType? ToNpgsqlDbType(string storeType)
    {
        if (Types.TryGetValue(storeType, out var type))
        {
            return type;
        }

        // A type with a modifier (varchar(20), numeric(10,2), their arrays) is sent as its base type: the column
        // applies the modifier, and the writers check lengths and scales before sending.
        var open = storeType.IndexOf('(', StringComparison.Ordinal);
        var close = open < 0 ? -1 : storeType.IndexOf(')', open);
        return close < 0 ? null : Types.TryGetValue(string.Concat(storeType.AsSpan(0, open), storeType.AsSpan(close + 1)), out type) ? type : null;
    }
}

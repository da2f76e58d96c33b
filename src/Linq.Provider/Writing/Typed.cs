using Linq.Contract;
using Linq.Execution;
using Npgsql;

namespace Linq.Writing;

/// <summary>Parameters typed exactly as their column: a DateTime for timestamptz is checked to be UTC, not silently shifted.</summary>
internal static class Typed
{
    public static NpgsqlParameter Parameter<TValue>(ColumnMetadata column, TValue value)
    {
        var parameter = new NpgsqlParameter<TValue> { TypedValue = value };
        if (StoreTypes.ToNpgsqlDbType(column.StoreType) is { } type)
        {
            parameter.NpgsqlDbType = type;
        }

        return parameter;
    }

    public static NpgsqlParameter Null(ColumnMetadata column)
    {
        var parameter = new NpgsqlParameter { Value = DBNull.Value };
        if (StoreTypes.ToNpgsqlDbType(column.StoreType) is { } type)
        {
            parameter.NpgsqlDbType = type;
        }

        return parameter;
    }

    public static NpgsqlParameter Boxed(ColumnMetadata column, object? value)
    {
        var parameter = new NpgsqlParameter { Value = value ?? DBNull.Value };
        if (StoreTypes.ToNpgsqlDbType(column.StoreType) is { } type)
        {
            parameter.NpgsqlDbType = type;
        }

        return parameter;
    }
}

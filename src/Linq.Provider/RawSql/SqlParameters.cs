using Npgsql;

namespace Linq.RawSql;

/// <summary>Creates the parameter of one hole: typed as the hole's C# type, <c>null</c> as SQL NULL.</summary>
internal static class SqlParameters
{
    /// <summary>
    /// An <see cref="NpgsqlParameter{T}"/> holding the value unboxed, so Npgsql picks the PostgreSQL type from
    /// <typeparamref name="T"/> (arrays and <c>List&lt;T&gt;</c> become one array parameter). A null reference or
    /// an empty <c>Nullable&lt;T&gt;</c> is NULL of that type; a null typed only as <c>object</c> (or
    /// <see cref="DBNull"/>) is an untyped NULL whose type PostgreSQL infers from where it stands.
    /// </summary>
    public static NpgsqlParameter Create<T>(T value)
    {
        if (typeof(T) == typeof(object) || typeof(T) == typeof(DBNull))
        {
            return FromObject(value);
        }

        return new NpgsqlParameter<T> { TypedValue = value };
    }

    /// <summary>A parameter for a value known only as <see cref="object"/> (the unsafe methods' positional values).</summary>
    public static NpgsqlParameter FromObject(object? value) =>
        value is null or DBNull ? new NpgsqlParameter { Value = DBNull.Value } : new NpgsqlParameter<object> { TypedValue = value };
}

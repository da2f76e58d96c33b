using System.Reflection;
using Npgsql;

namespace Linq.Querying.Shaping;

/// <summary>Typed column reads used by compiled projection shapers (no boxing).</summary>
internal static class ValueReader
{
    private static readonly MethodInfo ValueMethod = typeof(ValueReader).GetMethod(nameof(Value))!;
    private static readonly MethodInfo NullableMethod = typeof(ValueReader).GetMethod(nameof(NullableValue))!;
    private static readonly MethodInfo ReferenceMethod = typeof(ValueReader).GetMethod(nameof(Reference))!;

    public static T Value<T>(NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<T>(ordinal);

    public static T? NullableValue<T>(NpgsqlDataReader reader, int ordinal) where T : struct =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    public static T? Reference<T>(NpgsqlDataReader reader, int ordinal) where T : class =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    /// <summary>The read method for a CLR type: nulls become null for nullable and reference types.</summary>
    public static MethodInfo For(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return NullableMethod.MakeGenericMethod(underlying);
        }

        return type.IsValueType ? ValueMethod.MakeGenericMethod(type) : ReferenceMethod.MakeGenericMethod(type);
    }
}

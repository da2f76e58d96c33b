using System.Linq.Expressions;
using Linq.Contract;

namespace Linq.Querying.Shaping;

/// <summary>Typed column reads used by compiled projection shapers (no boxing), from the closed table of <see cref="ScalarType"/>.</summary>
internal static class ValueReader
{
    /// <summary>Reads column <paramref name="ordinal"/> as <paramref name="type"/>: NULL becomes null for nullable and reference types.</summary>
    /// <remarks>
    /// An enum without a database type of its own (DayOfWeek, computed from a date part) is its number in SQL: read the
    /// number and convert it. <c>[DbEnum]</c> enums have entries of their own and are read by label.
    /// </remarks>
    public static Expression Read(Expression reader, int ordinal, Type type)
    {
        if (ScalarType.Find(type) is null && (Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } enumType)
        {
            var number = Enum.GetUnderlyingType(enumType);
            return Expression.Convert(ScalarType.Get(type == enumType ? number : NullableOf(number)).Read(reader, ordinal), type);
        }

        return ScalarType.Get(type).Read(reader, ordinal);
    }

    // The nullable form of an enum's underlying type, without making a generic type at run time (NativeAOT).
    private static Type NullableOf(Type number) =>
        number == typeof(int) ? typeof(int?)
        : number == typeof(long) ? typeof(long?)
        : number == typeof(short) ? typeof(short?)
        : number == typeof(byte) ? typeof(byte?)
        : throw new NotSupportedException($"Enums over {number} are not supported in projections.");
}

using Linq.Contract;

namespace Linq.Execution.ResultCaching;

/// <summary>
/// The distributed (L2) form of a cached result that needs no shaper to rebuild: a single scalar (a count, an Any, an
/// aggregate, a scalar First/Single) or a list of scalars (a one-column projection), of the PostgreSQL scalar types
/// below. Each value is written (by <see cref="ModelCacheWriter"/>, whose codec models use too) with a type code and its exact bits: decimal keeps its scale, DateTime its Kind and
/// ticks (infinite dates map to MinValue/MaxValue and back), double/float their bits (NaN, -0.0, infinities). The
/// supported types are listed by <c>typeof</c> of closed types and lists are built by typed factories: no reflection.
/// </summary>
internal static class ScalarCodec
{
    // A result type the codec carries, and for a list type the factory of its typed list.
    private static readonly Dictionary<Type, Func<object?[], object>?> Types = Build();

    public static bool Supports<T>() => Support<T>.Value;

    public static void Write<T>(BinaryWriter writer, T value) => ModelCacheWriter.WriteValue(writer, value);

    public static T Read<T>(BinaryReader reader)
    {
        var value = ModelCacheReader.ReadValue(reader);
        if (value is object?[] items)
        {
            return (T)Types[typeof(T)]!(items);
        }

        return value is null ? default! : (T)value;
    }

    private static Dictionary<Type, Func<object?[], object>?> Build()
    {
        var types = new Dictionary<Type, Func<object?[], object>?>();
        Value<bool>(types);
        Value<short>(types);
        Value<int>(types);
        Value<long>(types);
        Value<float>(types);
        Value<double>(types);
        Value<decimal>(types);
        Value<Guid>(types);
        Value<DateTime>(types);
        Value<DateTimeOffset>(types);
        Value<DateOnly>(types);
        Value<TimeOnly>(types);
        Value<TimeSpan>(types);
        Reference<string>(types);
        Reference<byte[]>(types);
        return types;
    }

    private static void Value<TValue>(Dictionary<Type, Func<object?[], object>?> types) where TValue : struct
    {
        Reference<TValue>(types);
        Reference<TValue?>(types);
    }

    private static void Reference<TValue>(Dictionary<Type, Func<object?[], object>?> types)
    {
        types[typeof(TValue)] = null;
        types[typeof(List<TValue>)] = static items =>
        {
            var list = new List<TValue>(items.Length);
            foreach (var item in items)
            {
                list.Add(item is null ? default! : (TValue)item);
            }

            return list;
        };
    }

    private static class Support<T>
    {
        public static readonly bool Value = Types.ContainsKey(typeof(T));
    }
}

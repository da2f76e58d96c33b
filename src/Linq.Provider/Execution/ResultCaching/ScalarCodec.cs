using System.Collections;

namespace Linq.Execution.ResultCaching;

/// <summary>
/// The distributed (L2) form of a cached result that needs no shaper to rebuild: a single scalar (a count, an Any, an
/// aggregate, a scalar First/Single) or a list of scalars (a one-column projection), of the PostgreSQL scalar types
/// below. Each value is written with a type code and its exact bits: decimal keeps its scale, DateTime its Kind and
/// ticks (infinite dates map to MinValue/MaxValue and back), double/float their bits (NaN, -0.0, infinities). The
/// supported types are listed by <c>typeof</c> of closed types and lists are built by typed factories: no reflection.
/// </summary>
internal static class ScalarCodec
{
    private const byte Null = 0, Bool = 1, Short = 2, Int = 3, Long = 4, Float = 5, Double = 6, Decimal = 7, Text = 8, Uuid = 9,
        Timestamp = 10, TimestampOffset = 11, Date = 12, Time = 13, Interval = 14, Bytes = 15, Sequence = 16;

    // A result type the codec carries, and for a list type the factory of its typed list.
    private static readonly Dictionary<Type, Func<object?[], object>?> Types = Build();

    public static bool Supports<T>() => Support<T>.Value;

    public static void Write<T>(BinaryWriter writer, T value) => WriteValue(writer, value);

    public static T Read<T>(BinaryReader reader)
    {
        var value = ReadValue(reader);
        if (value is object?[] items)
        {
            return (T)Types[typeof(T)]!(items);
        }

        return value is null ? default! : (T)value;
    }

    private static void WriteValue(BinaryWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.Write(Null);
                break;
            case bool v:
                writer.Write(Bool);
                writer.Write(v);
                break;
            case short v:
                writer.Write(Short);
                writer.Write(v);
                break;
            case int v:
                writer.Write(Int);
                writer.Write(v);
                break;
            case long v:
                writer.Write(Long);
                writer.Write(v);
                break;
            case float v:
                writer.Write(Float);
                writer.Write(BitConverter.SingleToInt32Bits(v));
                break;
            case double v:
                writer.Write(Double);
                writer.Write(BitConverter.DoubleToInt64Bits(v));
                break;
            case decimal v:
                writer.Write(Decimal);
                writer.Write(v); // the four bits words: scale included
                break;
            case string v:
                writer.Write(Text);
                writer.Write(v);
                break;
            case Guid v:
                writer.Write(Uuid);
                Span<byte> guid = stackalloc byte[16];
                v.TryWriteBytes(guid);
                writer.Write(guid);
                break;
            case DateTime v:
                writer.Write(Timestamp);
                writer.Write(v.Ticks);
                writer.Write((byte)v.Kind);
                break;
            case DateTimeOffset v:
                writer.Write(TimestampOffset);
                writer.Write(v.Ticks);
                writer.Write(v.Offset.Ticks);
                break;
            case DateOnly v:
                writer.Write(Date);
                writer.Write(v.DayNumber);
                break;
            case TimeOnly v:
                writer.Write(Time);
                writer.Write(v.Ticks);
                break;
            case TimeSpan v:
                writer.Write(Interval);
                writer.Write(v.Ticks);
                break;
            case byte[] v:
                writer.Write(Bytes);
                writer.Write(v.Length);
                writer.Write(v);
                break;
            case IList list:
                writer.Write(Sequence);
                writer.Write(list.Count);
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                break;
            default:
                throw new NotSupportedException("The result cache's distributed form has no code for " + value.GetType().Name + ".");
        }
    }

    private static object? ReadValue(BinaryReader reader)
    {
        var code = reader.ReadByte();
        switch (code)
        {
            case Null: return null;
            case Bool: return reader.ReadBoolean();
            case Short: return reader.ReadInt16();
            case Int: return reader.ReadInt32();
            case Long: return reader.ReadInt64();
            case Float: return BitConverter.Int32BitsToSingle(reader.ReadInt32());
            case Double: return BitConverter.Int64BitsToDouble(reader.ReadInt64());
            case Decimal: return reader.ReadDecimal();
            case Text: return reader.ReadString();
            case Uuid: return new Guid(reader.ReadBytes(16));
            case Timestamp:
                var ticks = reader.ReadInt64();
                return new DateTime(ticks, (DateTimeKind)reader.ReadByte());
            case TimestampOffset:
                var at = reader.ReadInt64();
                return new DateTimeOffset(at, new TimeSpan(reader.ReadInt64()));
            case Date: return DateOnly.FromDayNumber(reader.ReadInt32());
            case Time: return new TimeOnly(reader.ReadInt64());
            case Interval: return new TimeSpan(reader.ReadInt64());
            case Bytes: return reader.ReadBytes(reader.ReadInt32());
            case Sequence:
                var items = new object?[reader.ReadInt32()];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = ReadValue(reader);
                }

                return items;
            default:
                throw new InvalidDataException("An unknown value code " + code + " in a distributed result cache entry.");
        }
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

using System.Collections;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Linq.Contract;

/// <summary>
/// Writes a model graph for the result cache's distributed tier; the generated <see cref="ModelMetadata{T}.WriteCached"/>
/// of each model calls it once per column and navigation, with the property's exact type, so nothing is looked up by
/// reflection. Every value is written with a type code and its exact bits (the codec of scalar results): a decimal's
/// scale, a <see cref="DateTime"/>'s kind, a double's NaN and -0.0, an enum's underlying value, a JSON column's text
/// through its <see cref="JsonTypeInfo{T}"/>. A graph that leads back to one of its own ancestors is refused
/// (<see cref="NotSupportedException"/>): the result then stays in memory only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ModelCacheWriter
{
    internal const byte Null = 0, Bool = 1, Short = 2, Int = 3, Long = 4, Float = 5, Double = 6, Decimal = 7, Text = 8, Uuid = 9,
        Timestamp = 10, TimestampOffset = 11, Date = 12, Time = 13, Interval = 14, Bytes = 15, Sequence = 16, UInt = 17, JsonText = 18, Model = 19;

    // Deeper graphs than this are not expected from includes; refusing keeps a pathological graph off the stack.
    private const int MaxDepth = 64;

    private readonly BinaryWriter _writer;
    private readonly List<object> _ancestors = [];

    internal ModelCacheWriter(BinaryWriter writer) => _writer = writer;

    /// <summary>Starts a model's fields with its shape (a hash of its columns and navigations), checked when read back.</summary>
    public void Shape(int shape)
    {
        _writer.Write(Model);
        _writer.Write(shape);
    }

    /// <summary>A scalar column's value (or an array of scalars), with its type code.</summary>
    public void Value<TValue>(TValue value) => WriteValue(_writer, value);

    /// <summary>An enum column's value, as its underlying integer.</summary>
    public void Enum<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        _writer.Write(Long);
        _writer.Write(EnumBits(value));
    }

    /// <summary>A nullable enum column's value.</summary>
    public void Enum<TEnum>(TEnum? value) where TEnum : struct, Enum
    {
        if (value is { } v)
        {
            Enum(v);
        }
        else
        {
            _writer.Write(Null);
        }
    }

    /// <summary>A <c>[JsonColumn]</c> value, as the JSON text its context writes.</summary>
    public void Json<TJson>(TJson? value, JsonTypeInfo<TJson> typeInfo)
    {
        if (value is null)
        {
            _writer.Write(Null);
            return;
        }

        _writer.Write(JsonText);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        _writer.Write(bytes.Length);
        _writer.Write(bytes);
    }

    /// <summary>A to-one navigation: null, or the related model's fields.</summary>
    public void One<TTarget>(TTarget? value) where TTarget : class, IModel<TTarget> => Models.Get<TTarget>().WriteEntity(this, value);

    /// <summary>A to-many navigation: null, or the count and each related model.</summary>
    public void Many<TTarget>(IEnumerable<TTarget>? values) where TTarget : class, IModel<TTarget>
    {
        if (values is null)
        {
            _writer.Write(Null);
            return;
        }

        var items = values as IReadOnlyCollection<TTarget> ?? values.ToList();
        _writer.Write(Sequence);
        _writer.Write(items.Count);
        var model = Models.Get<TTarget>();
        foreach (var item in items)
        {
            model.WriteEntity(this, item);
        }
    }

    internal void WriteNull() => _writer.Write(Null);

    // Cycles are refused rather than followed; a model shared by two parents (not an ancestor) is written twice.
    internal void Enter(object entity)
    {
        foreach (var ancestor in _ancestors)
        {
            if (ReferenceEquals(ancestor, entity))
            {
                throw new NotSupportedException("The result's model graph refers back to one of its ancestors; it is kept in memory only.");
            }
        }

        if (_ancestors.Count == MaxDepth)
        {
            throw new NotSupportedException("The result's model graph is deeper than " + MaxDepth + " levels; it is kept in memory only.");
        }

        _ancestors.Add(entity);
    }

    internal void Leave() => _ancestors.RemoveAt(_ancestors.Count - 1);

    // The enum's bits, sign-extended from its size (read back by truncating to the same size: exact for every underlying type).
    private static long EnumBits<TEnum>(TEnum value) where TEnum : struct, Enum => Unsafe.SizeOf<TEnum>() switch
    {
        1 => Unsafe.As<TEnum, sbyte>(ref value),
        2 => Unsafe.As<TEnum, short>(ref value),
        4 => Unsafe.As<TEnum, int>(ref value),
        _ => Unsafe.As<TEnum, long>(ref value),
    };

    /// <summary>One value with its type code: the scalar types of PostgreSQL columns, their arrays and JSON documents.</summary>
    internal static void WriteValue(BinaryWriter writer, object? value)
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
            case uint v:
                writer.Write(UInt);
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
            case JsonDocument v:
                writer.Write(JsonText);
                WriteJson(writer, v.RootElement);
                break;
            case JsonElement v:
                writer.Write(JsonText);
                WriteJson(writer, v);
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

    private static void WriteJson(BinaryWriter writer, JsonElement element)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            element.WriteTo(json);
        }

        writer.Write(buffer.WrittenCount);
        writer.Write(buffer.WrittenSpan);
    }

    /// <summary>The roots of cached results of model <typeparamref name="T"/>, set by its metadata when it is created.</summary>
    internal static class Roots<T>
    {
        public static Action<ModelCacheWriter, T>? Write;
        public static Func<ModelCacheReader, T?>? Read;
    }
}

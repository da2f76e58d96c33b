using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Linq.Contract;

/// <summary>
/// Reads back what <see cref="ModelCacheWriter"/> wrote; the generated <see cref="ModelMetadata{T}.ReadCached"/> of
/// each model calls it in the same order, with each property's exact type. Bytes of another shape (a model changed
/// since they were written) throw <see cref="InvalidDataException"/>, and the result cache then runs the query.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ModelCacheReader
{
    private readonly BinaryReader _reader;

    internal ModelCacheReader(BinaryReader reader) => _reader = reader;

    /// <summary>Checks that the model's fields follow, written for the same shape.</summary>
    public void Shape(int shape)
    {
        if (_reader.ReadByte() != ModelCacheWriter.Model || _reader.ReadInt32() != shape)
        {
            throw new InvalidDataException("A distributed result cache entry was written for another shape of the model.");
        }
    }

    /// <summary>A scalar column's value.</summary>
    public TValue Value<TValue>() => ReadValue(_reader) is { } value ? (TValue)value : default!;

    /// <summary>A <see cref="System.Text.Json.JsonElement"/> column's value.</summary>
    public JsonElement JsonElement() => NullableJsonElement() ?? throw new InvalidDataException("A NULL where a JSON value was written.");

    /// <summary>A nullable <see cref="System.Text.Json.JsonElement"/> column's value.</summary>
    public JsonElement? NullableJsonElement()
    {
        if (ReadValue(_reader) is not JsonDocument document)
        {
            return null;
        }

        using (document)
        {
            return document.RootElement.Clone();
        }
    }

    /// <summary>An array column's value.</summary>
    public TElement[]? Array<TElement>()
    {
        if (ReadValue(_reader) is not object?[] items)
        {
            return null;
        }

        var array = new TElement[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            array[i] = items[i] is { } item ? (TElement)item : default!;
        }

        return array;
    }

    /// <summary>An enum column's value.</summary>
    public TEnum Enum<TEnum>() where TEnum : struct, Enum => NullableEnum<TEnum>() ?? throw new InvalidDataException("A NULL where an enum value was written.");

    /// <summary>A nullable enum column's value.</summary>
    public TEnum? NullableEnum<TEnum>() where TEnum : struct, Enum
    {
        var code = _reader.ReadByte();
        if (code == ModelCacheWriter.Null)
        {
            return null;
        }

        if (code != ModelCacheWriter.Long)
        {
            throw new InvalidDataException("An enum value with type code " + code + ".");
        }

        var bits = _reader.ReadInt64();
        switch (Unsafe.SizeOf<TEnum>())
        {
            case 1:
                var b = (sbyte)bits;
                return Unsafe.As<sbyte, TEnum>(ref b);
            case 2:
                var s = (short)bits;
                return Unsafe.As<short, TEnum>(ref s);
            case 4:
                var i = (int)bits;
                return Unsafe.As<int, TEnum>(ref i);
            default:
                return Unsafe.As<long, TEnum>(ref bits);
        }
    }

    /// <summary>A <c>[JsonColumn]</c> value, read through its context.</summary>
    public TJson? Json<TJson>(JsonTypeInfo<TJson> typeInfo)
    {
        var code = _reader.ReadByte();
        if (code == ModelCacheWriter.Null)
        {
            return default;
        }

        if (code != ModelCacheWriter.JsonText)
        {
            throw new InvalidDataException("A JSON value with type code " + code + ".");
        }

        return JsonSerializer.Deserialize(_reader.ReadBytes(_reader.ReadInt32()), typeInfo);
    }

    /// <summary>A to-one navigation.</summary>
    public TTarget? One<TTarget>() where TTarget : class, IModel<TTarget> => Models.Get<TTarget>().ReadEntity(this);

    /// <summary>A to-many navigation.</summary>
    public List<TTarget>? Many<TTarget>() where TTarget : class, IModel<TTarget>
    {
        var code = _reader.ReadByte();
        if (code == ModelCacheWriter.Null)
        {
            return null;
        }

        if (code != ModelCacheWriter.Sequence)
        {
            throw new InvalidDataException("A collection with type code " + code + ".");
        }

        var model = Models.Get<TTarget>();
        var list = new List<TTarget>(_reader.ReadInt32());
        for (var i = list.Capacity; i > 0; i--)
        {
            list.Add(model.ReadEntity(this)!);
        }

        return list;
    }

    // A model's fields or NULL: the shape's code is left for the model's own Shape check.
    internal bool NextIsNull()
    {
        if (_reader.PeekChar() == ModelCacheWriter.Null)
        {
            _reader.ReadByte();
            return true;
        }

        return false;
    }

    /// <summary>One value written by <see cref="ModelCacheWriter.WriteValue"/>; a sequence reads as <c>object?[]</c>.</summary>
    internal static object? ReadValue(BinaryReader reader)
    {
        var code = reader.ReadByte();
        switch (code)
        {
            case ModelCacheWriter.Null: return null;
            case ModelCacheWriter.Bool: return reader.ReadBoolean();
            case ModelCacheWriter.Short: return reader.ReadInt16();
            case ModelCacheWriter.Int: return reader.ReadInt32();
            case ModelCacheWriter.Long: return reader.ReadInt64();
            case ModelCacheWriter.UInt: return reader.ReadUInt32();
            case ModelCacheWriter.Float: return BitConverter.Int32BitsToSingle(reader.ReadInt32());
            case ModelCacheWriter.Double: return BitConverter.Int64BitsToDouble(reader.ReadInt64());
            case ModelCacheWriter.Decimal: return reader.ReadDecimal();
            case ModelCacheWriter.Text: return reader.ReadString();
            case ModelCacheWriter.Uuid: return new Guid(reader.ReadBytes(16));
            case ModelCacheWriter.Timestamp:
                var ticks = reader.ReadInt64();
                return new DateTime(ticks, (DateTimeKind)reader.ReadByte());
            case ModelCacheWriter.TimestampOffset:
                var at = reader.ReadInt64();
                return new DateTimeOffset(at, new TimeSpan(reader.ReadInt64()));
            case ModelCacheWriter.Date: return DateOnly.FromDayNumber(reader.ReadInt32());
            case ModelCacheWriter.Time: return new TimeOnly(reader.ReadInt64());
            case ModelCacheWriter.Interval: return new TimeSpan(reader.ReadInt64());
            case ModelCacheWriter.Bytes: return reader.ReadBytes(reader.ReadInt32());
            case ModelCacheWriter.JsonText: return JsonDocument.Parse(reader.ReadBytes(reader.ReadInt32()));
            case ModelCacheWriter.Sequence:
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
}

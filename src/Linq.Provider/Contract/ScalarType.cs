using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using Linq.Sql.Syntax;
using Npgsql;
using NpgsqlTypes;

namespace Linq.Contract;

/// <summary>
/// A CLR type that a column, a parameter or a value computed in SQL can have, with every typed operation the runtime
/// performs over such values. Each operation is a member of <c>ScalarType.Of&lt;T&gt;</c> closed over a type named in
/// source: the built-in set below, and each <c>[DbEnum]</c> through its generated <see cref="EnumMetadata{TEnum}"/>.
/// So NativeAOT compiles every instantiation ahead of time, and the runtime never closes a generic method over a type it
/// found at run time: it looks the type up here.
/// </summary>
/// <remarks>
/// Public only because the contract folder holds public types alone (the enums' metadata fills the table); nothing
/// of it is usable outside this assembly.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract partial class ScalarType
{
    private static readonly Dictionary<Type, Func<ScalarType[]>> BuiltInFamilies = BuiltIns();
    private static readonly ConcurrentDictionary<Type, Func<ScalarType[]>> EnumFamilies = new();
    private static readonly ConcurrentDictionary<Type, ScalarType> Known = new();

    private protected ScalarType()
    {
    }

    /// <summary>The CLR type (a nullable value type is its own entry, as is each array type).</summary>
    internal abstract Type ClrType { get; }

    /// <summary>The entry for <paramref name="type"/>, or null when values of that type are not supported.</summary>
    internal static ScalarType? Find(Type type) => Known.TryGetValue(type, out var known) ? known : LoadBuiltIn(type);

    /// <summary>The entry for <paramref name="type"/>; throws <see cref="NotSupportedException"/> when there is none.</summary>
    internal static ScalarType Get(Type type) => Find(type) ?? throw new NotSupportedException(
        $"Values of type '{type}' are not supported: use one of the mapped column types (numbers, bool, string, Guid, dates and times, byte[], JSON, [DbEnum] enums, arrays of these and their nullable forms).");

    /// <summary>Adds a <c>[DbEnum]</c> type, its nullable form and their arrays (called by the enum's generated metadata).</summary>
    /// <remarks>Made on first lookup, as the built-in families: an application's model may name many enums.</remarks>
    internal static void AddEnum<TEnum>() where TEnum : struct, Enum
    {
        Func<ScalarType[]> family = static () => Family<TEnum>(static (ref Utf8JsonReader r) => JsonColumn.ReadEnum<TEnum>(ref r));
        foreach (var type in (ReadOnlySpan<Type>)[typeof(TEnum), typeof(TEnum?), typeof(TEnum[]), typeof(TEnum?[])])
        {
            EnumFamilies.TryAdd(type, family);
        }
    }

    /// <summary>The default value, boxed (<c>GetValueOrDefault()</c>).</summary>
    internal abstract object? DefaultValue { get; }

    /// <summary>An expression reading column <paramref name="ordinal"/> as <see cref="ClrType"/>: NULL is null for nullable and reference types, an error otherwise.</summary>
    internal abstract Expression Read(Expression reader, int ordinal);

    /// <summary>As <see cref="Read"/>, but NULL is "Sequence contains no elements" (Min, Max or Average of no rows, as LINQ to Objects).</summary>
    internal abstract Expression ReadNonEmpty(Expression reader, int ordinal);

    /// <summary>Reads column <paramref name="ordinal"/> typed, then boxes it (ordering keys of a page).</summary>
    internal abstract object? ReadBoxed(NpgsqlDataReader reader, int ordinal);

    /// <summary>Reads the (non-null) value at the current token of related-row JSON, boxed.</summary>
    internal abstract object? ReadJson(ref Utf8JsonReader reader);

    /// <summary>A typed array of boxed values (keys collected from loaded rows, a column's values for <c>unnest</c>).</summary>
    internal abstract Array ToArray(IEnumerable<object?> values);

    /// <summary>An array of <paramref name="length"/> elements of the type <see cref="ToArray"/> makes, filled by <see cref="SetItem"/>.</summary>
    internal abstract Array NewArray(int length);

    /// <summary>Sets one element of an array from <see cref="NewArray"/> to a boxed value (as <see cref="ToArray"/> converts it).</summary>
    internal abstract void SetItem(Array array, int index, object? value);

    /// <summary>A captured collection (array, <c>List</c>, <c>HashSet</c>, any sequence) as the typed array Npgsql sends as one parameter.</summary>
    internal abstract object? ToArrayParameter(object? collection);

    /// <summary>The type of the arrays <see cref="ToArrayParameter"/> returns (<c>T[]</c>).</summary>
    internal abstract Type ArrayClrType { get; }

    /// <summary>An empty <c>List&lt;T&gt;</c>.</summary>
    internal abstract IList CreateList(int capacity);

    /// <summary><c>Enumerable.Contains&lt;T&gt;(IEnumerable&lt;T&gt;, T)</c>.</summary>
    internal abstract MethodInfo EnumerableContains { get; }

    /// <summary>
    /// Binds a boxed, non-null value unboxed to <see cref="ClrType"/>, so the binder makes a typed parameter
    /// (<c>NpgsqlParameter&lt;T&gt;</c>); a value of another runtime type is bound as <see cref="object"/>, as it is.
    /// </summary>
    internal abstract TResult Bind<TResult>(ISqlParameterBinder<TResult> binder, object value, string? storeType);

    /// <summary>Writes a boxed, non-null value to a binary COPY unboxed to its exact type (Npgsql's typed path).</summary>
    internal abstract Task WriteCopyAsync(NpgsqlBinaryImporter importer, object value, NpgsqlDbType? type, CancellationToken cancellationToken);

    /// <summary>
    /// An expression reading column <paramref name="ordinal"/>, a PostgreSQL array of values of this type, as a
    /// <c>List&lt;T&gt;</c> (or a <c>T[]</c> when <paramref name="asArray"/>); NULL (no rows aggregated) is an empty one.
    /// </summary>
    internal virtual Expression ReadElements(Expression reader, int ordinal, bool asArray) =>
        throw new NotSupportedException($"Values of type '{ClrType.Name}' are not read as array elements.");

    // Each built-in family (T, T?, T[], T?[]) is made when one of its types is first looked up: making all of them at
    // start-up closed ScalarType.Of<T> over 78 types (type loads and ≈ 200 JIT compilations before the first row).
    private static Dictionary<Type, Func<ScalarType[]>> BuiltIns()
    {
        var all = new Dictionary<Type, Func<ScalarType[]>>();
        void Add(Func<ScalarType[]> family, params ReadOnlySpan<Type> types)
        {
            foreach (var type in types)
            {
                all.Add(type, family);
            }
        }

        Add(static () => Family<int>(JsonColumn.ReadInt32), typeof(int), typeof(int?), typeof(int[]), typeof(int?[]));
        Add(static () => Family<long>(JsonColumn.ReadInt64), typeof(long), typeof(long?), typeof(long[]), typeof(long?[]));
        Add(static () => Family<short>(JsonColumn.ReadInt16), typeof(short), typeof(short?), typeof(short[]), typeof(short?[]));
        Add(static () => Family<bool>(JsonColumn.ReadBoolean), typeof(bool), typeof(bool?), typeof(bool[]), typeof(bool?[]));
        Add(static () => Family<decimal>(JsonColumn.ReadDecimal), typeof(decimal), typeof(decimal?), typeof(decimal[]), typeof(decimal?[]));
        Add(static () => Family<double>(JsonColumn.ReadDouble), typeof(double), typeof(double?), typeof(double[]), typeof(double?[]));
        Add(static () => Family<float>(JsonColumn.ReadSingle), typeof(float), typeof(float?), typeof(float[]), typeof(float?[]));
        Add(static () => Family<Guid>(JsonColumn.ReadGuid), typeof(Guid), typeof(Guid?), typeof(Guid[]), typeof(Guid?[]));
        Add(static () => Family<DateTime>(JsonColumn.ReadDateTime), typeof(DateTime), typeof(DateTime?), typeof(DateTime[]), typeof(DateTime?[]));
        Add(static () => Family<DateTimeOffset>(JsonColumn.ReadDateTimeOffset), typeof(DateTimeOffset), typeof(DateTimeOffset?), typeof(DateTimeOffset[]), typeof(DateTimeOffset?[]));
        Add(static () => Family<DateOnly>(JsonColumn.ReadDateOnly), typeof(DateOnly), typeof(DateOnly?), typeof(DateOnly[]), typeof(DateOnly?[]));
        Add(static () => Family<TimeOnly>(JsonColumn.ReadTimeOnly), typeof(TimeOnly), typeof(TimeOnly?), typeof(TimeOnly[]), typeof(TimeOnly?[]));
        Add(static () => Family<JsonElement>(JsonColumn.ReadJsonElement), typeof(JsonElement), typeof(JsonElement?), typeof(JsonElement[]), typeof(JsonElement?[]));
        // Read from SQL, never from related-row JSON (no column maps to them).
        Add(static () => Family<byte>(null)[..2], typeof(byte), typeof(byte?)); // byte[] is bytea, below
        Add(static () => Family<sbyte>(null), typeof(sbyte), typeof(sbyte?), typeof(sbyte[]), typeof(sbyte?[]));
        Add(static () => Family<ushort>(null), typeof(ushort), typeof(ushort?), typeof(ushort[]), typeof(ushort?[]));
        Add(static () => Family<uint>(JsonColumn.ReadUInt32), typeof(uint), typeof(uint?), typeof(uint[]), typeof(uint?[])); // [RowVersion] (xid) travels as a JSON string
        Add(static () => Family<ulong>(null), typeof(ulong), typeof(ulong?), typeof(ulong[]), typeof(ulong?[]));
        Add(static () => Family<char>(null), typeof(char), typeof(char?), typeof(char[]), typeof(char?[]));
        Add(static () => Family<TimeSpan>(null), typeof(TimeSpan), typeof(TimeSpan?), typeof(TimeSpan[]), typeof(TimeSpan?[]));
        Add(static () => ReferenceFamily<string>(JsonColumn.ReadString), typeof(string), typeof(string[]));
        Add(static () => ReferenceFamily<byte[]>(JsonColumn.ReadBytes), typeof(byte[]), typeof(byte[][]));
        Add(static () => ReferenceFamily<JsonDocument>(JsonColumn.ReadJsonDocument), typeof(JsonDocument), typeof(JsonDocument[]));
        return all;
    }

    // A built-in or [DbEnum] type's family, made on first use; entries added meanwhile (another thread) are kept.
    private static ScalarType? LoadBuiltIn(Type type)
    {
        if (!BuiltInFamilies.TryGetValue(type, out var family) && !EnumFamilies.TryGetValue(type, out family))
        {
            return null;
        }

        foreach (var member in family())
        {
            Known.TryAdd(member.ClrType, member);
        }

        return Known.GetValueOrDefault(type);
    }

    // T, T?, T[] and T?[].
    private static ScalarType[] Family<T>(JsonColumn.ElementReader<T>? json) where T : struct
    {
        JsonColumn.ElementReader<T?>? nullable = json is null ? null : (ref Utf8JsonReader r) => json(ref r);
        return
        [
            new Of<T>(json),
            new Of<T?>(nullable),
            new Of<T[]>(json is null ? null : (ref Utf8JsonReader r) => JsonColumn.ReadArray(ref r, json)),
            new Of<T?[]>(nullable is null ? null : (ref Utf8JsonReader r) => JsonColumn.ReadArray(ref r, nullable)),
        ];
    }

    // T and T[].
    private static ScalarType[] ReferenceFamily<T>(JsonColumn.ElementReader<T> json) where T : class =>
    [
        new Of<T>(json),
        new Of<T[]>((ref Utf8JsonReader r) => JsonColumn.ReadArray(ref r, json)),
    ];

    /// <summary>The operations for values of type <typeparamref name="T"/>.</summary>
    private sealed class Of<T>(JsonColumn.ElementReader<T>? json) : ScalarType
    {
        // default(T) is null exactly for reference types and Nullable<>: those read NULL as null.
        private static readonly bool CanBeNull = default(T) is null;

        // Taken from expression trees (ldtoken), not looked up by name, so NativeAOT keeps them invocable by the interpreter.
        private MethodInfo? _read;
        private MethodInfo? _readNonEmpty;
        private MethodInfo? _contains;
        private MethodInfo? _readArray;
        private MethodInfo? _readList;

        internal override Type ClrType => typeof(T);

        internal override object? DefaultValue => default(T);

        internal override Expression Read(Expression reader, int ordinal) =>
            Expression.Call(_read ??= CanBeNull ? Method((r, o) => OrNull(r, o)) : Method((r, o) => Value(r, o)), reader, Expression.Constant(ordinal));

        internal override Expression ReadNonEmpty(Expression reader, int ordinal) =>
            CanBeNull ? Read(reader, ordinal) : Expression.Call(_readNonEmpty ??= Method((r, o) => NonEmpty(r, o)), reader, Expression.Constant(ordinal));

        internal override object? ReadBoxed(NpgsqlDataReader reader, int ordinal) => CanBeNull ? OrNull(reader, ordinal) : Value(reader, ordinal);

        internal override object? ReadJson(ref Utf8JsonReader reader) =>
            json is null ? throw new NotSupportedException($"Values of type '{typeof(T).Name}' cannot be read from related-row JSON.") : json(ref reader);

        internal override Array ToArray(IEnumerable<object?> values) => values.Select(v => v is null ? default! : (T)v).ToArray();

        internal override Array NewArray(int length) => new T[length];

        internal override void SetItem(Array array, int index, object? value) => ((T[])array)[index] = value is null ? default! : (T)value;

        internal override object? ToArrayParameter(object? collection) => collection switch
        {
            null => null,
            T[] array => array,
            IEnumerable<T> sequence => sequence.ToArray(),
            _ => throw new InvalidOperationException($"A {collection.GetType().Name} cannot be sent as an array of {typeof(T).Name}."),
        };

        internal override Type ArrayClrType => typeof(T[]);

        internal override IList CreateList(int capacity) => new List<T>(capacity);

        internal override MethodInfo EnumerableContains =>
            _contains ??= ((MethodCallExpression)((Expression<Func<IEnumerable<T>, T, bool>>)((s, v) => s.Contains(v))).Body).Method;

        internal override TResult Bind<TResult>(ISqlParameterBinder<TResult> binder, object value, string? storeType) =>
            value is T typed ? binder.Bind(typed, storeType) : binder.Bind(value, storeType);

        internal override Task WriteCopyAsync(NpgsqlBinaryImporter importer, object value, NpgsqlDbType? type, CancellationToken cancellationToken) =>
            type is { } known ? importer.WriteAsync((T)value, known, cancellationToken) : importer.WriteAsync((T)value, cancellationToken);

        internal override Expression ReadElements(Expression reader, int ordinal, bool asArray) => Expression.Call(asArray
                ? _readArray ??= ((MethodCallExpression)((Expression<Func<NpgsqlDataReader, int, T[]>>)((r, o) => ArrayOrEmpty(r, o))).Body).Method
                : _readList ??= ((MethodCallExpression)((Expression<Func<NpgsqlDataReader, int, List<T>>>)((r, o) => ListOrEmpty(r, o))).Body).Method,
            reader, Expression.Constant(ordinal));

        private static T[] ArrayOrEmpty(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? [] : reader.GetFieldValue<T[]>(ordinal);

        private static List<T> ListOrEmpty(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? [] : reader.GetFieldValue<List<T>>(ordinal);

        private static MethodInfo Method(Expression<Func<NpgsqlDataReader, int, T>> call) => ((MethodCallExpression)call.Body).Method;

        private static T Value(NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<T>(ordinal);

        private static T OrNull(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? default! : reader.GetFieldValue<T>(ordinal);

        private static T NonEmpty(NpgsqlDataReader reader, int ordinal) =>
            reader.IsDBNull(ordinal) ? throw new InvalidOperationException("Sequence contains no elements") : reader.GetFieldValue<T>(ordinal);
    }
}

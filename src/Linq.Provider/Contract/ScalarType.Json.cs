using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Linq.Sql.Syntax;
using Npgsql;
using NpgsqlTypes;

namespace Linq.Contract;

public abstract partial class ScalarType
{
    /// <summary>Adds a <c>[JsonColumn]</c> column type (called through <see cref="JsonValues.Register{T}"/> by generated metadata).</summary>
    internal static void AddJson<T>(JsonTypeInfo<T> typeInfo) => Known.TryAdd(typeof(T), new JsonOf<T>(typeInfo));

    /// <summary>
    /// The <see cref="ScalarType"/> of a <c>[JsonColumn]</c> column type: values travel as <c>jsonb</c> text written and read with the
    /// type's source-generated <see cref="JsonTypeInfo{T}"/>.
    /// </summary>
    private sealed class JsonOf<T>(JsonTypeInfo<T> typeInfo) : ScalarType
    {
        private MethodInfo? _read;
        private MethodInfo? _contains;

        internal override Type ClrType => typeof(T);

        internal override object? DefaultValue => default(T);

        internal override Expression Read(Expression reader, int ordinal) =>
            Expression.Call(Expression.Constant(this), _read ??= ((MethodCallExpression)((Expression<Func<NpgsqlDataReader, int, T?>>)((r, o) => OrNull(r, o))).Body).Method,
                reader, Expression.Constant(ordinal));

        internal override Expression ReadNonEmpty(Expression reader, int ordinal) => Read(reader, ordinal);

        internal override object? ReadBoxed(NpgsqlDataReader reader, int ordinal) => OrNull(reader, ordinal);

        internal override object? ReadJson(ref Utf8JsonReader reader) => JsonSerializer.Deserialize(ref reader, typeInfo);

        // Bulk inserts send one jsonb[] per column: the inputs hold the JSON text already.
        internal override Array ToArray(IEnumerable<object?> values) => values.Select(v => v is T typed ? JsonSerializer.Serialize(typed, typeInfo) : (string?)v).ToArray();

        internal override Array NewArray(int length) => new string?[length];

        internal override void SetItem(Array array, int index, object? value) =>
            ((string?[])array)[index] = value is T typed ? JsonSerializer.Serialize(typed, typeInfo) : (string?)value;

        internal override object? ToArrayParameter(object? collection) =>
            throw new NotSupportedException($"A collection of {typeof(T).Name} (a [JsonColumn] type) cannot be sent as a parameter.");

        internal override Type ArrayClrType => typeof(T[]);

        internal override IList CreateList(int capacity) => new List<T>(capacity);

        internal override MethodInfo EnumerableContains =>
            _contains ??= ((MethodCallExpression)((Expression<Func<IEnumerable<T>, T, bool>>)((s, v) => s.Contains(v))).Body).Method;

        internal override TResult Bind<TResult>(ISqlParameterBinder<TResult> binder, object value, string? storeType) =>
            binder.Bind(value is T typed ? JsonSerializer.Serialize(typed, typeInfo) : (string)value, "jsonb");

        internal override Task WriteCopyAsync(NpgsqlBinaryImporter importer, object value, NpgsqlDbType? type, CancellationToken cancellationToken) =>
            importer.WriteAsync(value is T typed ? JsonSerializer.Serialize(typed, typeInfo) : (string)value, NpgsqlDbType.Jsonb, cancellationToken);

        private T? OrNull(NpgsqlDataReader reader, int ordinal) =>
            reader.IsDBNull(ordinal) ? default : JsonSerializer.Deserialize(reader.GetFieldValue<string>(ordinal), typeInfo);
    }
}

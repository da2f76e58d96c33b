using Linq.Contract;
using Linq.Sql.Syntax;

namespace Linq.Writing;

/// <summary>
/// A write's value known only as <see cref="object"/> (a key evaluated from the filter, an <c>Op</c> amount, a collected
/// row's column): bound through the <see cref="ScalarType"/> of its runtime type, so the driver gets an
/// <see cref="Npgsql.NpgsqlParameter{T}"/> as a typed write sends it, not a box it must resolve on every execution. A value
/// whose type has no entry (or null) is sent as it is, untyped, as before.
/// </summary>
internal sealed record BoxedValueParameter : SqlParameterExpression
{
    // Looked up once per node; null for NULL or a type without an entry.
    private readonly ScalarType? _type;

    public BoxedValueParameter(object? value, string? storeType)
        : base(storeType)
    {
        Value = value;
        _type = value is null ? null : ScalarType.Find(value.GetType());
    }

    /// <summary>The value (null is SQL NULL).</summary>
    public object? Value { get; }

    public override Type ClrType => Value?.GetType() ?? typeof(object);

    public override TResult Bind<TResult>(ISqlParameterBinder<TResult> binder, object?[]? values) => Bind(binder, Value, _type, StoreType);

    /// <summary>Binds <paramref name="value"/> typed when <paramref name="type"/> (its runtime type's entry) is known.</summary>
    public static TResult Bind<TResult>(ISqlParameterBinder<TResult> binder, object? value, ScalarType? type, string? storeType) =>
        value is not null && type is not null ? type.Bind(binder, value, storeType) : binder.Bind(value, storeType);

    /// <summary>The type only: values stay out of logs and messages.</summary>
    public override string ToString() => $"BoxedValueParameter {{ StoreType = {StoreType} }}";
}

namespace Linq.Sql.Syntax;

/// <summary>A parameter holding a value known when the tree is built (a write's column value, a raw SQL hole).</summary>
/// <typeparam name="T">The value's static type: the binder makes a parameter of exactly this type, so value types are not boxed.</typeparam>
internal sealed record SqlParameter<T> : SqlParameterExpression
{
    /// <summary>Creates a parameter holding <paramref name="value"/> (null is SQL NULL).</summary>
    /// <param name="value">The value.</param>
    /// <param name="storeType">The PostgreSQL type to send it as, or null to infer it from <typeparamref name="T"/>.</param>
    public SqlParameter(T value, string? storeType = null)
        : base(storeType) => Value = value;

    /// <summary>The value.</summary>
    public T Value { get; init; }

    /// <inheritdoc />
    public override Type ClrType => typeof(T);

    /// <inheritdoc />
    public override TResult Bind<TResult>(ISqlParameterBinder<TResult> binder, object?[]? values)
    {
        ArgumentNullException.ThrowIfNull(binder);
        return binder.Bind(Value, StoreType);
    }

    /// <summary>The type only: values stay out of logs and messages.</summary>
    public override string ToString() => $"SqlParameter<{typeof(T).Name}> {{ StoreType = {StoreType} }}";
}

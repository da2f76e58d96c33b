namespace Linq.Sql.Syntax;

/// <summary>
/// Turns parameter values into the executing driver's parameters. Each <see cref="SqlParameterExpression"/> calls
/// <see cref="Bind{T}"/> with its value's static type, so no reflection is needed and value types stay unboxed.
/// </summary>
/// <typeparam name="TResult">The driver's parameter type.</typeparam>
internal interface ISqlParameterBinder<out TResult>
{
    /// <summary>A parameter holding <paramref name="value"/>.</summary>
    /// <param name="value">The value; null is SQL NULL. <typeparamref name="T"/> is <see cref="object"/> when the static type is not known.</param>
    /// <param name="storeType">The PostgreSQL type to send it as, or null to infer it from the value.</param>
    TResult Bind<T>(T value, string? storeType);
}

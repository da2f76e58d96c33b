using Linq.Sql.Syntax;

namespace Linq.Querying;

/// <summary>
/// A placeholder of a cached plan: a parameter whose value is the execution's <c>values[Source]</c> (what the
/// fingerprint pulled out of the expression), after an optional conversion (LIKE escaping, list to array, integer to
/// enum). The plan's SQL is rendered once with these nodes; each execution only binds them.
/// </summary>
/// <remarks>
/// The values arrive boxed (the fingerprint evaluates closures to <see cref="object"/>), so the slot hands them to the
/// binder as they are: unboxing them into an <see cref="Npgsql.NpgsqlParameter{T}"/> would allocate more, not less.
/// A value's null-ness is part of the plan's shape (a null value is SQL <c>NULL</c>, not a slot), so a slot's value is never null.
/// </remarks>
/// <param name="Source">Index into the execution's values.</param>
/// <param name="ValueType">The CLR type of the value the slot sends.</param>
/// <param name="Transform">Applied to the value before it is sent.</param>
/// <param name="StoreType">The PostgreSQL type to send it as, when known from the column it meets.</param>
internal sealed record ParameterSlot(int Source, Type ValueType, Func<object?, object?>? Transform, string? StoreType) : SqlParameterExpression(StoreType)
{
    public override Type ClrType => ValueType;

    public override TResult Bind<TResult>(ISqlParameterBinder<TResult> binder, object?[]? values)
    {
        var value = values![Source];
        return binder.Bind(Transform is null || value is null ? value : Transform(value), StoreType);
    }
}

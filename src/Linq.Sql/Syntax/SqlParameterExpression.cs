namespace Linq.Sql.Syntax;

/// <summary>
/// A value sent as a parameter, never as text. Builders put parameter nodes into the tree; the renderer numbers them
/// <c>$1</c>, <c>$2</c>, … by first appearance in the text (one node referenced twice is one <c>$n</c>) and returns
/// them in that order (<see cref="Rendering.RenderedSql.Parameters"/>). Whoever executes the statement turns each into
/// a driver parameter with an <see cref="ISqlParameterBinder{TResult}"/>, which receives the value with its static type.
/// </summary>
/// <remarks>
/// <see cref="SqlParameter{T}"/> holds a value known when the tree is built. A parameter whose value is supplied each
/// time the rendered statement runs (a cached plan's placeholder) derives from this type and reads it from the
/// execution's values in <see cref="Bind{TResult}"/>.
/// </remarks>
internal abstract record SqlParameterExpression : SqlExpression
{
    /// <summary>Creates a parameter sent as <paramref name="storeType"/> (null: the type follows from the value's CLR type).</summary>
    protected SqlParameterExpression(string? storeType) => StoreType = storeType;

    /// <summary>
    /// The PostgreSQL type the value is sent as when the builder knows it (a column's store type: <c>integer</c>,
    /// <c>timestamptz</c>, <c>text[]</c>, an enum type's name), or null to let the driver infer it from the CLR type.
    /// Not rendered: to cast in the SQL text, wrap the parameter in a <see cref="SqlCastExpression"/>.
    /// </summary>
    public string? StoreType { get; init; }

    /// <summary>The CLR type of the value.</summary>
    public abstract Type ClrType { get; }

    /// <summary>
    /// Whether an equal node (by value) is the same value, so the renderer gives both one <c>$n</c>. True for a placeholder
    /// that reads one position of the execution's values: a part of the query translated twice (a projected member
    /// ordered after <c>Distinct</c>) must be one parameter, since PostgreSQL matches <c>ORDER BY</c> and <c>GROUP BY</c>
    /// items with the select list by their expressions, and <c>$1</c> is not <c>$2</c>. False by default: two parameters
    /// holding equal values stay two.
    /// </summary>
    public virtual bool SharesNumberWhenEqual => false;

    /// <summary>Hands the value, with its static type, to <paramref name="binder"/>.</summary>
    /// <param name="binder">Makes the driver's parameter (typed, so value types are not boxed).</param>
    /// <param name="values">
    /// The values of this execution, read by parameters whose value is supplied per execution; ignored by
    /// parameters that hold their value. Null when the statement has none.
    /// </param>
    public abstract TResult Bind<TResult>(ISqlParameterBinder<TResult> binder, object?[]? values);
}

using System.Linq.Expressions;

namespace Linq.Querying.Model;

/// <summary>A body clause of a <see cref="QueryModel"/>, between its source and its selector.</summary>
internal abstract record QueryClause
{
    /// <summary>The clause with <paramref name="transform"/> applied to its expressions; this one when nothing changed.</summary>
    public abstract QueryClause Transform(Func<Expression, Expression> transform);
}

/// <summary><c>where Predicate</c>.</summary>
internal sealed record WhereClause(Expression Predicate) : QueryClause
{
    public override QueryClause Transform(Func<Expression, Expression> transform) =>
        transform(Predicate) is var predicate && predicate == Predicate ? this : new WhereClause(predicate);

    public override string ToString() => $"where {Predicate}";
}

/// <summary>
/// <c>orderby a, b desc</c>: one OrderBy with its ThenBys. A later OrderByClause sorts first (LINQ's OrderBy
/// replaces the ordering, keeping the earlier one only as a tie-breaker of a stable sort).
/// </summary>
internal sealed record OrderByClause(IReadOnlyList<Ordering> Orderings) : QueryClause
{
    public override QueryClause Transform(Func<Expression, Expression> transform)
    {
        var orderings = Orderings.Select(o => transform(o.Expression) is var e && e == o.Expression ? o : o with { Expression = e }).ToList();
        return orderings.SequenceEqual(Orderings) ? this : new OrderByClause(orderings);
    }

    public override string ToString() => "orderby " + string.Join(", ", Orderings);
}

/// <summary>One ordering key of an <see cref="OrderByClause"/>.</summary>
internal sealed record Ordering(Expression Expression, bool Descending)
{
    public override string ToString() => $"{Expression} {(Descending ? "desc" : "asc")}";
}

/// <summary>
/// A clause the translators do not support, kept with its text so the translator that meets it can say where it
/// stands.
/// </summary>
internal sealed record UnsupportedClause(string Description) : QueryClause
{
    public override QueryClause Transform(Func<Expression, Expression> transform) => this;

    public override string ToString() => Description;
}

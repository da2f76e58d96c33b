namespace Linq;

/// <summary>Which case a <see cref="WriteResult{T}"/> holds.</summary>
public enum WriteOutcome
{
    /// <summary>A default-initialized result that no write produced; <see cref="WriteResult{T}.Match{TResult}"/> refuses it.</summary>
    None,

    /// <summary>The write succeeded.</summary>
    Ok,

    /// <summary>P2002: a unique key already has a row with these values.</summary>
    UniqueViolation,

    /// <summary>P2003: a foreign key points to no row, or a referenced row still has dependents.</summary>
    ForeignKeyViolation,

    /// <summary>P2025: the row to update, delete or connect does not exist (or a global filter hides it).</summary>
    NotFound,

    /// <summary>L2001: a concurrency token no longer matches.</summary>
    ConcurrencyConflict,
}

namespace Linq;

/// <summary>
/// The P2002 case of a <see cref="WriteResult{T}"/>: a unique key (or the primary key) already has a row with these values.
/// </summary>
/// <param name="Model">The model, when known.</param>
/// <param name="Fields">The fields (property names) of the violated key.</param>
/// <param name="Error">The exception the write raised, for logging.</param>
public readonly record struct UniqueViolation(string? Model, IReadOnlyList<string> Fields, UniqueConstraintViolationException Error);

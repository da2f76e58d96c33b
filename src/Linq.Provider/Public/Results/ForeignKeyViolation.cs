namespace Linq;

/// <summary>
/// The P2003 case of a <see cref="WriteResult{T}"/>: a foreign key points to no row, or a row that is still referenced was deleted.
/// </summary>
/// <param name="Model">The model, when known.</param>
/// <param name="Fields">The foreign key's fields (property names).</param>
/// <param name="Error">The exception the write raised, for logging.</param>
public readonly record struct ForeignKeyViolation(string? Model, IReadOnlyList<string> Fields, ForeignKeyViolationException Error);

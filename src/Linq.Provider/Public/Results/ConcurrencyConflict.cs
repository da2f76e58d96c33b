namespace Linq;

/// <summary>
/// The L2001 case of a <see cref="WriteResult{T}"/>: the row exists but holds other concurrency tokens than the filter
/// compared (another writer changed it); nothing was written.
/// </summary>
/// <param name="Model">The model.</param>
/// <param name="Fields">The concurrency token fields that no longer match.</param>
/// <param name="Error">The exception the write raised, for logging.</param>
public readonly record struct ConcurrencyConflict(string? Model, IReadOnlyList<string> Fields, ConcurrencyConflictException Error);

namespace Linq;

/// <summary>
/// The P2025 case of a <see cref="WriteResult{T}"/>: the row to update, delete or connect does not exist, or a global
/// filter of the client hides it.
/// </summary>
/// <param name="Model">The model whose row was missing.</param>
/// <param name="Error">The exception the write raised, for logging.</param>
public readonly record struct RecordNotFound(string? Model, RecordNotFoundException Error);

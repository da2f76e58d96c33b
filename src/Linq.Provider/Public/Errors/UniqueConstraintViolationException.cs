namespace Linq;

/// <summary>P2002: a unique key (or the primary key) already has a row with these values.</summary>
public sealed class UniqueConstraintViolationException(string? model, IReadOnlyList<string> fields, Exception? inner)
    : LinqRequestException("P2002", $"Unique constraint failed on the fields ({string.Join(", ", fields)}) of model {model ?? "?"}.", model, fields, inner);

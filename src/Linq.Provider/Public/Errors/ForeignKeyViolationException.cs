namespace Linq;

/// <summary>P2003: a foreign key points to no row, or a referenced row still has dependents.</summary>
public sealed class ForeignKeyViolationException(string? model, IReadOnlyList<string> fields, Exception? inner)
    : LinqRequestException("P2003", $"Foreign key constraint failed on the field ({string.Join(", ", fields)}) of model {model ?? "?"}.", model, fields, inner);

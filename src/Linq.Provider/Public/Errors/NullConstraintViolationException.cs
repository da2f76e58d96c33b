namespace Linq;

/// <summary>P2011: a NOT NULL column was given NULL.</summary>
public sealed class NullConstraintViolationException(string? model, IReadOnlyList<string> fields, Exception? inner)
    : LinqRequestException("P2011", $"Null constraint violation on the field ({string.Join(", ", fields)}) of model {model ?? "?"}.", model, fields, inner);

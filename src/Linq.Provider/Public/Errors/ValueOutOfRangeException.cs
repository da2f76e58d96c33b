namespace Linq;

/// <summary>P2020: a value (or the result of an <see cref="Op"/> operation) is out of range for its column's type; nothing was written.</summary>
public sealed class ValueOutOfRangeException(string? model, IReadOnlyList<string> fields, Exception? inner)
    : LinqRequestException("P2020", model is null ? "A value or a computed result is out of range for its type." : $"A value or a computed result is out of range for its column's type in model {model}.", model, fields, inner);

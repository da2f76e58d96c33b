namespace Linq;

/// <summary>P2000: a value is too long for its column.</summary>
public sealed class ValueTooLongException(string? model, IReadOnlyList<string> fields, Exception? inner)
    : LinqRequestException("P2000", $"The value is too long for a column of model {model ?? "?"}.", model, fields, inner);

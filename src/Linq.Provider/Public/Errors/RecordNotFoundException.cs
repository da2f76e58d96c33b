namespace Linq;

/// <summary>P2025: an operation that needs a row (update, delete, connect) found none.</summary>
public sealed class RecordNotFoundException(string model, string operation)
    : LinqRequestException("P2025", $"No {model} record was found for {operation}.", model, [], null);

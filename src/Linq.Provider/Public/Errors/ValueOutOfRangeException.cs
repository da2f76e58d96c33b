namespace Linq;

/// <summary>
/// P2020: a value (or the result of an <see cref="Op"/> operation) is out of range for its column's type, or has more
/// decimal places than a <c>numeric(p, s)</c> column keeps (refused rather than rounded); nothing was written.
/// </summary>
public sealed class ValueOutOfRangeException : LinqRequestException
{
    /// <summary>Creates the exception for a database error (SQLSTATE 22003), which does not name the column.</summary>
    public ValueOutOfRangeException(string? model, IReadOnlyList<string> fields, Exception? inner)
        : base("P2020", model is null ? "A value or a computed result is out of range for its type." : $"A value or a computed result is out of range for its column's type in model {model}.",
            model, fields, inner)
    {
    }

    /// <summary>Creates the exception for a value refused before it was sent, with what is wrong with it.</summary>
    public ValueOutOfRangeException(string model, IReadOnlyList<string> fields, string detail)
        : base("P2020", detail, model, fields, null)
    {
    }
}

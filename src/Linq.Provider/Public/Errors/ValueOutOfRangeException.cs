namespace Linq;

/// <summary>
/// P2020: a value does not fit its column's type: a number beyond a <c>numeric(p, s)</c> column's range, or with more
/// decimal places than its scale (refused rather than rounded).
/// </summary>
public sealed class ValueOutOfRangeException : LinqRequestException
{
    /// <summary>Creates the exception.</summary>
    public ValueOutOfRangeException(string? model, IReadOnlyList<string> fields, string detail, Exception? inner)
        : base("P2020", detail, model, fields, inner)
    {
    }
}

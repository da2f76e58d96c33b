namespace Linq;

/// <summary>P2000: a value is too long for its column.</summary>
public sealed class ValueTooLongException : LinqRequestException
{
    /// <summary>Creates the exception for a database error (SQLSTATE 22001), which does not name the column.</summary>
    public ValueTooLongException(string? model, IReadOnlyList<string> fields, Exception? inner)
        : base("P2000", $"The value is too long for a column of model {model ?? "?"}.", model, fields, inner)
    {
    }

    /// <summary>Creates the exception for a value refused before it was sent, naming the column.</summary>
    public ValueTooLongException(string model, string field, string column, int maxLength, int length)
        : base("P2000", $"The value is too long for column \"{column}\" ({model}.{field} holds at most {maxLength} characters; the value has {length}).", model, [field], null)
    {
        MaxLength = maxLength;
    }

    /// <summary>The column's maximum length, when the value was refused before it was sent.</summary>
    public int? MaxLength { get; }
}

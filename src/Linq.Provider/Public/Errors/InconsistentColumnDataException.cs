namespace Linq;

/// <summary>
/// P2023: a stored value cannot be read as the model's .NET type (a <c>numeric</c> beyond <see cref="decimal"/>'s range,
/// an infinite timestamp, …), typically written by raw SQL, another client or a migration. Names the column and the
/// row's position in the result, never the value; other rows and other columns of the table stay readable.
/// </summary>
public sealed class InconsistentColumnDataException : LinqRequestException
{
    internal InconsistentColumnDataException(string column, string storeType, int row, Exception inner)
        : base("P2023", $"The value of column \"{column}\" ({storeType}) in row {row} of the result cannot be read as the model's type: {inner.GetType().Name}. "
            + "It was stored outside the property's .NET range (by raw SQL, another client or a migration); fix the row, or widen the property's type.",
            null, [column], inner)
    {
        Column = column;
        Row = row;
    }

    /// <summary>The result column whose value could not be read.</summary>
    public string Column { get; }

    /// <summary>The zero-based position of the row in the statement's result.</summary>
    public int Row { get; }
}

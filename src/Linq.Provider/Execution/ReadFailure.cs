using Npgsql;

namespace Linq.Execution;

/// <summary>
/// A row the shaper could not read: finds the column whose stored value does not fit its .NET type, so the error
/// names it (and the row) instead of surfacing a bare <see cref="OverflowException"/> from deep inside Npgsql.
/// </summary>
internal static class ReadFailure
{
    /// <summary>What reading fails with when a stored value is out of the model type's range.</summary>
    public static bool IsValueError(Exception error) => error is OverflowException or InvalidCastException or FormatException;

    public static Exception Describe(NpgsqlDataReader reader, int row, Exception error)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            try
            {
                _ = reader.GetValue(i);
            }
            catch (Exception field) when (IsValueError(field))
            {
                return new InconsistentColumnDataException(reader.GetName(i), reader.GetDataTypeName(i), row, error);
            }
        }

        // Every column reads as its default type: the value failed inside a relation's JSON or a conversion.
        return new InconsistentColumnDataException(reader.FieldCount == 1 ? reader.GetName(0) : "?", reader.FieldCount == 1 ? reader.GetDataTypeName(0) : "?", row, error);
    }
}

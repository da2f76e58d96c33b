using Npgsql;

namespace Linq.Execution;

/// <summary>
/// A row the shaper could not read: finds the column whose stored value does not fit its .NET type, so the error
/// names it (and the row) instead of surfacing a bare <see cref="OverflowException"/> from deep inside Npgsql.
/// </summary>
internal static class ReadFailure
{
    /// <summary>What reading fails with when a stored value is out of the model type's range.</summary>
    private static bool IsValueError(Exception error) => error is OverflowException or InvalidCastException or FormatException or IndexOutOfRangeException;

    /// <summary>
    /// The typed error for a failed read of the current row, or null when <paramref name="error"/> should go on as it is
    /// (not a value error, or a mapping mismatch its reader already described). Used as an exception filter, so the
    /// reader is still on the row.
    /// </summary>
    public static InconsistentColumnDataException? Describe(NpgsqlDataReader reader, int row, Exception error)
    {
        if (!IsValueError(error))
        {
            return null;
        }

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

        // Every column reads as its own type. A cast error is then a mapping mismatch that its reader already described
        // (raw SQL names column and member); an overflow failed inside a relation's JSON. An index error is a value error
        // only when a column fails with it (Npgsql's numeric reader fails so on some numbers beyond decimal, such as
        // 59421121885698253195157962752.0, a whole number kept with a place); otherwise it is a bug and goes on as it is.
        return error is InvalidCastException or IndexOutOfRangeException
            ? null
            : new InconsistentColumnDataException(reader.FieldCount == 1 ? reader.GetName(0) : "?", reader.FieldCount == 1 ? reader.GetDataTypeName(0) : "?", row, error);
    }
}

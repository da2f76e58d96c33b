using Linq.Contract;
using Npgsql;

namespace Linq.RawSql;

/// <summary>
/// Reads the first column of each row as <typeparamref name="T"/>. NULL reads as null for reference and
/// <c>Nullable&lt;&gt;</c> types and is an error naming the column for other value types. The server type is
/// checked at the first row.
/// </summary>
internal sealed class ScalarRowReader<T>
{
    private bool _checked;

    public T Read(NpgsqlDataReader reader)
    {
        if (!_checked)
        {
            Check(reader);
            _checked = true;
        }

        // Null for reference types and Nullable<>; the JIT drops the test for other value types.
        if (default(T) is null && reader.IsDBNull(0))
        {
            return default!;
        }

        try
        {
            return reader.GetFieldValue<T>(0);
        }
        catch (Exception error) when (error is InvalidCastException or OverflowException)
        {
            throw SqlResultColumns.Errors.Read(reader, 0, reader.GetName(0), Target, TypeNames.Display(typeof(T)), error);
        }
    }

    private static string Target => "the result type of QueryRawAsync<" + TypeNames.Display(typeof(T)) + ">";

    private static void Check(NpgsqlDataReader reader)
    {
        if (reader.FieldCount == 0)
        {
            throw RawSqlErrors.NoColumns(TypeNames.Display(typeof(T)));
        }

        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (!SqlResultColumns.ColumnTypes.CanRead(type, reader.GetDataTypeName(0)))
        {
            throw SqlResultColumns.Errors.Mismatch(reader.GetName(0), reader.GetDataTypeName(0), Target, TypeNames.Display(typeof(T)));
        }
    }
}

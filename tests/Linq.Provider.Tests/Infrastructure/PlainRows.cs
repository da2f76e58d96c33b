using Npgsql;

namespace Linq.Provider.Tests.Infrastructure;

/// <summary>
/// Reads rows with plain Npgsql, bypassing the provider: the expected side of a correctness test must not go
/// through the materializers under test, or a bug in them would hide on both sides of the comparison.
/// </summary>
public static class PlainRows
{
    /// <summary>Runs <paramref name="sql"/> (no parameters) and maps every row with <paramref name="map"/>.</summary>
    public static async Task<List<T>> ReadAsync<T>(string connectionString, string sql, Func<PlainRow, T> map)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var row = new PlainRow(reader);
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(map(row));
        }

        return rows;
    }

    /// <summary>One scalar read with plain Npgsql (counts and sums computed by PostgreSQL itself).</summary>
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>The current row of a reader; columns are found by name, so the SQL's column order does not matter.</summary>
public sealed class PlainRow(NpgsqlDataReader reader)
{
    /// <summary>A NOT NULL column (a NULL fails the test: the schema or the seed is not what the test assumes).</summary>
    public T Get<T>(string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal)
            ? throw new InvalidOperationException($"Column {column} is NULL where the test expects a value.")
            : reader.GetFieldValue<T>(ordinal);
    }

    /// <summary>A nullable column of a value type.</summary>
    public T? Value<T>(string column) where T : struct
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
    }

    /// <summary>A nullable column of a reference type.</summary>
    public T? Ref<T>(string column) where T : class
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
    }

    /// <summary>An enum column read as its label (the query casts it to text), parsed by name.</summary>
    public TEnum Enum<TEnum>(string column) where TEnum : struct, System.Enum => System.Enum.Parse<TEnum>(Get<string>(column));

    /// <summary>A nullable enum column read as its label.</summary>
    public TEnum? EnumN<TEnum>(string column) where TEnum : struct, System.Enum
    {
        var label = Ref<string>(column);
        return label is null ? null : System.Enum.Parse<TEnum>(label);
    }
}

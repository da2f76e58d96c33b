using Npgsql;

namespace Linq.WebApi.Tests.Infrastructure;

/// <summary>Reads and writes with plain Npgsql, bypassing the service and the client under test.</summary>
internal static class Plain
{
    public static async Task<List<T>> ReadAsync<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> map, params object[] parameters)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params object[] parameters) =>
        (await ReadAsync(connectionString, sql, r => r.GetFieldValue<T>(0), parameters)).Single();

    public static async Task ExecuteAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync();
    }
}

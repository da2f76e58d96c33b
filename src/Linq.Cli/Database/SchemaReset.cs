using Npgsql;

namespace Linq.Cli.Database;

/// <summary>Empties a database's working schema: drops it with everything in it and creates it again.</summary>
internal static class SchemaReset
{
    /// <summary>The schema unqualified names live in: <c>current_schema()</c>, else the first schema of the search path, else <c>public</c>.</summary>
    public static async Task<string> CurrentSchemaAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce(current_schema(), (string_to_array(current_setting('search_path'), ','))[1])", connection);
        var value = (await command.ExecuteScalarAsync(cancellationToken)) as string;
        value = value?.Trim().Trim('"');
        return string.IsNullOrEmpty(value) || value == "$user" ? "public" : value;
    }

    /// <summary>Drops and recreates the current schema; every table, type and row in it is gone.</summary>
    public static async Task<string> ResetAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        await using var connection = await target.OpenAsync(cancellationToken);
        var schema = await CurrentSchemaAsync(connection, cancellationToken);
        await using var command = new NpgsqlCommand(
            $"DROP SCHEMA IF EXISTS {DatabaseTarget.Quote(schema)} CASCADE; CREATE SCHEMA {DatabaseTarget.Quote(schema)};", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return schema;
    }

    /// <summary>Creates the current schema when the search path names one that does not exist yet.</summary>
    public static async Task<string> EnsureSchemaAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        await using var connection = await target.OpenAsync(cancellationToken);
        var schema = await CurrentSchemaAsync(connection, cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS {DatabaseTarget.Quote(schema)}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return schema;
    }
}

using Npgsql;

namespace Linq.Provider.Tests.Querying;

/// <summary>A user as stored, read with plain Npgsql.</summary>
internal sealed record UserRow(int Id, string Email, string? Name, string Role);

/// <summary>A post as stored, read with plain Npgsql.</summary>
internal sealed record PostRow(int Id, string Title, string? Content, bool Published, int AuthorId);

/// <summary>
/// The users and posts of a <see cref="QueryFixture"/> read with plain Npgsql (not through the provider), in primary-key
/// order: the source of the expected results, computed with LINQ-to-Objects.
/// </summary>
internal sealed class StoredRows
{
    public List<UserRow> Users { get; } = [];

    public List<PostRow> Posts { get; } = [];

    public static async Task<StoredRows> LoadAsync(string connectionString)
    {
        var rows = new StoredRows();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand("SELECT \"Id\", \"Email\", \"Name\", \"Role\"::text FROM \"User\" ORDER BY \"Id\"", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Users.Add(new UserRow(reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3)));
            }
        }

        await using (var command = new NpgsqlCommand("SELECT \"Id\", \"Title\", \"Content\", \"Published\", \"AuthorId\" FROM \"Post\" ORDER BY \"Id\"", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Posts.Add(new PostRow(reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3), reader.GetInt32(4)));
            }
        }

        return rows;
    }
}

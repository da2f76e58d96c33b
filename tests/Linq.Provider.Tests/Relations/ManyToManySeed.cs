using Npgsql;

namespace Linq.Provider.Tests.Relations;

/// <summary>
/// Articles, labels and their links written and read back with plain Npgsql (never through the provider), so the tests'
/// expectations are computed with LINQ-to-Objects independently of the code under test.
/// </summary>
internal sealed class ManyToManySeed
{
    public List<(int Id, string Title, int? Rank)> Articles { get; } = [];

    public List<(int Id, string Name, int? Weight)> Labels { get; } = [];

    public List<(int Article, int Label)> Links { get; } = [];

    public IEnumerable<(int Id, string Name, int? Weight)> LabelsOf(int article) =>
        Labels.Where(l => Links.Contains((article, l.Id)));

    public IEnumerable<(int Id, string Title, int? Rank)> ArticlesOf(int label) =>
        Articles.Where(a => Links.Contains((a.Id, label)));

    /// <summary>Writes 15 articles (nullable ranks), 12 labels (nullable weights) and an uneven pattern of links (some articles and labels have none).</summary>
    public static async Task WriteAsync(string connectionString, string prefix)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var articles = new List<int>();
        var labels = new List<int>();
        for (var i = 0; i < 15; i++)
        {
            await using var command = new NpgsqlCommand("INSERT INTO \"Article\" (\"Title\", \"Rank\") VALUES ($1, $2) RETURNING \"Id\"", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"{prefix}-A{i:00}" });
            command.Parameters.Add(new NpgsqlParameter { Value = i % 3 == 0 ? DBNull.Value : i % 5, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
            articles.Add((int)(await command.ExecuteScalarAsync())!);
        }

        for (var i = 0; i < 12; i++)
        {
            await using var command = new NpgsqlCommand("INSERT INTO \"Label\" (\"Name\", \"Weight\") VALUES ($1, $2) RETURNING \"Id\"", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"{prefix}-L{(i * 5) % 12:00}" });
            command.Parameters.Add(new NpgsqlParameter { Value = i % 4 == 0 ? DBNull.Value : i, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
            labels.Add((int)(await command.ExecuteScalarAsync())!);
        }

        for (var a = 0; a < articles.Count; a++)
        {
            for (var l = 0; l < labels.Count; l++)
            {
                if (a % 7 != 6 && (a * 3 + l * 5) % 7 < 3 && l != 11)
                {
                    await using var command = new NpgsqlCommand("INSERT INTO \"_ArticleToLabel\" (\"A\", \"B\") VALUES ($1, $2)", connection);
                    command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = articles[a] });
                    command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = labels[l] });
                    await command.ExecuteNonQueryAsync();
                }
            }
        }
    }

    /// <summary>Reads the rows whose title or name starts with <paramref name="prefix"/>, and their links.</summary>
    public static async Task<ManyToManySeed> ReadAsync(string connectionString, string prefix)
    {
        var seed = new ManyToManySeed();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand("SELECT \"Id\", \"Title\", \"Rank\" FROM \"Article\" WHERE \"Title\" LIKE $1", connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = prefix + "-%" });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                seed.Articles.Add((reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2)));
            }
        }

        await using (var command = new NpgsqlCommand("SELECT \"Id\", \"Name\", \"Weight\" FROM \"Label\" WHERE \"Name\" LIKE $1", connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = prefix + "-%" });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                seed.Labels.Add((reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2)));
            }
        }

        await using (var command = new NpgsqlCommand("SELECT \"A\", \"B\" FROM \"_ArticleToLabel\"", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                seed.Links.Add((reader.GetInt32(0), reader.GetInt32(1)));
            }
        }

        return seed;
    }
}

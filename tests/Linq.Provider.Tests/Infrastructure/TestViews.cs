using Npgsql;

namespace Linq.Provider.Tests.Infrastructure;

/// <summary>
/// The views of the test schema. Migrations do not manage views, so the template database gets them here, after the
/// tables are pushed, as a user would in a migration's SQL.
/// </summary>
internal static class TestViews
{
    public const string ArticleStats = """
        CREATE VIEW article_stats AS
        SELECT a."Id" AS "ArticleId", a."Title",
               (SELECT count(*) FROM "_ArticleToLabel" j WHERE j."A" = a."Id") AS "LabelCount",
               (SELECT max(l."Weight") FROM "_ArticleToLabel" j JOIN "Label" l ON l."Id" = j."B" WHERE j."A" = a."Id") AS "TopWeight"
        FROM "Article" a
        """;

    public static async Task CreateAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(ArticleStats, connection);
        await command.ExecuteNonQueryAsync();
    }
}

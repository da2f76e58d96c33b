using Npgsql;

namespace Linq.LocalPostgres;

/// <summary>
/// Turns the value of a database environment variable into an Npgsql keyword connection string. The parsing is
/// Linq.Provider's (<see cref="LinqDatabaseOptions.UseNpgsql"/>: <c>postgresql://</c> and <c>postgres://</c> URLs or
/// a keyword string), so the variables take exactly what the product takes; this adds the default database and
/// names the variable in errors. Error messages never contain the value, since it may hold a password.
/// </summary>
internal static class DatabaseUrlConverter
{
    private const string DefaultDatabase = "postgres";

    /// <summary>Converts <paramref name="value"/>; <paramref name="variableName"/> is only used in error messages.</summary>
    public static string ToConnectionString(string value, string variableName)
    {
        string keywordForm;
        try
        {
            keywordForm = new LinqDatabaseOptions().UseNpgsql(value).ConnectionString!;
        }
        catch (ArgumentException ex)
        {
            // The parser's messages never quote the value, so the reason can be passed on; the exception itself is not
            // attached, in case a future one carries more.
            throw new InvalidOperationException($"The environment variable {variableName} does not hold a usable PostgreSQL connection: {ex.Message}");
        }

        var builder = new NpgsqlConnectionStringBuilder(keywordForm);
        if (string.IsNullOrEmpty(builder.Database))
        {
            builder.Database = DefaultDatabase;
        }

        return builder.ConnectionString;
    }
}

using Linq.Cli.Configuration;
using Linq.Cli.Output;
using Npgsql;

namespace Linq.Cli.Database;

/// <summary>
/// A database the tool connects to: the connection string in Npgsql keyword form (parsed by the provider's one URL
/// parser) and a display form that never contains the user name or password.
/// </summary>
internal sealed class DatabaseTarget
{
    private DatabaseTarget(string connectionString, string source)
    {
        ConnectionString = connectionString;
        Source = source;
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Database = builder.Database ?? builder.Username ?? "postgres";
        Display = $"{builder.Host ?? "localhost"}:{(builder.Port == 0 ? 5432 : builder.Port)}/{Database}";
    }

    /// <summary>Npgsql keyword form, with the password: never print it.</summary>
    public string ConnectionString { get; }

    /// <summary>Where the URL came from: <c>--url</c> or an environment variable's name.</summary>
    public string Source { get; }

    /// <summary>The database name.</summary>
    public string Database { get; }

    /// <summary><c>host:port/database</c>, for messages.</summary>
    public string Display { get; }

    /// <summary>Parses a URL or keyword string with the provider's parser; its messages never contain the password.</summary>
    public static DatabaseTarget Parse(string value, string source)
    {
        string keywords;
        try
        {
            keywords = new LinqDatabaseOptions().UseNpgsql(value).ConnectionString!;
        }
        catch (ArgumentException ex)
        {
            throw new CliException($"{source} is not a usable connection URL: {ex.Message.Split(" (Parameter")[0]}");
        }

        var builder = new NpgsqlConnectionStringBuilder(keywords);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "linq";
        }

        return new DatabaseTarget(builder.ConnectionString, source);
    }

    /// <summary>
    /// The database to work on: <c>--url</c>, else the direct URL variable (<c>DIRECT_URL</c>: migrations need a session,
    /// which a transaction-mode pooler does not keep), else the database URL variable (<c>DATABASE_URL</c>).
    /// </summary>
    public static DatabaseTarget Resolve(string? url, LinqConfig config)
    {
        if (!string.IsNullOrWhiteSpace(url))
        {
            return Parse(url, "--url");
        }

        foreach (var variable in new[] { config.DirectUrlVariable, config.DatabaseUrlVariable })
        {
            var value = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return Parse(value, variable);
            }
        }

        throw new CliException($"No database given: set {config.DatabaseUrlVariable} (or {config.DirectUrlVariable} for a direct connection "
            + $"when {config.DatabaseUrlVariable} goes through a pooler), or pass --url.");
    }

    /// <summary>The same server with another database.</summary>
    public DatabaseTarget WithDatabase(string database, string source)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database };
        return new DatabaseTarget(builder.ConnectionString, source);
    }

    /// <summary>The same database with <paramref name="schema"/> as the only schema of the search path (its current schema).</summary>
    public DatabaseTarget WithSearchPath(string schema)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = "\"" + schema.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" };
        return new DatabaseTarget(builder.ConnectionString, Source);
    }

    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(ConnectionString);

    /// <summary>An unpooled connection (nothing lingers on the database afterwards).</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates the database when the server says it does not exist (as a first <c>migrate dev</c> or <c>db push</c> expects).</summary>
    public async Task EnsureExistsAsync(Terminal terminal, CancellationToken cancellationToken)
    {
        try
        {
            await using var probe = await OpenAsync(cancellationToken);
            return;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
        }

        var maintenance = WithDatabase("postgres", Source);
        await using (var connection = await maintenance.OpenAsync(cancellationToken))
        {
            await using var command = new NpgsqlCommand("CREATE DATABASE " + Quote(Database), connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        terminal.Line($"Created database {Display}.");
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}

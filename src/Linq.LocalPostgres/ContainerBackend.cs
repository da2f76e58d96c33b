using Npgsql;
using Testcontainers.PostgreSql;

namespace Linq.LocalPostgres;

/// <summary>A throwaway server in a Docker container started by Testcontainers.</summary>
internal sealed class ContainerBackend : IServerBackend
{
    /// <summary>The image used; the same major version as the local clusters on the CI machines.</summary>
    public const string Image = "postgres:15-alpine";

    private readonly PostgreSqlContainer _container;

    private ContainerBackend(PostgreSqlContainer container, string connectionString)
    {
        _container = container;
        ConnectionString = connectionString;
    }

    /// <inheritdoc />
    public string ConnectionString { get; }

    /// <inheritdoc />
    public string Source => "testcontainers";

    /// <summary>Starts a container; the caller disposes the result.</summary>
    public static async Task<ContainerBackend> StartAsync(CancellationToken cancellationToken)
    {
        var password = Secrets.NewPassword();
        var container = new PostgreSqlBuilder(Image)
            .WithDatabase("postgres")
            .WithUsername("postgres")
            .WithPassword(password)
            .WithCommand("-c", "max_connections=200")
            .Build();
        try
        {
            await container.StartAsync(cancellationToken).ConfigureAwait(false);
            var builder = new NpgsqlConnectionStringBuilder(container.GetConnectionString()) { Database = "postgres" };
            return new ContainerBackend(container, builder.ConnectionString);
        }
        catch
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _container.DisposeAsync();

    /// <inheritdoc />
    public void Dispose() => _container.DisposeAsync().AsTask().GetAwaiter().GetResult();
}

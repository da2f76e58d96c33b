using Linq.Migrations;
using Linq.Migrations.History;
using Npgsql;

namespace Linq;

/// <summary>
/// Applies the migrations <c>linq migrate dev</c> wrote, for services that migrate at start-up: the same advisory lock,
/// history table (<c>_linq_migrations</c>) and checks as <c>linq migrate deploy</c>. Several instances starting at once
/// apply each migration once; a changed applied migration or a failed one stops the deploy with a
/// <see cref="Linq.Migrations.MigrationException"/>.
/// </summary>
/// <remarks>
/// The migrations come from <see cref="LinqDatabaseOptions.MigrationsAssembly"/> (embedded resources) when set,
/// otherwise from <see cref="LinqDatabaseOptions.MigrationsDirectory"/> or the folder given to a call. Deploy connects
/// through <see cref="LinqDatabaseOptions.MigrationsConnectionString"/> when set (a direct connection, not a
/// transaction-mode pooler), otherwise through the client's pool.
/// </remarks>
public sealed class MigrationManager
{
    private readonly LinqDatabase _database;

    internal MigrationManager(LinqDatabase database) => _database = database;

    /// <summary>Applies every pending migration of the configured source, in order, each in its own transaction.</summary>
    /// <param name="cancellationToken">Cancels waiting for the lock or the running migration (which is then rolled back).</param>
    /// <returns>The migrations applied (empty when the database was up to date), and those recorded but missing from the source.</returns>
    /// <exception cref="Linq.Migrations.MigrationException">A migration failed, was changed after it was applied, or an earlier one is recorded as failed.</exception>
    /// <exception cref="DirectConnectionRequiredException">The client goes through a transaction-mode pooler and no migrations connection is set.</exception>
    public Task<DeployResult> DeployAsync(CancellationToken cancellationToken = default) => DeployAsync(Source(null), cancellationToken);

    /// <summary>Applies every pending migration of the folder <paramref name="directory"/>, in order.</summary>
    /// <param name="directory">The migrations folder; a relative path resolves against <see cref="AppContext.BaseDirectory"/>.</param>
    /// <param name="cancellationToken">Cancels waiting for the lock or the running migration (which is then rolled back).</param>
    /// <exception cref="Linq.Migrations.MigrationException">A migration failed, was changed after it was applied, or an earlier one is recorded as failed.</exception>
    /// <exception cref="DirectConnectionRequiredException">The client goes through a transaction-mode pooler and no migrations connection is set.</exception>
    public Task<DeployResult> DeployAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return DeployAsync(Source(directory), cancellationToken);
    }

    /// <summary>Where the database stands against the configured source: applied, pending, failed, modified and missing migrations.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<MigrationStatus> StatusAsync(CancellationToken cancellationToken = default) => StatusAsync(Source(null), cancellationToken);

    /// <summary>Where the database stands against the folder <paramref name="directory"/>.</summary>
    /// <param name="directory">The migrations folder; a relative path resolves against <see cref="AppContext.BaseDirectory"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<MigrationStatus> StatusAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return StatusAsync(Source(directory), cancellationToken);
    }

    private async Task<DeployResult> DeployAsync(Func<NpgsqlDataSource, MigrationDeployer> deployer, CancellationToken cancellationToken)
    {
        var result = await RunAsync(deployer, d => d.DeployAsync(cancellationToken), needsSession: true).ConfigureAwait(false);
        if (result.Applied.Count > 0)
        {
            // New enum types are readable and writable at once.
            await _database.DataSource.ReloadTypesAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private Task<MigrationStatus> StatusAsync(Func<NpgsqlDataSource, MigrationDeployer> deployer, CancellationToken cancellationToken) =>
        RunAsync(deployer, d => d.StatusAsync(cancellationToken), needsSession: false);

    // needsSession: deploy's advisory lock and lock_timeout live in the session; status only reads the history table.
    private async Task<T> RunAsync<T>(Func<NpgsqlDataSource, MigrationDeployer> deployer, Func<MigrationDeployer, Task<T>> action, bool needsSession)
    {
        var direct = _database.Options.MigrationsConnectionString;
        if (direct is null && needsSession && _database.Options.TransactionPooler)
        {
            // The lock would be taken on one server connection and the migrations run on others; say so before anything runs.
            throw new DirectConnectionRequiredException("Deploying migrations (under a session advisory lock)");
        }

        if (direct is null)
        {
            return await action(deployer(_database.DataSource)).ConfigureAwait(false);
        }

        await using var dataSource = NpgsqlDataSource.Create(direct);
        return await action(deployer(dataSource)).ConfigureAwait(false);
    }

    private Func<NpgsqlDataSource, MigrationDeployer> Source(string? directory)
    {
        var options = _database.Options;
        var deployerOptions = new MigrationDeployerOptions { LockTimeout = options.MigrationLockTimeout };
        if (directory is null && options.MigrationsAssembly is { } assembly)
        {
            var embedded = EmbeddedMigrations.Load(assembly);
            if (embedded.Count == 0)
            {
                throw new MigrationDirectoryException(
                    $"{assembly.GetName().Name} embeds no migrations: add <EmbeddedResource Include=\"migrations/**/migration.sql\" "
                    + "LogicalName=\"migrations/%(RecursiveDir)%(Filename)%(Extension)\" /> to its project.");
            }

            return dataSource => new MigrationDeployer(dataSource, embedded, deployerOptions);
        }

        // A misspelt folder would otherwise deploy nothing and say nothing.
        var path = Path.GetFullPath(directory ?? options.MigrationsDirectory, AppContext.BaseDirectory);
        if (!Directory.Exists(path))
        {
            throw new MigrationDirectoryException($"There is no migrations folder at {path}: set LinqDatabaseOptions.MigrationsDirectory, or copy the folder to the output.");
        }

        return dataSource => new MigrationDeployer(dataSource, new MigrationDirectory(path), deployerOptions);
    }
}

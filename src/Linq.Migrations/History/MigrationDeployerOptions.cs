namespace Linq.Migrations.History;

/// <summary>Options of <see cref="MigrationDeployer"/>.</summary>
public sealed class MigrationDeployerOptions
{
    /// <summary>
    /// How long <see cref="MigrationDeployer.DeployAsync"/> and <see cref="MigrationDeployer.ResolveAsync"/> wait for
    /// the advisory lock another deploy holds; null (the default) waits as long as it takes (cancel with the token).
    /// </summary>
    public TimeSpan? LockTimeout { get; init; }
}

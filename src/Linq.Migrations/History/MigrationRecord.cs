namespace Linq.Migrations.History;

/// <summary>What the history table says about a migration's latest attempt.</summary>
public enum MigrationRecordStatus
{
    /// <summary>It ran to the end (or was resolved as applied).</summary>
    Applied,

    /// <summary>It failed (or a run outside a transaction did not finish); deploy is blocked until it is resolved.</summary>
    Failed,

    /// <summary>It failed and was resolved as rolled back: the next deploy runs it again.</summary>
    RolledBack,
}

/// <summary>How a failed migration is resolved.</summary>
public enum MigrationResolution
{
    /// <summary>Its changes are in place (finished by hand): it counts as applied.</summary>
    Applied,

    /// <summary>Its changes are undone: the next deploy runs it again.</summary>
    RolledBack,
}

/// <summary>The latest row of the history table (<c>_linq_migrations</c>) for one migration.</summary>
/// <param name="Name">The migration name.</param>
/// <param name="Checksum">SHA-256 of the file as it was applied.</param>
/// <param name="StartedAt">When the attempt started.</param>
/// <param name="FinishedAt">When it finished, or null when it did not.</param>
/// <param name="Status">Applied, failed or rolled back.</param>
/// <param name="Logs">What happened: statement count and time, or the error.</param>
public sealed record MigrationRecord(string Name, string Checksum, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, MigrationRecordStatus Status, string? Logs);

/// <summary>Where a database stands against a migrations folder.</summary>
/// <param name="Applied">Applied migrations whose files are unchanged.</param>
/// <param name="Pending">Migrations in the folder not applied yet (including ones resolved as rolled back), in order.</param>
/// <param name="Failed">Migrations recorded as failed: they block deploy until resolved.</param>
/// <param name="Modified">Applied migrations whose file changed since: deploy refuses to run.</param>
/// <param name="Missing">Migrations recorded in the database with no file in the folder.</param>
/// <param name="History">The latest history row of every migration the database knows, in name order.</param>
public sealed record MigrationStatus(
    IReadOnlyList<string> Applied,
    IReadOnlyList<string> Pending,
    IReadOnlyList<string> Failed,
    IReadOnlyList<string> Modified,
    IReadOnlyList<string> Missing,
    IReadOnlyList<MigrationRecord> History)
{
    /// <summary>True when nothing is pending, failed, modified or missing: the database matches the folder.</summary>
    public bool IsUpToDate => Pending.Count == 0 && Failed.Count == 0 && Modified.Count == 0 && Missing.Count == 0;
}

/// <summary>What a deploy did.</summary>
/// <param name="Applied">The migrations this deploy applied, in order (empty when the database was up to date).</param>
/// <param name="Missing">Migrations recorded in the database with no file in the folder (reported, not an error).</param>
public sealed record DeployResult(IReadOnlyList<string> Applied, IReadOnlyList<string> Missing);

namespace Linq.Migrations;

/// <summary>
/// The base of every expected migration failure. Messages are one line, say what to do, and never contain a
/// connection string or password; the CLI prints <see cref="Exception.Message"/> and exits non-zero.
/// </summary>
public class MigrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line saying what happened and what to do.</param>
    /// <param name="migrationName">The migration concerned, if any.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public MigrationException(string message, string? migrationName = null, Exception? innerException = null)
        : base(message, innerException) => MigrationName = migrationName;

    /// <summary>The migration (folder name, e.g. <c>20250101120000_add_role</c>) concerned, or null.</summary>
    public string? MigrationName { get; }
}

/// <summary>The catalog could not be read into a schema model.</summary>
public sealed class IntrospectionException : MigrationException
{
    /// <summary>Creates the exception.</summary>
    public IntrospectionException(string message, Exception? innerException = null) : base(message, null, innerException)
    {
    }
}

/// <summary>The migrations folder holds something that is not a well-formed migration, or a new migration cannot be written.</summary>
public sealed class MigrationDirectoryException : MigrationException
{
    /// <summary>Creates the exception.</summary>
    public MigrationDirectoryException(string message, string? migrationName = null, Exception? innerException = null)
        : base(message, migrationName, innerException)
    {
    }
}

/// <summary>A migration's file changed after it was applied; deploy refuses to continue.</summary>
public sealed class MigrationModifiedException : MigrationException
{
    /// <summary>Creates the exception.</summary>
    public MigrationModifiedException(string migrationName, string filePath, string appliedChecksum, string fileChecksum)
        : base($"Migration '{migrationName}' was modified after it was applied: {filePath} has checksum {fileChecksum}, "
            + $"the database recorded {appliedChecksum}. Restore the file as it was applied; put new changes in a new migration.", migrationName)
    {
        FilePath = filePath;
        AppliedChecksum = appliedChecksum;
        FileChecksum = fileChecksum;
    }

    /// <summary>The changed file.</summary>
    public string FilePath { get; }

    /// <summary>The SHA-256 recorded when the migration was applied.</summary>
    public string AppliedChecksum { get; }

    /// <summary>The SHA-256 of the file now.</summary>
    public string FileChecksum { get; }
}

/// <summary>A migration failed while it was applied; it is recorded as failed.</summary>
public sealed class MigrationFailedException : MigrationException
{
    /// <summary>Creates the exception.</summary>
    public MigrationFailedException(string message, string migrationName, string? sqlState, int? line, bool rolledBack, Exception? innerException)
        : base(message, migrationName, innerException)
    {
        SqlState = sqlState;
        Line = line;
        RolledBack = rolledBack;
    }

    /// <summary>The PostgreSQL error code (SQLSTATE), when the server reported the error.</summary>
    public string? SqlState { get; }

    /// <summary>The line of the migration file where the failing statement starts, when known.</summary>
    public int? Line { get; }

    /// <summary>Whether the migration ran in a transaction that was rolled back, so the database is as it was before it.</summary>
    public bool RolledBack { get; }
}

/// <summary>An earlier migration is recorded as failed; nothing is deployed until it is resolved.</summary>
public sealed class MigrationBlockedException : MigrationException
{
    /// <summary>Creates the exception.</summary>
    public MigrationBlockedException(string migrationName)
        : base($"Migration '{migrationName}' failed earlier and blocks deploy: fix the database by hand, then mark it with "
            + $"'linq migrate resolve --applied {migrationName}' (the fix completed it) or '--rolled-back {migrationName}' (it will run again).", migrationName)
    {
    }
}

/// <summary>A resolve request that does not match the history (unknown migration, or not failed).</summary>
public sealed class MigrationResolveException : MigrationException
{
    /// <summary>Creates the exception.</summary>
    public MigrationResolveException(string message, string migrationName) : base(message, migrationName)
    {
    }
}

/// <summary>The migration advisory lock was not acquired in time: another deploy holds it.</summary>
public sealed class MigrationLockTimeoutException : MigrationException
{
    /// <summary>Creates the exception.</summary>
    public MigrationLockTimeoutException(string message, Exception? innerException = null) : base(message, null, innerException)
    {
    }
}

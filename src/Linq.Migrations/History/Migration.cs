using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Linq.Migrations.History;

/// <summary>
/// One migration: its name (the folder name, <c>yyyyMMddHHmmss_name</c>), its SQL and the SHA-256 of the file's
/// bytes. A file whose first line is <see cref="NoTransactionMarker"/> runs outside a transaction (for statements
/// such as <c>CREATE INDEX CONCURRENTLY</c> that refuse to run in one); every other migration runs in its own.
/// </summary>
public sealed partial class Migration
{
    /// <summary>The first line that makes a migration run outside a transaction.</summary>
    public const string NoTransactionMarker = "-- linq:no-transaction";

    private Migration(string name, string sql, string checksum, bool runsInTransaction, string? filePath)
    {
        Name = name;
        Sql = sql;
        Checksum = checksum;
        RunsInTransaction = runsInTransaction;
        FilePath = filePath;
    }

    /// <summary>The name, e.g. <c>20250101120000_add_user_role</c>; migrations run in ordinal order of their names.</summary>
    public string Name { get; }

    /// <summary>The SQL script (the file decoded as UTF-8).</summary>
    public string Sql { get; }

    /// <summary>SHA-256 of the file's bytes, lower-case hex.</summary>
    public string Checksum { get; }

    /// <summary>Whether the migration runs in a transaction (the file does not start with <see cref="NoTransactionMarker"/>).</summary>
    public bool RunsInTransaction { get; }

    /// <summary>The file it was read from, or null for a migration built in memory.</summary>
    public string? FilePath { get; }

    /// <summary>Where the migration comes from, for messages: the file path, or the name.</summary>
    public string Source => FilePath ?? Name;

    /// <summary>Builds a migration from a file's bytes (e.g. an embedded resource).</summary>
    /// <param name="name">The migration name, <c>yyyyMMddHHmmss_name</c> (letters, digits, <c>_</c> and <c>-</c> after the timestamp).</param>
    /// <param name="content">The file's bytes, UTF-8.</param>
    /// <param name="filePath">The file it was read from, for messages; null when there is none.</param>
    /// <exception cref="MigrationDirectoryException">The name is not a migration name, or the bytes are not UTF-8.</exception>
    public static Migration FromBytes(string name, ReadOnlySpan<byte> content, string? filePath = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValidName(name))
        {
            throw new MigrationDirectoryException(
                $"'{name}' is not a migration name: expected yyyyMMddHHmmss_name (14 digits, '_', then letters, digits, '_' or '-').", name);
        }

        string sql;
        try
        {
            sql = new UTF8Encoding(false, true).GetString(content);
        }
        catch (DecoderFallbackException ex)
        {
            throw new MigrationDirectoryException($"Migration '{name}' is not valid UTF-8: {filePath ?? name}.", name, ex);
        }

        if (sql.Length > 0 && sql[0] == '\uFEFF')
        {
            sql = sql[1..];
        }

        var checksum = Convert.ToHexStringLower(SHA256.HashData(content));
        var firstLine = sql.AsSpan();
        var end = firstLine.IndexOfAny('\r', '\n');
        if (end >= 0)
        {
            firstLine = firstLine[..end];
        }

        var runsInTransaction = !firstLine.Trim().Equals(NoTransactionMarker, StringComparison.Ordinal);
        return new Migration(name, sql, checksum, runsInTransaction, filePath);
    }

    /// <summary>Whether <paramref name="name"/> is a migration name: <c>yyyyMMddHHmmss_name</c>.</summary>
    public static bool IsValidName(string name) => name is not null && NamePattern().IsMatch(name);

    /// <inheritdoc />
    public override string ToString() => Name;

    [GeneratedRegex(@"^\d{14}_[A-Za-z0-9_-]+$")]
    private static partial Regex NamePattern();
}

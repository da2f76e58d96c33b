using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Linq.Migrations.History;

/// <summary>
/// A migrations folder: one sub-folder per migration, <c>&lt;yyyyMMddHHmmss&gt;_&lt;name&gt;/migration.sql</c>, applied in
/// ordinal order of the folder names. Files directly in the folder and folders starting with <c>.</c> are ignored;
/// any other folder must be a well-formed migration.
/// </summary>
public sealed partial class MigrationDirectory
{
    /// <summary>The file name of a migration's script inside its folder.</summary>
    public const string ScriptFileName = "migration.sql";

    /// <summary>Opens a migrations folder (it need not exist yet).</summary>
    /// <param name="path">The folder, e.g. <c>migrations</c>; relative paths resolve against the current directory.</param>
    public MigrationDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Whether the folder exists.</summary>
    public bool Exists => Directory.Exists(Path);

    /// <summary>Reads every migration, in order. A folder that does not exist has none.</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="MigrationDirectoryException">A sub-folder is not a migration name or has no <c>migration.sql</c>.</exception>
    public async Task<IReadOnlyList<Migration>> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (!Exists)
        {
            return [];
        }

        var migrations = new List<Migration>();
        foreach (var folder in Directory.GetDirectories(Path).Order(StringComparer.Ordinal))
        {
            var name = System.IO.Path.GetFileName(folder);
            if (name.StartsWith('.'))
            {
                continue;
            }

            var file = System.IO.Path.Combine(folder, ScriptFileName);
            if (!Migration.IsValidName(name))
            {
                throw new MigrationDirectoryException(
                    $"{folder} is not a migration folder: expected yyyyMMddHHmmss_name (14 digits, '_', then letters, digits, '_' or '-').", name);
            }

            if (!File.Exists(file))
            {
                throw new MigrationDirectoryException($"Migration '{name}' has no {ScriptFileName}: {file} is missing.", name);
            }

            var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            migrations.Add(Migration.FromBytes(name, bytes, file));
        }

        return migrations;
    }

    /// <summary>
    /// Writes a new migration, <c>&lt;timestamp&gt;_&lt;name&gt;/migration.sql</c> (UTF-8, no byte order mark), creating the
    /// folder as needed.
    /// </summary>
    /// <param name="name">The descriptive part, e.g. <c>add_user_role</c>: letters, digits, <c>_</c> and <c>-</c>.</param>
    /// <param name="sql">The script.</param>
    /// <param name="utcNow">The time stamp to use; null for now. Its UTC value is written as <c>yyyyMMddHHmmss</c>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="MigrationDirectoryException">The name is not valid, or a migration with that name exists.</exception>
    public async Task<Migration> CreateAsync(string name, string sql, DateTimeOffset? utcNow = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(sql);
        if (!DescriptivePart().IsMatch(name))
        {
            throw new MigrationDirectoryException($"'{name}' cannot name a migration: use letters, digits, '_' and '-' only.", name);
        }

        var full = (utcNow ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "_" + name;
        var folder = System.IO.Path.Combine(Path, full);
        if (Directory.Exists(folder))
        {
            throw new MigrationDirectoryException($"Migration '{full}' already exists: {folder}.", full);
        }

        Directory.CreateDirectory(folder);
        var file = System.IO.Path.Combine(folder, ScriptFileName);
        var bytes = new UTF8Encoding(false).GetBytes(sql);
        await File.WriteAllBytesAsync(file, bytes, cancellationToken).ConfigureAwait(false);
        return Migration.FromBytes(full, bytes, file);
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]+$")]
    private static partial Regex DescriptivePart();
}

using System.Reflection;

namespace Linq.Migrations.History;

/// <summary>
/// Migrations shipped inside an assembly as embedded resources named <c>migrations/&lt;name&gt;/migration.sql</c>, so a
/// service deploys from its own binary (no folder beside it). Embed them with
/// <c>&lt;EmbeddedResource Include="migrations/**/migration.sql" LogicalName="migrations/%(RecursiveDir)%(Filename)%(Extension)" /&gt;</c>.
/// </summary>
public static class EmbeddedMigrations
{
    /// <summary>The resource name prefix the loader looks for.</summary>
    public const string ResourcePrefix = "migrations/";

    /// <summary>Reads every embedded migration of <paramref name="assembly"/>, in name order.</summary>
    /// <param name="assembly">The assembly holding the resources.</param>
    /// <exception cref="MigrationDirectoryException">A resource under <c>migrations/</c> is not <c>&lt;name&gt;/migration.sql</c> with a migration name.</exception>
    public static IReadOnlyList<Migration> Load(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Order(StringComparer.Ordinal))
        {
            var normalized = resource.Replace('\\', '/');
            if (!normalized.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var parts = normalized[ResourcePrefix.Length..].Split('/');
            if (parts.Length != 2 || parts[1] != MigrationDirectory.ScriptFileName)
            {
                throw new MigrationDirectoryException(
                    $"Embedded resource '{resource}' of {assembly.GetName().Name} is not a migration: expected migrations/<yyyyMMddHHmmss_name>/{MigrationDirectory.ScriptFileName}.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            migrations.Add(Migration.FromBytes(parts[0], memory.ToArray(), assembly.GetName().Name + ":" + normalized));
        }

        return migrations.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
    }
}

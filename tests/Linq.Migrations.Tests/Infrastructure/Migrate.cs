using Linq.Migrations.Diffing;
using Linq.Migrations.History;
using Linq.Migrations.Introspection;

namespace Linq.Migrations.Tests.Infrastructure;

/// <summary>Diff a database against a target, apply the rendered script as a migration, check that nothing is left to do.</summary>
internal static class Migrate
{
    private static int _sequence;

    public static async Task<IReadOnlyList<SchemaOperation>> ToAsync(TestDatabase db, SchemaDefinition target, IReadOnlyList<string>? schemas = null)
    {
        var options = new IntrospectionOptions { Schemas = schemas ?? [] };
        var diffOptions = new SchemaDiffOptions { CurrentSchema = "public" };
        var operations = SchemaDiffer.Diff(await db.IntrospectAsync(options), target, diffOptions);
        if (operations.Count > 0)
        {
            var name = "20250101" + Interlocked.Increment(ref _sequence).ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + "_step";
            var migration = Migration.FromBytes(name, System.Text.Encoding.UTF8.GetBytes(MigrationScript.Create(operations)));
            await new MigrationDeployer(db.DataSource, [migration]).DeployAsync();
            await db.DataSource.ReloadTypesAsync();
        }

        var remaining = SchemaDiffer.Diff(await db.IntrospectAsync(options), target, diffOptions);
        Assert.True(remaining.Count == 0, "Still to do after applying:\n" + string.Join("\n", remaining) + "\nApplied:\n" + DdlRenderer.Script(operations));
        return operations;
    }
}

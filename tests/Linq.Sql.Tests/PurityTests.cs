namespace Linq.Sql.Tests;

/// <summary>
/// Linq.Sql is the pure SQL tree and renderer: it knows nothing of the driver (Npgsql) or of LINQ expression trees.
/// The source is scanned by the provider's layout tests (usings and qualified names, rule "Linq.Sql"); this checks the
/// compiled assembly, which also catches what a source scan cannot see.
/// </summary>
public sealed class PurityTests
{
    [Fact]
    public void The_assembly_references_neither_Npgsql_nor_System_Linq_Expressions()
    {
        var references = typeof(PostgresRenderer).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        Assert.Contains("System.Runtime", references);
        Assert.DoesNotContain(references, r => r.StartsWith("Npgsql", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(references, r => r.StartsWith("System.Linq.Expressions", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Remotion", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_schema_model_is_public()
    {
        // Users and generated code need the schema model (db.Schema.Definition, migrations); the SQL tree and the
        // renderer are implementation, shared with the provider and migrations through InternalsVisibleTo.
        var exported = typeof(PostgresRenderer).Assembly.GetExportedTypes().Select(t => t.FullName ?? t.Name).ToList();

        Assert.NotEmpty(exported);
        Assert.All(exported, name => Assert.StartsWith("Linq.Sql.Schema.", name, StringComparison.Ordinal));
    }
}

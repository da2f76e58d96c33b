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
}

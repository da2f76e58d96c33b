using System.Reflection;
using System.Runtime.Loader;
using Linq.Sql.Schema;

namespace Linq.Generators.Tests;

/// <summary>The design-time entry point the linq tool reads from a built assembly.</summary>
public class DesignTimeTests
{
    [Fact]
    public void TheEntryPointNamesTheDatabasesAndReturnsTheirSchema()
    {
        var run = GeneratorHarness.Run(ValidModelTests.BlogSource);
        Assert.True(run.CompilationErrors.Count == 0, GeneratorRun.Describe(run.CompilationErrors));
        var source = run.GeneratedSources.Single(s => s.HintName == "Linq.Generated.LinqDesignTime.g.cs").SourceText.ToString();
        Assert.Contains("internal static class LinqDesignTime", source, StringComparison.Ordinal);

        // Load the built assembly as the tool does and call the one well-known type; Linq.Sql is shared with this process.
        using var image = new MemoryStream();
        var emitted = run.Output.WithAssemblyName("DesignTimeInput").Emit(image);
        Assert.True(emitted.Success, GeneratorRun.Describe(emitted.Diagnostics));
        var context = new AssemblyLoadContext("design-time", isCollectible: true);
        try
        {
            image.Position = 0;
            var assembly = context.LoadFromStream(image);
            var entry = assembly.GetType("Linq.Generated.LinqDesignTime", throwOnError: true)!;
            Assert.Equal(1, entry.GetField("Version")!.GetRawConstantValue());
            var databases = (string[])entry.GetMethod("Databases")!.Invoke(null, null)!;
            Assert.Equal(["BlogDb"], databases);
            var schema = (SchemaDefinition)entry.GetMethod("GetSchema")!.Invoke(null, ["BlogDb"])!;
            Assert.Equal(["Account", "Post", "Profile", "User", "comments"], schema.Tables.Select(t => t.Name).Order(StringComparer.Ordinal));
            Assert.Equal(["Role"], schema.Enums.Select(e => e.Name));

            var unknown = Assert.Throws<TargetInvocationException>(() => entry.GetMethod("GetSchema")!.Invoke(null, ["Other"]));
            Assert.IsType<ArgumentException>(unknown.InnerException);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void AnAssemblyWithoutADatabaseGetsNoEntryPoint()
    {
        var run = GeneratorHarness.Run("""
            namespace App
            {
                [Model]
                public partial class Note
                {
                    [Id] public int Id { get; set; }
                }
            }
            """);
        Assert.DoesNotContain(run.HintNames, h => h.Contains("LinqDesignTime", StringComparison.Ordinal));
    }
}

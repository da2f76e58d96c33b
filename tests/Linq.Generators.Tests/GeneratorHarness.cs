using System.Collections.Immutable;
using Linq.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Linq.Generators.Tests;

/// <summary>The outcome of running <see cref="LinqGenerator"/> over some source files.</summary>
internal sealed record GeneratorRun(
    CSharpCompilation Input,
    Compilation Output,
    GeneratorDriver Driver,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> CompilationDiagnostics,
    ImmutableArray<GeneratedSourceResult> GeneratedSources)
{
    /// <summary>Errors of the compilation after the generated sources were added.</summary>
    public IReadOnlyList<Diagnostic> CompilationErrors =>
        CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    public IEnumerable<string> HintNames => GeneratedSources.Select(s => s.HintName);

    /// <summary>The text the diagnostic's location spans in the input sources.</summary>
    public string SpannedText(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var tree = Input.SyntaxTrees.Single(t => t.FilePath == span.Path);
        return tree.GetText().ToString(diagnostic.Location.SourceSpan);
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
}

/// <summary>Compiles C# source against Linq.Provider and runs the generator over it.</summary>
internal static class GeneratorHarness
{
    /// <summary>What the SDK's implicit usings and the Linq namespace give a real project.</summary>
    private const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Linq;
        global using System.Threading.Tasks;
        global using Linq;
        """;

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>The path of the <paramref name="index"/>th source file passed to <see cref="CreateCompilation"/>.</summary>
    public static string SourcePath(int index) => "Source" + index + ".cs";

    public static CSharpCompilation CreateCompilation(params string[] sources)
    {
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, SourcePath(i)))
            .Append(CSharpSyntaxTree.ParseText(GlobalUsings, ParseOptions, "GlobalUsings.cs"));
        return CSharpCompilation.Create(
            "Linq.Generators.Tests.Input",
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    public static GeneratorDriver CreateDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new LinqGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static GeneratorRun Run(params string[] sources) => Run(CreateDriver(), CreateCompilation(sources));

    public static GeneratorRun Run(GeneratorDriver driver, CSharpCompilation input)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        return new GeneratorRun(input, output, driver, generatorDiagnostics, output.GetDiagnostics(), result.GeneratedSources);
    }

    // The test process runs on net10 with Linq.Provider, Linq.Sql and Npgsql next to it: its trusted platform
    // assemblies are what a consumer project compiles against.
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "";
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        foreach (var path in trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.OrdinalIgnoreCase))
            {
                paths.Add(path);
            }
        }

        paths.Add(typeof(Linq.ModelAttribute).Assembly.Location);
        paths.Add(typeof(Linq.Sql.Schema.SchemaDefinition).Assembly.Location);
        paths.Add(typeof(Npgsql.NpgsqlDataReader).Assembly.Location);

        // Types in Linq.Provider's public surface (options, logging) come from these.
        var referenced = typeof(Linq.ModelAttribute).Assembly.GetReferencedAssemblies()
            .Concat(typeof(Npgsql.NpgsqlDataReader).Assembly.GetReferencedAssemblies());
        foreach (var name in referenced)
        {
            var location = System.Reflection.Assembly.Load(name).Location;
            if (location.Length > 0)
            {
                paths.Add(location);
            }
        }

        return [.. paths.Order(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}

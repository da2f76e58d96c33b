using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Linq.Generators.Tests;

/// <summary>Edits that do not touch a model must leave the generator's output cached.</summary>
public class IncrementalityTests
{
    private const string Unrelated = """
        namespace Blog.Services
        {
            public static class Clock
            {
                public static DateTime Now() => DateTime.UtcNow;
            }
        }
        """;

    [Fact]
    public void AddingAnUnrelatedFileKeepsTheOutputCached()
    {
        var compilation = GeneratorHarness.CreateCompilation(ValidModelTests.BlogSource);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        Assert.Equal(12, driver.GetRunResult().Results[0].GeneratedSources.Length);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(Unrelated, GeneratorHarness.ParseOptions, "Unrelated.cs"));
        driver = driver.RunGenerators(edited);
        var result = driver.GetRunResult().Results[0];

        Assert.Equal(12, result.GeneratedSources.Length);
        var outputs = result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.True(
            output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"output step ran with reason {output.Reason}"));
    }

    [Fact]
    public void EditingAModelRerunsTheOutput()
    {
        // The control for the test above: the tracking does see a real change.
        var compilation = GeneratorHarness.CreateCompilation(ValidModelTests.BlogSource);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var tree = compilation.SyntaxTrees[0];
        var text = tree.GetText().ToString().Replace("public string? Bio { get; set; }", "public string? Bio { get; set; }\n        public string? Website { get; set; }", StringComparison.Ordinal);
        Assert.NotEqual(tree.GetText().ToString(), text);
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text)));
        driver = driver.RunGenerators(edited);
        var result = driver.GetRunResult().Results[0];

        var reasons = result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs).Select(o => o.Reason).ToList();
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
        var profile = result.GeneratedSources.Single(s => s.HintName == "Blog.Models.Profile.Model.g.cs").SourceText.ToString();
        Assert.Contains("Website", profile);
    }

    [Fact]
    public void EditingAModelKeepsTheDesignTimeEntryPointCached()
    {
        // The entry point names the [Database] classes only: model edits do not re-emit it.
        var compilation = GeneratorHarness.CreateCompilation(ValidModelTests.BlogSource);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var tree = compilation.SyntaxTrees[0];
        var text = tree.GetText().ToString().Replace("public string? Bio { get; set; }", "public string? Bio { get; set; }\n        public string? Website { get; set; }", StringComparison.Ordinal);
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text))));
        var result = driver.GetRunResult().Results[0];

        Assert.Contains(result.GeneratedSources, s => s.HintName == "Linq.Generated.LinqDesignTime.g.cs");
        var names = result.TrackedSteps["LinqDesignTimeNames"].SelectMany(run => run.Outputs).ToList();
        Assert.NotEmpty(names);
        Assert.All(names, output => Assert.True(
            output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"design-time names step ran with reason {output.Reason}"));
    }
}

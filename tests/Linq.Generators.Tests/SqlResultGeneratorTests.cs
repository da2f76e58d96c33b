using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Linq.Generators.Tests;

/// <summary>
/// [SqlResult] types get a generated raw-SQL reader that compiles without warnings for every supported shape;
/// types the reader cannot be generated for are reported (LINQ015, LINQ016) at their declaration.
/// </summary>
public class SqlResultGeneratorTests
{
    private const string Shapes = """
        namespace App.Rows
        {
            public enum Kind { A, B }

            [SqlResult]
            public sealed record Positional(int Id, string Name, string? Note, DateTime CreatedAt, Kind Kind, int[] Numbers, List<string?> Tags);

            [SqlResult]
            public sealed class WithProperties
            {
                public int Id { get; set; }
                public required string Title { get; init; }
                public string? Subtitle { get; init; }
                public decimal Total { get; set; } = 1m;
                public string Computed => Title + Id;
                public long Field;
                public string? @class { get; set; }
                internal int Internal { get; set; }
                public int PrivateSetter { get; private set; }
            }

            [SqlResult]
            public readonly record struct Point(int X, [property: Map("y_value")] int Y, string Label = "none", Kind Kind = Kind.B, decimal Scale = 1.5m,
                double Ratio = double.NaN, string? Missing = null, long Big = -5, char Mark = '\'', bool Flag = true);

            [SqlResult]
            internal sealed class Primary(int id, string name)
            {
                public int Id { get; } = id;
                public string Name { get; } = name;
                public int Extra { get; set; }
            }

            public class Outer
            {
                [SqlResult]
                public sealed record Nested(int Id);

                [SqlResult]
                internal sealed class NestedClass
                {
                    public int Value { get; set; }
                }
            }

            public class Base
            {
                public int BaseValue { get; set; }
            }

            [SqlResult]
            public sealed class Derived : Base
            {
                public int Own { get; set; }
            }

            [SqlResult]
            public sealed class TwoConstructors
            {
                public TwoConstructors() { }
                public TwoConstructors(int value) => Value = value;
                public int Value { get; set; }
            }
        }
        """;

    [Fact]
    public void Every_shape_generates_a_reader_that_compiles_without_warnings()
    {
        var run = GeneratorHarness.Run(Shapes);

        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.CompilationErrors.Count == 0, GeneratorRun.Describe(run.CompilationErrors));
        Assert.Equal(
            [
                "App.Rows.Derived.SqlResult.g.cs",
                "App.Rows.Outer.Nested.SqlResult.g.cs",
                "App.Rows.Outer.NestedClass.SqlResult.g.cs",
                "App.Rows.Point.SqlResult.g.cs",
                "App.Rows.Positional.SqlResult.g.cs",
                "App.Rows.Primary.SqlResult.g.cs",
                "App.Rows.TwoConstructors.SqlResult.g.cs",
                "App.Rows.WithProperties.SqlResult.g.cs",
            ],
            run.HintNames.Order(StringComparer.Ordinal));

        var generated = run.Output.SyntaxTrees.Skip(run.Input.SyntaxTrees.Length).Select(t => t.FilePath).ToHashSet();
        var warnings = run.CompilationDiagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && generated.Contains(d.Location.GetLineSpan().Path))
            .ToList();
        Assert.True(warnings.Count == 0, GeneratorRun.Describe(warnings));
    }

    [Fact]
    public void Members_are_read_by_constructor_then_properties()
    {
        var run = GeneratorHarness.Run(Shapes);
        string Source(string name) => run.GeneratedSources.Single(s => s.HintName == "App.Rows." + name + ".SqlResult.g.cs").SourceText.ToString();

        var positional = Source("Positional");
        Assert.Contains("new global::App.Rows.Positional(c.Value<int>(reader, 0), c.Value<string>(reader, 1), c.ReferenceOrNull<string>(reader, 2), "
            + "c.Value<global::System.DateTime>(reader, 3), c.Value<global::App.Rows.Kind>(reader, 4), c.Value<int[]>(reader, 5), "
            + "c.Value<global::System.Collections.Generic.List<string?>>(reader, 6))", positional, StringComparison.Ordinal);
        Assert.Contains("new(\"Note\", \"Note\", typeof(string), \"string?\", true, true)", positional, StringComparison.Ordinal);

        var properties = Source("WithProperties");
        Assert.Contains("Title = c.Value<string>(reader, 1),", properties, StringComparison.Ordinal);
        Assert.Contains("Subtitle = c.ReferenceOrNull<string>(reader, 2),", properties, StringComparison.Ordinal);
        Assert.Contains("if (c.Has(0)) result.Id = c.Value<int>(reader, 0);", properties, StringComparison.Ordinal);
        Assert.Contains("if (c.Has(3)) result.Total = c.Value<decimal>(reader, 3);", properties, StringComparison.Ordinal);
        Assert.Contains("if (c.Has(4)) result.Field = c.Value<long>(reader, 4);", properties, StringComparison.Ordinal);
        Assert.Contains("result.@class = ", properties, StringComparison.Ordinal);
        Assert.Contains("result.Internal = ", properties, StringComparison.Ordinal);
        Assert.DoesNotContain("Computed", properties, StringComparison.Ordinal);
        Assert.DoesNotContain("PrivateSetter", properties, StringComparison.Ordinal);

        var point = Source("Point");
        Assert.Contains("new(\"Y\", \"y_value\", typeof(int), \"int\", false, true)", point, StringComparison.Ordinal);
        Assert.Contains("c.Has(2) ? c.Value<string>(reader, 2) : (string)(\"none\")", point, StringComparison.Ordinal);
        Assert.Contains("(global::App.Rows.Kind)(1)", point, StringComparison.Ordinal);
        Assert.Contains("(decimal)(1.5m)", point, StringComparison.Ordinal);
        Assert.Contains("double.NaN", point, StringComparison.Ordinal);

        Assert.Contains("new global::App.Rows.Primary(c.Value<int>(reader, 0), c.Value<string>(reader, 1))", Source("Primary"), StringComparison.Ordinal);
        Assert.Contains("result.Extra = ", Source("Primary"), StringComparison.Ordinal);
        Assert.Contains("result.BaseValue = ", Source("Derived"), StringComparison.Ordinal);
        Assert.Contains("new global::App.Rows.TwoConstructors()", Source("TwoConstructors"), StringComparison.Ordinal);
    }

    [Fact]
    public void Models_get_a_raw_sql_reader_matching_column_names()
    {
        var run = GeneratorHarness.Run(ValidModelTests.BlogSource);
        var comment = run.GeneratedSources.Single(s => s.HintName == "Blog.Models.Comment.RawSql.g.cs").SourceText.ToString();
        Assert.Contains("new(\"PostId\", \"post_id\", typeof(int), \"int\", false, true)", comment, StringComparison.Ordinal);
        Assert.Contains("[global::System.Runtime.CompilerServices.ModuleInitializer]", comment, StringComparison.Ordinal);
        Assert.Contains("Text = c.Value<string>(reader, 1),", comment, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[SqlResult] public sealed record Box<T>(T Value);", "Box", "Box", "is generic")]
    [InlineData("public class Outer<T> { [SqlResult] public sealed record Inner(int Id); }", "Inner", "Outer.Inner", "is nested in the generic type 'Outer'")]
    [InlineData("public class Host { [SqlResult] private sealed record Hidden(int Id); }", "Hidden", "Host.Hidden", "is private or protected")]
    [InlineData("public class Host { private class Middle { [SqlResult] public sealed record Deep(int Id); } }", "Deep", "Host.Middle.Deep", "is nested in the private or protected type 'Middle'")]
    [InlineData("[SqlResult] public abstract class Shape { public int Id { get; set; } }", "Shape", "Shape", "is abstract")]
    [InlineData("[SqlResult] public static class Helpers { }", "Helpers", "Helpers", "is static")]
    [InlineData("[SqlResult] public ref struct Span1 { public int Id { get; set; } }", "Span1", "Span1", "is a ref struct")]
    [InlineData("[Model, SqlResult] public partial class Item { [Id] public int Id { get; set; } }", "Item", "Item", "is a [Model]")]
    public void LINQ015_types_without_a_reader(string source, string at, string name, string reason)
    {
        var run = GeneratorHarness.Run(source);
        var d = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "LINQ015");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal(at, run.SpannedText(d));
        var message = d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("[SqlResult] type '" + name + "' " + reason, message, StringComparison.Ordinal);
        Assert.Contains("Make it a non-generic, non-abstract class, record or struct", message, StringComparison.Ordinal);
        Assert.DoesNotContain(run.HintNames, h => h.EndsWith(".SqlResult.g.cs", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[SqlResult] public sealed class Two { public Two(int a) { } public Two(string b) { } }", "Two", "2 public or internal constructors with parameters")]
    [InlineData("[SqlResult] public sealed class Closed { private Closed() { } public int Id { get; set; } }", "Closed", "no public or internal constructor")]
    public void LINQ016_no_constructor_to_call(string source, string at, string problem)
    {
        var run = GeneratorHarness.Run(source);
        var d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("LINQ016", d.Id);
        Assert.Equal(at, run.SpannedText(d));
        var message = d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'" + at + "' has " + problem, message, StringComparison.Ordinal);
        Assert.Contains("Give it a parameterless constructor", message, StringComparison.Ordinal);
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void Editing_another_file_keeps_the_reader_cached()
    {
        var compilation = GeneratorHarness.CreateCompilation("[SqlResult] public sealed record Row(int Id, string Name);");
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public static class Clock { }", GeneratorHarness.ParseOptions, "Other.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results[0];

        Assert.Equal(["Row.SqlResult.g.cs"], result.GeneratedSources.Select(s => s.HintName));
        var outputs = result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.True(
            output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output step ran with reason {output.Reason}"));
    }
}

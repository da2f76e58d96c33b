using Microsoft.CodeAnalysis;

namespace Linq.Generators.Tests;

/// <summary>
/// <c>[MaxLength]</c>, <c>[Precision]</c>, <c>[WithoutTimeZone]</c>, <c>[ConcurrencyToken]</c> and <c>[RowVersion]</c>:
/// the store types and metadata they generate, and LINQ050 for every misuse, at the property, saying what fits.
/// </summary>
public class ColumnFacetTests
{
    [Fact]
    public void Facets_become_store_types_and_metadata_that_compile()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class Item
            {
                [Id] public int Id { get; set; }
                [MaxLength(20)] public required string Code { get; set; }
                [MaxLength(5)] public string? Short { get; set; }
                [Precision(10, 2)] public decimal Price { get; set; }
                [Precision(4, 0)] public decimal? Whole { get; set; }
                [WithoutTimeZone] public DateTime Local { get; set; }
                [WithoutTimeZone] public DateTime? LocalN { get; set; }
                [ConcurrencyToken] public long Version { get; set; }
                [ConcurrencyToken] public Guid Stamp { get; set; }
                [RowVersion] public uint RowVersion { get; set; }
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.CompilationErrors.Count == 0, GeneratorRun.Describe(run.CompilationErrors));
        var generated = run.GeneratedSources.Single(s => s.HintName == "Item.Model.g.cs").SourceText.ToString();
        Assert.Contains("\"varchar(20)\"", generated, StringComparison.Ordinal);
        Assert.Contains("{ MaxLength = 20 }", generated, StringComparison.Ordinal);
        Assert.Contains("\"numeric(10,2)\"", generated, StringComparison.Ordinal);
        Assert.Contains("{ Precision = 10, Scale = 2 }", generated, StringComparison.Ordinal);
        Assert.Contains("\"timestamp\"", generated, StringComparison.Ordinal);
        Assert.Contains("NextLocalDateTime", generated, StringComparison.Ordinal);
        Assert.Contains("\"xmin\", typeof(uint), \"xid\"", generated, StringComparison.Ordinal);
        Assert.Contains("{ IsRowVersion = true }", generated, StringComparison.Ordinal);
        Assert.Contains("{ IsConcurrencyToken = true }", generated, StringComparison.Ordinal);

        // An integer version defaults to 0 (optional on create); the row version is in no input.
        Assert.Contains("ColumnDefault.Number(\"0\")", generated, StringComparison.Ordinal);
        Assert.Contains("public long? Version { get; set; }", generated, StringComparison.Ordinal);
        Assert.Contains("public required global::System.Guid Stamp { get; set; }", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("RowVersion { get; set; }", generated.Replace("public uint RowVersion", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void LINQ050_attributes_on_the_wrong_type()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class Item
            {
                [Id] public int Id { get; set; }
                [MaxLength(10)] public int Count { get; set; }
                [Precision(10, 2)] public double Ratio { get; set; }
                [WithoutTimeZone] public DateTimeOffset When { get; set; }
                [ConcurrencyToken] public string Tag { get; set; } = "";
                [RowVersion] public long Row { get; set; }
            }
            """);

        var all = All(run, ["Count", "Ratio", "When", "Tag", "Row"]);
        AssertMessage(all[0], "[MaxLength] on 'Item.Count'", "needs a string property, not 'int'");
        AssertMessage(all[1], "[Precision] on 'Item.Ratio'", "needs a decimal property, not 'double'");
        AssertMessage(all[2], "[WithoutTimeZone] on 'Item.When'", "needs a DateTime property");
        AssertMessage(all[3], "[ConcurrencyToken] on 'Item.Tag'", "int, long or short version", "Guid, DateTime or DateTimeOffset");
        AssertMessage(all[4], "[RowVersion] on 'Item.Row'", "non-nullable uint");
    }

    [Fact]
    public void LINQ050_out_of_range_arguments_and_bad_combinations()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class Item
            {
                [Id] public int Id { get; set; }
                [MaxLength(0)] public string Empty { get; set; } = "";
                [Precision(5, 6)] public decimal Scaled { get; set; }
                [Precision(40, 30)] public decimal Fine { get; set; }
                [ConcurrencyToken] public int? Version { get; set; }
                [Id, ConcurrencyToken] public int Key { get; set; }
                [RowVersion, Map("rv")] public uint Row { get; set; }
                [RowVersion] public uint? RowN { get; set; }
            }
            """);

        var all = All(run, ["Empty", "Scaled", "Fine", "Version", "Key", "Row", "RowN"]);
        AssertMessage(all[0], "[MaxLength] on 'Item.Empty'", "from 1 to 10485760", "not 0");
        AssertMessage(all[1], "[Precision] on 'Item.Scaled'", "scale from 0 to the precision", "not (5, 6)");
        AssertMessage(all[2], "[Precision] on 'Item.Fine'", "scale of at most 28", "not (40, 30)");
        AssertMessage(all[3], "[ConcurrencyToken] on 'Item.Version'", "non-nullable");
        AssertMessage(all[4], "[ConcurrencyToken] on 'Item.Key'", "key");
        AssertMessage(all[5], "[RowVersion] on 'Item.Row'", "cannot be combined with [Map]");
        AssertMessage(all[6], "[RowVersion] on 'Item.RowN'", "non-nullable uint");
    }

    private static List<Diagnostic> All(GeneratorRun run, string[] at)
    {
        var diagnostics = run.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.True(diagnostics.Count == at.Length && diagnostics.All(d => d.Id == "LINQ050"),
            $"expected {at.Length} x LINQ050, got:{Environment.NewLine}{GeneratorRun.Describe(diagnostics)}");
        for (var i = 0; i < at.Length; i++)
        {
            Assert.Equal(DiagnosticSeverity.Error, diagnostics[i].Severity);
            Assert.Equal(at[i], run.SpannedText(diagnostics[i]));
        }

        return diagnostics;
    }

    private static void AssertMessage(Diagnostic diagnostic, params string[] fragments)
    {
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var fragment in fragments)
        {
            Assert.True(message.Contains(fragment, StringComparison.Ordinal), $"'{fragment}' not in: {message}");
        }
    }
}

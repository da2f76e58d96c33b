using Microsoft.CodeAnalysis;

namespace Linq.Generators.Tests;

/// <summary>
/// <c>[FullTextIndex]</c> and <c>[JsonColumn]</c>: misuse is a compile error at the property, naming it and saying how to fix
/// it; correct use emits the index's configuration and the context's source-generated metadata, never reflection.
/// </summary>
public class ColumnFeatureDiagnosticTests
{
    private const string Context = """
        using System.Text.Json.Serialization;

        public sealed record Address(string City);
        public sealed record Unlisted(string Name);

        [JsonSerializable(typeof(Address))]
        [JsonSerializable(typeof(List<Address>), TypeInfoPropertyName = "Addresses")]
        public partial class AppJsonContext : JsonSerializerContext;

        public partial class AppJsonContext
        {
            public AppJsonContext() : base(null) { }
            protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;
            public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
        }

        public sealed class NotAContext;
        """;

    [Fact]
    public void LINQ060_FullTextIndexOnNonTextOrBadConfiguration()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class Doc
            {
                [Id] public int Id { get; set; }
                [FullTextIndex] public int Number { get; set; }
                [FullTextIndex("english'; DROP TABLE x; --")] public string Title { get; set; } = "";
                [FullTextIndex("english")] public string Body { get; set; } = "";
            }
            """);

        var diagnostics = Errors(run, "LINQ060");
        Assert.Equal(2, diagnostics.Count);
        Assert.Contains("Number", run.SpannedText(diagnostics[0]), StringComparison.Ordinal);
        Assert.Contains("Title", run.SpannedText(diagnostics[1]), StringComparison.Ordinal);
        AssertMessage(diagnostics[0], "'Doc.Number'", "needs a string property");
        AssertMessage(diagnostics[1], "letters, digits and '_'");
    }

    [Fact]
    public void FullTextIndex_is_emitted_with_its_configuration()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class Doc
            {
                [Id] public int Id { get; set; }
                [FullTextIndex("english", Name = "doc_body")] public string Body { get; set; } = "";
                [FullTextIndex] public string? Title { get; set; }
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        var source = string.Concat(run.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("KeyMetadata(\"doc_body\", new global::Linq.Contract.ColumnMetadata[] { c[1] }) { TextSearchConfig = \"english\" }", source);
        Assert.Contains("KeyMetadata(\"Doc_Title_fts_idx\", new global::Linq.Contract.ColumnMetadata[] { c[2] }) { TextSearchConfig = \"simple\" }", source);
    }

    [Fact]
    public void LINQ061_JsonWithoutAContext()
    {
        var run = GeneratorHarness.Run(Context, """
            [Model]
            public partial class Order
            {
                [Id] public int Id { get; set; }
                [JsonColumn(typeof(NotAContext))] public Address Shipping { get; set; } = null!;
            }
            """);

        var d = Assert.Single(Errors(run, "LINQ061"));
        Assert.Contains("Shipping", run.SpannedText(d), StringComparison.Ordinal);
        AssertMessage(d, "'Order.Shipping'", "'NotAContext'", "is not a JsonSerializerContext", "[JsonSerializable(typeof(T))]");
    }

    [Fact]
    public void LINQ062_JsonTypeNotRegistered()
    {
        var run = GeneratorHarness.Run(Context, """
            [Model]
            public partial class Order
            {
                [Id] public int Id { get; set; }
                [JsonColumn(typeof(AppJsonContext))] public Unlisted? Extra { get; set; }
            }
            """);

        var d = Assert.Single(Errors(run, "LINQ062"));
        AssertMessage(d, "'Order.Extra'", "'AppJsonContext' has no [JsonSerializable(typeof(Unlisted))]");
    }

    [Fact]
    public void LINQ063_GenericJsonTypeNeedsTypeInfoPropertyName()
    {
        var run = GeneratorHarness.Run(Context, """
            using System.Text.Json.Serialization;

            [JsonSerializable(typeof(Dictionary<string, int>))]
            public partial class OtherContext : JsonSerializerContext
            {
                public OtherContext() : base(null) { }
                protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;
                public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
            }

            [Model]
            public partial class Order
            {
                [Id] public int Id { get; set; }
                [JsonColumn(typeof(OtherContext))] public Dictionary<string, int> Counts { get; set; } = [];
            }
            """);

        var d = Assert.Single(Errors(run, "LINQ063"));
        AssertMessage(d, "'Order.Counts'", "TypeInfoPropertyName");
    }

    [Fact]
    public void Json_columns_use_the_contexts_metadata()
    {
        var run = GeneratorHarness.Run(Context, """
            [Model]
            public partial class Order
            {
                [Id] public int Id { get; set; }
                [JsonColumn(typeof(AppJsonContext))] public Address Shipping { get; set; } = null!;
                [JsonColumn(typeof(AppJsonContext))] public List<Address>? History { get; set; }
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        var source = string.Concat(run.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("global::Linq.Contract.JsonValues.Register(global::AppJsonContext.Default.Address, new (string, string?)[] { (\"City\", null) });", source);
        Assert.Contains("global::Linq.Contract.JsonValues.Read(reader, offset + 1, global::AppJsonContext.Default.Address)", source);
        Assert.Contains("global::Linq.Contract.JsonValues.Serialize(v2, global::AppJsonContext.Default.Addresses)", source);
        Assert.Contains("\"jsonb\"", source);
    }

    private static List<Diagnostic> Errors(GeneratorRun run, string id)
    {
        var diagnostics = run.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.True(diagnostics.All(d => d.Id == id && d.Severity == DiagnosticSeverity.Error), GeneratorRun.Describe(diagnostics));
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

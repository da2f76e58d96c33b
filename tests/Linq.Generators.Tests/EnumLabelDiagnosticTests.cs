using Microsoft.CodeAnalysis;

namespace Linq.Generators.Tests;

/// <summary>
/// <c>[Map("label")]</c> on <c>[DbEnum]</c> members: the generated metadata carries label, name and value per member
/// (keywords escaped, aliases kept), a default names the label, and labels PostgreSQL cannot take are compile errors
/// (LINQ072–LINQ075); an empty label is one PostgreSQL takes at the attribute.
/// </summary>
public class EnumLabelDiagnosticTests
{
    private const string Model = """
        [Model]
        public partial class Film
        {
            [Id] public int Id { get; set; }
            [Default(Rating.Pg13)] public Rating Rating { get; set; }
        }

        [Database]
        public partial class Db : LinqDatabase;
        """;

    [Fact]
    public void Mapped_labels_keyword_members_and_aliases_compile_into_the_metadata()
    {
        var run = GeneratorHarness.Run("""
            [DbEnum(Name = "mpaa_rating")]
            public enum Rating
            {
                G,
                [Map("PG-13")] Pg13,
                [Map("it's \"x\"")] @class,
                Alias = G,
            }
            """ + Model);

        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.CompilationErrors.Count == 0, GeneratorRun.Describe(run.CompilationErrors));
        var database = run.GeneratedSources.Single(s => s.HintName == "Db.Database.g.cs").SourceText.ToString();
        Assert.Contains("new global::Linq.Contract.EnumMetadata<global::Rating>(\"mpaa_rating\", new string[] { \"G\", \"PG-13\", \"it's \\\"x\\\"\", \"Alias\" }, "
            + "new string[] { \"G\", \"Pg13\", \"class\", \"Alias\" }, new global::Rating[] { global::Rating.G, global::Rating.Pg13, global::Rating.@class, global::Rating.Alias })", database);
        var model = run.GeneratedSources.Single(s => s.HintName == "Film.Model.g.cs").SourceText.ToString();
        Assert.Contains("TypedText(\"PG-13\", \"\\\"mpaa_rating\\\"\")", model);
    }

    [Fact]
    public void LINQ072_a_NUL_character_but_an_empty_label_is_a_label()
    {
        var run = GeneratorHarness.Run("""
            [DbEnum]
            public enum Rating { G, [Map("a\0b")] Pg13, [Map("")] Empty }
            """ + Model);
        var d = Single(run, "LINQ072", "Map(\"a\\0b\")");
        Assert.Contains("'Pg13'", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'Rating'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LINQ073_a_label_over_63_bytes_counts_UTF8_bytes()
    {
        // 32 two-byte letters: 32 characters, 64 bytes. 63 one-byte characters pass.
        var tooLong = new string('é', 32);
        var fits = new string('x', 63);
        var run = GeneratorHarness.Run($$"""
            [DbEnum]
            public enum Rating { G, [Map("{{fits}}")] Pg13, [Map("{{tooLong}}")] Nc17 }
            """ + Model);
        var d = Single(run, "LINQ073", $"Map(\"{tooLong}\")");
        Assert.Contains("64 bytes", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'Nc17'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LINQ074_two_members_with_one_label_also_a_label_that_is_another_members_name()
    {
        var run = GeneratorHarness.Run("""
            [DbEnum]
            public enum Rating { G, [Map("G")] Pg13, R, [Map("R")] Nc17 }
            """ + Model);
        var all = run.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(["LINQ074", "LINQ074"], all.Select(d => d.Id));
        Assert.Equal(["Map(\"G\")", "Map(\"R\")"], all.Select(run.SpannedText));
        Assert.Contains("Members 'G' and 'Pg13'", all[0].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'G'", all[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LINQ075_Map_on_a_plain_enum_member_or_a_class_field()
    {
        var run = GeneratorHarness.Run("""
            public enum Plain { A, [Map("b")] B }

            public class Holder
            {
                [Map("f")] public int Field;
            }
            """);
        var all = run.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(["LINQ075", "LINQ075"], all.Select(d => d.Id));
        Assert.All(all, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Equal(["Map(\"b\")", "Map(\"f\")"], all.Select(run.SpannedText));
        Assert.Contains("has no [DbEnum]", all[0].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("JsonStringEnumMemberName", all[0].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("only properties are columns", all[1].GetMessage(), StringComparison.Ordinal);
    }

    private static Diagnostic Single(GeneratorRun run, string id, string at)
    {
        var d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal(at, run.SpannedText(d));
        return d;
    }
}

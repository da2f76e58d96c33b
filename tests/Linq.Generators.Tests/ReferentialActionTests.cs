using System.Globalization;
using System.Text.RegularExpressions;

namespace Linq.Generators.Tests;

/// <summary>
/// <c>[Relation(OnDelete = …, OnUpdate = …)]</c>: the actions the relation's metadata carries (and so the foreign key
/// migrations create), with the defaults (required: RESTRICT on delete; optional: SET NULL; CASCADE on update).
/// </summary>
public class ReferentialActionTests
{
    [Fact]
    public void Actions_given_and_defaulted_reach_the_metadata()
    {
        var run = GeneratorHarness.Run("""
            using Linq.Sql.Schema;

            [Model]
            public partial class Owner
            {
                [Id] public int Id { get; set; }
                public List<Pet> Pets { get; set; } = [];
                public List<Toy> Toys { get; set; } = [];
                public List<Bowl> Bowls { get; set; } = [];
            }

            [Model]
            public partial class Pet
            {
                [Id] public int Id { get; set; }
                public int OwnerId { get; set; }
                [Relation(nameof(OwnerId))] public Owner? Owner { get; set; }
            }

            [Model]
            public partial class Toy
            {
                [Id] public int Id { get; set; }
                public int? OwnerId { get; set; }
                [Relation(nameof(OwnerId), OnDelete = ReferentialAction.Cascade, OnUpdate = ReferentialAction.NoAction)] public Owner? Owner { get; set; }
            }

            [Model]
            public partial class Bowl
            {
                [Id] public int Id { get; set; }
                public int OwnerId { get; set; }
                [Relation(nameof(OwnerId), OnUpdate = ReferentialAction.Restrict)] public Owner? Owner { get; set; }
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.CompilationErrors.Count == 0, GeneratorRun.Describe(run.CompilationErrors));
        string Relation(string model)
        {
            var source = run.GeneratedSources.Single(s => s.HintName == model + ".Model.g.cs").SourceText.ToString();
            return source.Split('\n').Single(l => l.Contains("\"Owner\", static () =>", StringComparison.Ordinal));
        }

        // The actions in the order written (on delete, then on update unless it is the default): 0 NoAction, 1 Restrict,
        // 2 Cascade, 3 SetNull.
        int[] Actions(string model) =>
            [.. Regex.Matches(Relation(model), @"\(global::Linq\.Sql\.Schema\.ReferentialAction\)(\d)").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

        Assert.Equal([1], Actions("Pet"));
        Assert.Equal([2, 0], Actions("Toy"));
        Assert.Equal([1, 1], Actions("Bowl"));
    }

    [Fact]
    public void An_action_that_would_null_a_required_key_warns_LINQ046()
    {
        var run = GeneratorHarness.Run("""
            using Linq.Sql.Schema;

            [Model]
            public partial class Owner
            {
                [Id] public int Id { get; set; }
                public List<Pet> Pets { get; set; } = [];
                public List<Toy> Toys { get; set; } = [];
                public List<Bowl> Bowls { get; set; } = [];
                public List<Cup> Cups { get; set; } = [];
                public List<Mat> Mats { get; set; } = [];
            }

            [Model]
            public partial class Pet
            {
                [Id] public int Id { get; set; }
                public int OwnerId { get; set; }
                [Relation(nameof(OwnerId), OnDelete = ReferentialAction.SetNull)] public Owner? Owner { get; set; }
            }

            [Model]
            public partial class Toy
            {
                [Id] public int Id { get; set; }
                public int OwnerId { get; set; }
                [Relation(nameof(OwnerId), OnUpdate = ReferentialAction.SetDefault)] public Owner? Owner { get; set; }
            }

            // Not warned: a nullable key, a required key with a default for SET DEFAULT, the defaults.
            [Model]
            public partial class Bowl
            {
                [Id] public int Id { get; set; }
                public int? OwnerId { get; set; }
                [Relation(nameof(OwnerId), OnDelete = ReferentialAction.SetNull, OnUpdate = ReferentialAction.SetNull)] public Owner? Owner { get; set; }
            }

            [Model]
            public partial class Cup
            {
                [Id] public int Id { get; set; }
                [Default(1)] public int OwnerId { get; set; }
                [Relation(nameof(OwnerId), OnDelete = ReferentialAction.SetDefault)] public Owner? Owner { get; set; }
            }

            [Model]
            public partial class Mat
            {
                [Id] public int Id { get; set; }
                public int OwnerId { get; set; }
                [Relation(nameof(OwnerId))] public Owner? Owner { get; set; }
            }
            """);

        Assert.True(run.CompilationErrors.Count == 0, GeneratorRun.Describe(run.CompilationErrors));
        var warnings = run.GeneratorDiagnostics.Where(d => d.Id == "LINQ046").ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, w.Severity));
        Assert.Equal(2, run.GeneratorDiagnostics.Length);
        var messages = warnings.Select(w => w.GetMessage(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("'Pet.Owner' would set 'OwnerId' to NULL when the referenced row is deleted", messages[0], StringComparison.Ordinal);
        Assert.Contains("the delete then fails (P2011)", messages[0], StringComparison.Ordinal);
        Assert.Contains("[Relation(OnUpdate = SetDefault)] on 'Toy.Owner'", messages[1], StringComparison.Ordinal);
        Assert.Contains("cannot be NULL and has no default", messages[1], StringComparison.Ordinal);
    }
}

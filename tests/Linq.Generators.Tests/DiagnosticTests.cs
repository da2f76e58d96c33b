using Microsoft.CodeAnalysis;

namespace Linq.Generators.Tests;

/// <summary>
/// One test per diagnostic: the generator reports exactly the expected errors, at the offending declaration,
/// naming the offending types and properties and saying how to fix the model.
/// </summary>
public class DiagnosticTests
{
    [Fact]
    public void LINQ001_ModelWithoutId()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class Item
            {
                public int Code { get; set; }
            }
            """);

        var d = Single(run, "LINQ001", at: "Item");
        AssertMessage(d, "'Item'", "has no [Id] property", "Mark its primary key property with [Id]");
    }

    [Fact]
    public void LINQ002_ModelNotPartial()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public class Item
            {
                [Id] public int Id { get; set; }
            }
            """);

        var d = Single(run, "LINQ002", at: "Item");
        AssertMessage(d, "'Item' must be declared 'partial'", "Add the 'partial' modifier");
        Assert.DoesNotContain(run.HintNames, h => h.Contains("Item", StringComparison.Ordinal));
    }

    [Fact]
    public void LINQ002_DatabaseNotPartial()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class Item
            {
                [Id] public int Id { get; set; }
            }

            [Database]
            public class Db : LinqDatabase
            {
                public Db() : base(null!, null!) { }
            }
            """);

        var d = Single(run, "LINQ002", at: "Db");
        AssertMessage(d, "'Db' must be declared 'partial'", "tables and constructors", "Add the 'partial' modifier");
        Assert.DoesNotContain(run.HintNames, h => h.EndsWith(".Database.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void LINQ003_RelationNamesMissingForeignKey()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class User
            {
                [Id] public int Id { get; set; }
            }

            [Model]
            public partial class Post
            {
                [Id] public int Id { get; set; }
                [Relation("Missing")] public User? Author { get; set; }
            }
            """);

        var d = Single(run, "LINQ003", at: "Author");
        AssertMessage(d, "'Post.Author'", "'Missing'", "'Post' has no such mapped property", "Add the foreign key property or fix the name");
    }

    [Fact]
    public void LINQ003_RelationReferencesMissingTargetProperty()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class User
            {
                [Id] public int Id { get; set; }
            }

            [Model]
            public partial class Post
            {
                [Id] public int Id { get; set; }
                public int AuthorId { get; set; }
                [Relation(new[] { nameof(AuthorId) }, new[] { "Nope" })] public User? Author { get; set; }
            }
            """);

        var d = Single(run, "LINQ003", at: "Author");
        AssertMessage(d, "'Post.Author'", "'Nope'", "'User' has no such mapped property", "Add the foreign key property or fix the name");
    }

    [Fact]
    public void LINQ004_ForeignKeyOfWrongType()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class User
            {
                [Id] public int Id { get; set; }
            }

            [Model]
            public partial class Post
            {
                [Id] public int Id { get; set; }
                public required string AuthorId { get; set; }
                [Relation(nameof(AuthorId))] public User? Author { get; set; }
            }
            """);

        var d = Single(run, "LINQ004", at: "AuthorId");
        AssertMessage(d, "'Post.AuthorId' is of type 'string'", "references 'User.Id' of type 'int'", "Give the foreign key the referenced key's type");
    }

    [Fact]
    public void LINQ004_NullableForeignKeyOfTheKeyTypeIsFine()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class User
            {
                [Id] public int Id { get; set; }
            }

            [Model]
            public partial class Post
            {
                [Id] public int Id { get; set; }
                public int? AuthorId { get; set; }
                [Relation(nameof(AuthorId))] public User? Author { get; set; }
            }
            """);

        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.CompilationErrors.Count == 0, GeneratorRun.Describe(run.CompilationErrors));
    }

    [Fact]
    public void LINQ005_NavigationToNonModel()
    {
        var run = GeneratorHarness.Run("""
            public class Foo
            {
                public int Id { get; set; }
            }

            [Model]
            public partial class Post
            {
                [Id] public int Id { get; set; }
                public int FooId { get; set; }
                [Relation(nameof(FooId))] public Foo? Foo { get; set; }
                public List<Foo> Foos { get; set; } = [];
            }
            """);

        var all = All(run, "LINQ005", at: ["Foo", "Foos"]);
        AssertMessage(all[0], "'Post.Foo'", "points to 'Foo', which is not a [Model]", "Mark 'Foo' with [Model] or remove the navigation");
        AssertMessage(all[1], "'Post.Foos'", "points to 'Foo', which is not a [Model]", "Mark 'Foo' with [Model] or remove the navigation");
    }

    [Fact]
    public void LINQ006_UnmappableTypes()
    {
        var run = GeneratorHarness.Run("""
            public enum Color
            {
                Red,
                Green,
            }

            [Model]
            public partial class Item
            {
                [Id] public int Id { get; set; }
                public required System.Uri Link { get; set; }
                public TimeSpan Duration { get; set; }
                public Color Color { get; set; }
            }
            """);

        var all = All(run, "LINQ006", at: ["Link", "Duration", "Color"]);
        AssertMessage(all[0], "'Item.Link'", "'System.Uri'", "has no PostgreSQL mapping", "Use a supported type", "make it get-only to leave it unmapped");
        AssertMessage(all[1], "'Item.Duration'", "'System.TimeSpan'", "has no PostgreSQL mapping", "Use a supported type");
        AssertMessage(all[2], "'Item.Color'", "'Color'", "has no PostgreSQL mapping", "a [DbEnum] enum");
    }

    [Fact]
    public void LINQ006_GetOnlyPropertiesAreNotMapped()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class Item
            {
                [Id] public int Id { get; set; }
                public TimeSpan Duration => TimeSpan.Zero;
            }
            """);

        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
    }

    [Fact]
    public void LINQ007_TwoPropertiesMappedToOneColumn()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class Item
            {
                [Id] public int Id { get; set; }
                [Map("x")] public int A { get; set; }
                [Map("x")] public int B { get; set; }
            }
            """);

        var d = Single(run, "LINQ007", at: "B");
        AssertMessage(d, "'A' and 'B'", "model 'Item'", "column 'x'", "Give one of them another name with [Map(");
    }

    [Fact]
    public void LINQ008_ListNavigationWithoutRelation()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class User
            {
                [Id] public int Id { get; set; }
                public List<Post> Posts { get; set; } = [];
            }

            [Model]
            public partial class Post
            {
                [Id] public int Id { get; set; }
                public int AuthorId { get; set; }
            }
            """);

        var d = Single(run, "LINQ008", at: "Posts");
        AssertMessage(d, "'User.Posts'", "no matching [Relation] on 'Post' pointing back to 'User'", "Add [Relation(nameof(ForeignKey))] to a navigation on 'Post'");
    }

    [Fact]
    public void LINQ008_ListNavigationWithTwoCandidateRelations()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class User
            {
                [Id] public int Id { get; set; }
                public List<Post> Posts { get; set; } = [];
            }

            [Model]
            public partial class Post
            {
                [Id] public int Id { get; set; }
                public int AuthorId { get; set; }
                [Relation(nameof(AuthorId))] public User? Author { get; set; }
                public int EditorId { get; set; }
                [Relation(nameof(EditorId))] public User? Editor { get; set; }
            }
            """);

        var d = Single(run, "LINQ008", at: "Posts");
        AssertMessage(d, "'User.Posts'", "there are 2", "keep one navigation per relation");
    }

    [Fact]
    public void LINQ009_SingleBackReferenceNeedsUniqueForeignKey()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class User
            {
                [Id] public int Id { get; set; }
                public Profile? Profile { get; set; }
            }

            [Model]
            public partial class Profile
            {
                [Id] public int Id { get; set; }
                public int UserId { get; set; }
                [Relation(nameof(UserId))] public User? User { get; set; }
            }
            """);

        var d = Single(run, "LINQ009", at: "Profile");
        AssertMessage(d, "'User.Profile'", "foreign key 'Profile.UserId' must be unique", "Mark it [Unique]", "List<Profile>");
    }

    [Fact]
    public void LINQ010_DatabaseNotDerivingFromLinqDatabase()
    {
        var run = GeneratorHarness.Run("""
            [Database]
            public partial class Db
            {
            }
            """);

        var d = Single(run, "LINQ010", at: "Db");
        AssertMessage(d, "'Db' must derive from Linq.LinqDatabase", "'public partial class Db : LinqDatabase;'");
        Assert.DoesNotContain(run.HintNames, h => h.EndsWith(".Database.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void LINQ011_KeyNamesUnknownProperty()
    {
        var run = GeneratorHarness.Run("""
            [Model, Index("Nope")]
            [Unique("Nope")]
            public partial class Item
            {
                [Id] public int Id { get; set; }
            }
            """);

        var all = All(run, "LINQ011", at: ["Index(\"Nope\")", "Unique(\"Nope\")"]);
        AssertMessage(all[0], "[Index] on model 'Item' names 'Nope'", "not a mapped property of 'Item'", "Use nameof(");
        AssertMessage(all[1], "[Unique] on model 'Item' names 'Nope'", "not a mapped property of 'Item'", "Use nameof(");
    }

    [Fact]
    public void LINQ011_KeyNamingANavigation()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class User
            {
                [Id] public int Id { get; set; }
            }

            [Model, Index(nameof(Author))]
            public partial class Post
            {
                [Id] public int Id { get; set; }
                public int AuthorId { get; set; }
                [Relation(nameof(AuthorId))] public User? Author { get; set; }
            }
            """);

        var d = Single(run, "LINQ011", at: "Index(nameof(Author))");
        AssertMessage(d, "[Index] on model 'Post' names 'Author'", "Use nameof(");
    }

    [Fact]
    public void LINQ012_AutoIncrementOnString()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class Item
            {
                [Id, AutoIncrement] public required string Code { get; set; }
            }
            """);

        var d = Single(run, "LINQ012", at: "Code");
        AssertMessage(d, "'Item.Code'", "needs an int, long or short property", "not 'string'");
    }

    [Fact]
    public void LINQ013_DefaultOfWrongType()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class Item
            {
                [Id] public int Id { get; set; }
                [Default("text")] public int Count { get; set; }
            }
            """);

        var d = Single(run, "LINQ013", at: "Count");
        AssertMessage(d, "'Item.Count'", "value of type 'string'", "does not fit 'int'", "Use a constant of the property's type");
    }

    [Fact]
    public void LINQ013_NumericDefaultThatDoesNotFit()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class Item
            {
                [Id] public int Id { get; set; }
                [Default(1.5)] public int Fraction { get; set; }
                [Default(70000)] public short Big { get; set; }
                [Default(2.5)] public decimal Price { get; set; }
                [Default(3)] public long Count { get; set; }
                [Default(double.NaN)] public double Ratio { get; set; }
            }
            """);

        var all = All(run, "LINQ013", at: ["Fraction", "Big", "Ratio"]);
        AssertMessage(all[0], "'Item.Fraction'", "value of type 'double'", "does not fit 'int'");
        AssertMessage(all[1], "'Item.Big'", "value of type 'int'", "does not fit 'short'");
        AssertMessage(all[2], "'Item.Ratio'", "value of type 'double'", "does not fit 'double'");
    }

    [Fact]
    public void LINQ014_NestedModel()
    {
        var run = GeneratorHarness.Run("""
            public static partial class Outer
            {
                [Model]
                public partial class Inner
                {
                    [Id] public int Id { get; set; }
                }
            }
            """);

        var d = Single(run, "LINQ014", at: "Inner");
        AssertMessage(d, "'Inner'", "must be a top-level, non-generic class");
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void LINQ014_GenericModel()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class Box<T>
            {
                [Id] public int Id { get; set; }
            }
            """);

        var d = Single(run, "LINQ014", at: "Box");
        AssertMessage(d, "'Box'", "must be a top-level, non-generic class");
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void LINQ017_IncludedTypeIsNotADatabase()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class Item
            {
                [Id] public int Id { get; set; }
            }

            [Database(Include = [typeof(Item)])]
            public partial class Db : LinqDatabase;
            """);

        var d = Single(run, "LINQ017", at: "Database(Include = [typeof(Item)])");
        AssertMessage(d, "'Db' includes 'Item'", "not a [Database] class", "Include [Database] classes of referenced projects");
    }

    private static Diagnostic Single(GeneratorRun run, string id, string at) => All(run, id, [at])[0];

    /// <summary>
    /// Asserts the generator reported exactly <paramref name="at"/>.Length diagnostics, all with the given id,
    /// as errors, located at the given source texts (in source order); returns them in that order.
    /// </summary>
    private static List<Diagnostic> All(GeneratorRun run, string id, string[] at)
    {
        var diagnostics = run.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.True(diagnostics.Count == at.Length && diagnostics.All(d => d.Id == id),
            $"expected {at.Length} x {id}, got:{Environment.NewLine}{GeneratorRun.Describe(diagnostics)}");

        for (var i = 0; i < at.Length; i++)
        {
            var d = diagnostics[i];
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Equal(DiagnosticSeverity.Error, d.DefaultSeverity);
            Assert.NotEqual(LocationKind.None, d.Location.Kind);
            Assert.Equal(GeneratorHarness.SourcePath(0), d.Location.GetLineSpan().Path);
            Assert.Equal(at[i], run.SpannedText(d));
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

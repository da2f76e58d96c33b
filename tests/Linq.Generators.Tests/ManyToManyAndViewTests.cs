using Microsoft.CodeAnalysis;

namespace Linq.Generators.Tests;

/// <summary>
/// Many-to-many relations and views at compile time: the write inputs a many-to-many relation gets, a view model that
/// cannot be written (no inputs, no write methods on its client property), and the diagnostics of ambiguous or
/// one-sided many-to-many declarations.
/// </summary>
public class ManyToManyAndViewTests
{
    private const string Models = """
        namespace Blog
        {
            [Model]
            public partial class Post
            {
                [Id, AutoIncrement] public int Id { get; set; }
                public required string Title { get; set; }
                public List<Tag> Tags { get; set; } = [];
            }

            [Model]
            public partial class Tag
            {
                [Id, AutoIncrement] public int Id { get; set; }
                [Unique] public required string Name { get; set; }
                public List<Post> Posts { get; set; } = [];
            }

            [View("post_stats")]
            public partial class PostStat
            {
                [Id] public int PostId { get; set; }
                public long TagCount { get; set; }
                [Relation(nameof(PostId))] public Post? Post { get; set; }
            }

            [Database]
            public partial class BlogDb : LinqDatabase;
        }
        """;

    private static IReadOnlyList<Diagnostic> Errors(string body)
    {
        var code = """
            using Blog;
            using System.Threading.Tasks;

            public static class Usage
            {
                public static async Task Run(BlogDb db, int id)
                {
            """ + body + """

                }
            }
            """;
        var run = GeneratorHarness.Run(Models, code);
        Assert.True(run.GeneratorDiagnostics.Length == 0, GeneratorRun.Describe(run.GeneratorDiagnostics));
        return run.CompilationErrors;
    }

    [Fact]
    public void Many_to_many_inputs_connect_create_set_and_disconnect_and_views_are_queried()
    {
        var errors = Errors("""
                    var post = await db.Posts.CreateAsync(new PostCreateInput
                    {
                        Title = "t",
                        Tags = new() { Connect = [t => t.Id == id], Create = [new() { Name = "n" }], ConnectOrCreate = [new() { Where = t => t.Name == "x", Create = new() { Name = "x" } }] },
                    });
                    await db.Tags.UpdateAsync(t => t.Id == id, new TagUpdateInput { Posts = new() { Set = [p => p.Id == id], Disconnect = [p => p.Id == 2] } });
                    var stats = await db.PostStats.Where(s => s.TagCount > 1).Include(s => s.Post).ToListAsync();
                    var one = await db.PostStats.FindUniqueAsync(s => s.PostId == id);
            """);
        Assert.True(errors.Count == 0, GeneratorRun.Describe(errors));
    }

    [Fact]
    public void Set_and_Disconnect_exist_only_on_updates()
    {
        var errors = Errors("""
                    var input = new PostCreateInput { Title = "t", Tags = new() { Set = [t => t.Id == id] } };
            """);
        var error = Assert.Single(errors);
        Assert.Equal("CS0117", error.Id);
        Assert.Contains("Set", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("await db.PostStats.CreateAsync(null!);", "CS1929")]
    [InlineData("await db.PostStats.UpdateAsync(s => s.PostId == id, null!);", "CS1929")]
    [InlineData("await db.PostStats.DeleteAsync(s => s.PostId == id);", "CS1061")]
    [InlineData("await db.PostStats.DeleteManyAsync(s => s.PostId == id);", "CS1061")]
    [InlineData("await db.PostStats.UpsertAsync(s => s.PostId == id, null!, null!);", "CS1929")]
    [InlineData("var input = new PostStatCreateInput();", "CS0246")]
    [InlineData("var input = new PostStatUpdateInput();", "CS0246")]
    public void Writing_to_a_view_does_not_compile(string statement, string expected)
    {
        // CS1061/CS1929: 'View<PostStat>' has no such method (CS1929 when another model's write extension has the name).
        var errors = Errors(statement);
        Assert.True(errors.Count > 0 && errors.All(e => e.Id == expected), GeneratorRun.Describe(errors));
        Assert.True(expected == "CS0246" || errors.All(e => e.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("'View<PostStat>' does not contain a definition", StringComparison.Ordinal)),
            GeneratorRun.Describe(errors));
    }

    [Fact]
    public void A_table_has_no_nested_writes_into_a_view()
    {
        var errors = GeneratorHarness.Run(Models.Replace("public List<Tag> Tags { get; set; } = [];", "public List<Tag> Tags { get; set; } = [];\n public PostStat? Stat { get; set; }", StringComparison.Ordinal), """
            using Blog;
            public static class Usage
            {
                public static object Build() => new PostCreateInput { Title = "t", Stat = null };
            }
            """).CompilationErrors;
        var error = Assert.Single(errors);
        Assert.Equal("CS0117", error.Id);
    }

    private static List<Diagnostic> Diagnostics(string models) =>
        [.. GeneratorHarness.Run(models).GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start)];

    private static void AssertMessage(Diagnostic diagnostic, params string[] fragments)
    {
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var fragment in fragments)
        {
            Assert.True(message.Contains(fragment, StringComparison.Ordinal), $"'{fragment}' not in: {message}");
        }
    }

    [Fact]
    public void LINQ040_ManyToManyOnASingleNavigation()
    {
        var d = Assert.Single(Diagnostics("""
            [Model] public partial class A { [Id] public int Id { get; set; } [ManyToMany] public B? Other { get; set; } }
            [Model] public partial class B { [Id] public int Id { get; set; } }
            """));
        Assert.Equal("LINQ040", d.Id);
        AssertMessage(d, "'A.Other'", "List<B>");
    }

    [Fact]
    public void LINQ041_ManyToManyWithoutCounterpart()
    {
        var d = Assert.Single(Diagnostics("""
            [Model] public partial class A { [Id] public int Id { get; set; } [ManyToMany] public List<B> Bs { get; set; } = []; }
            [Model] public partial class B { [Id] public int Id { get; set; } }
            """));
        Assert.Equal("LINQ041", d.Id);
        AssertMessage(d, "'A.Bs'", "'B' has no collection of 'A'", "public List<A>");
    }

    [Fact]
    public void LINQ041_NamesThatDoNotMatch()
    {
        var ds = Diagnostics("""
            [Model] public partial class A { [Id] public int Id { get; set; } [ManyToMany("AB")] public List<B> Bs { get; set; } = []; }
            [Model] public partial class B { [Id] public int Id { get; set; } [ManyToMany("BA")] public List<A> As { get; set; } = []; }
            """);
        Assert.Equal(["LINQ041", "LINQ041"], ds.Select(d => d.Id));
        AssertMessage(ds[0], "'A.Bs'", "[ManyToMany(\"AB\")]");
    }

    [Fact]
    public void LINQ042_TwoUnnamedPairsBetweenTheSameModels()
    {
        var ds = Diagnostics("""
            [Model] public partial class A { [Id] public int Id { get; set; } public List<B> Liked { get; set; } = []; public List<B> Saved { get; set; } = []; }
            [Model] public partial class B { [Id] public int Id { get; set; } public List<A> LikedBy { get; set; } = []; public List<A> SavedBy { get; set; } = []; }
            """);
        Assert.True(ds.Count == 4 && ds.All(d => d.Id == "LINQ042"), GeneratorRun.Describe(ds));
        AssertMessage(ds[0], "'A.Liked' cannot be paired", "several unnamed many-to-many collections", "[ManyToMany(\"");
    }

    [Fact]
    public void LINQ042_AnUnnamedSelfRelation()
    {
        var ds = Diagnostics("""
            [Model] public partial class U { [Id] public int Id { get; set; } public List<U> Followers { get; set; } = []; public List<U> Following { get; set; } = []; }
            """);
        Assert.True(ds.Count == 2 && ds.All(d => d.Id == "LINQ042"), GeneratorRun.Describe(ds));
        AssertMessage(ds[0], "with itself needs a name on both sides");
    }

    [Fact]
    public void Named_pairs_between_the_same_models_are_fine()
    {
        var run = GeneratorHarness.Run("""
            [Model] public partial class A { [Id] public int Id { get; set; } [ManyToMany("Likes")] public List<B> Liked { get; set; } = []; [ManyToMany("Saves")] public List<B> Saved { get; set; } = []; }
            [Model] public partial class B { [Id] public int Id { get; set; } [ManyToMany("Likes")] public List<A> LikedBy { get; set; } = []; [ManyToMany("Saves")] public List<A> SavedBy { get; set; } = []; }
            """);
        Assert.True(run.GeneratorDiagnostics.Length == 0 && run.CompilationErrors.Count == 0, GeneratorRun.Describe(run.GeneratorDiagnostics.Concat(run.CompilationErrors)));
        var source = string.Join("\n", run.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("JoinTableMetadata(\"Likes\", \"A\", \"B\")", source, StringComparison.Ordinal);
        Assert.Contains("JoinTableMetadata(\"Saves\", \"B\", \"A\")", source, StringComparison.Ordinal);
    }

    [Fact]
    public void LINQ043_CompositeKey()
    {
        var ds = Diagnostics("""
            [Model] public partial class A { [Id] public int X { get; set; } [Id] public int Y { get; set; } public List<B> Bs { get; set; } = []; }
            [Model] public partial class B { [Id] public int Id { get; set; } public List<A> As { get; set; } = []; }
            """);
        Assert.True(ds.Count == 2 && ds.All(d => d.Id == "LINQ043"), GeneratorRun.Describe(ds));
        AssertMessage(ds[0], "needs 'A' to have a single-column [Id]", "explicit join model");
    }

    [Fact]
    public void LINQ044_JoinTableNamedLikeATable()
    {
        var d = Assert.Single(Diagnostics("""
            [Model] public partial class A { [Id] public int Id { get; set; } [ManyToMany("B")] public List<B> Bs { get; set; } = []; }
            [Model] public partial class B { [Id] public int Id { get; set; } [ManyToMany("B")] public List<A> As { get; set; } = []; }
            """));
        Assert.Equal("LINQ044", d.Id);
        AssertMessage(d, "'B'", "the table of model 'B'");
    }

    [Fact]
    public void LINQ045_ModelAndView()
    {
        var d = Assert.Single(Diagnostics("""
            [Model, View("v")] public partial class A { [Id] public int Id { get; set; } }
            """));
        Assert.Equal("LINQ045", d.Id);
    }
}

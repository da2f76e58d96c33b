using Microsoft.CodeAnalysis;

namespace Linq.Generators.Tests;

/// <summary>Valid models generate code that compiles.</summary>
public class ValidModelTests
{
    /// <summary>
    /// The guide's schema of samples/Blog.Model as one source text for the generator, with the client in the global
    /// namespace (a shape the shared model library does not cover).
    /// </summary>
    public const string BlogSource = """
        namespace Blog.Models
        {
            [Model]
            public partial class Account
            {
                [Id, AutoIncrement] public int Id { get; set; }
                [Unique] public required string Email { get; set; }
                [Default(0)] public decimal Balance { get; set; }
            }

            [Model(Table = "comments")]
            public partial class Comment
            {
                [Id, AutoIncrement] public int Id { get; set; }
                public required string Text { get; set; }
                [Map("post_id")] public int PostId { get; set; }
                [Relation(nameof(PostId))] public Post? Post { get; set; }
                [DefaultNow] public DateTime CreatedAt { get; set; }
            }

            [Model, Index(nameof(AuthorId), nameof(Title))]
            public partial class Post
            {
                [Id, AutoIncrement] public int Id { get; set; }
                public required string Title { get; set; }
                public string? Content { get; set; }
                [Default(false)] public bool Published { get; set; }
                [Relation(nameof(AuthorId))] public User? Author { get; set; }
                public int AuthorId { get; set; }
                public List<Comment> Comments { get; set; } = [];
                [DefaultNow] public DateTime CreatedAt { get; set; }
            }

            [Model]
            public partial class Profile
            {
                [Id, AutoIncrement] public int Id { get; set; }
                public string? Bio { get; set; }
                [Unique] public int UserId { get; set; }
                [Relation(nameof(UserId))] public User? User { get; set; }
            }

            [DbEnum]
            public enum Role
            {
                User,
                Admin,
            }

            [Model]
            public partial class User
            {
                [Id, AutoIncrement] public int Id { get; set; }
                [Unique] public required string Email { get; set; }
                public string? Name { get; set; }
                [Default(Role.User)] public Role Role { get; set; }
                public List<Post> Posts { get; set; } = [];
                public Profile? Profile { get; set; }
            }
        }

        [Database]
        public partial class BlogDb : LinqDatabase;
        """;

    [Fact]
    public void BlogModelsGenerateWithoutDiagnosticsAndCompile()
    {
        var run = GeneratorHarness.Run(BlogSource);

        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.CompilationErrors.Count == 0, GeneratorRun.Describe(run.CompilationErrors));
        Assert.Equal(
            [
                "Blog.Models.Account.Model.g.cs",
                "Blog.Models.Account.RawSql.g.cs",
                "Blog.Models.Comment.Model.g.cs",
                "Blog.Models.Comment.RawSql.g.cs",
                "Blog.Models.Post.Model.g.cs",
                "Blog.Models.Post.RawSql.g.cs",
                "Blog.Models.Profile.Model.g.cs",
                "Blog.Models.Profile.RawSql.g.cs",
                "Blog.Models.User.Model.g.cs",
                "Blog.Models.User.RawSql.g.cs",
                "BlogDb.Database.g.cs",
                "Linq.Generated.LinqDesignTime.g.cs",
            ],
            run.HintNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GeneratedCodeHasNoWarnings()
    {
        // Consumers build with warnings as errors; the generated files must not add any.
        var run = GeneratorHarness.Run(BlogSource);
        var generatedPaths = run.Output.SyntaxTrees.Skip(run.Input.SyntaxTrees.Length).Select(t => t.FilePath).ToHashSet();
        Assert.Equal(12, generatedPaths.Count);

        var warnings = run.CompilationDiagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && generatedPaths.Contains(d.Location.GetLineSpan().Path))
            .ToList();
        Assert.True(warnings.Count == 0, GeneratorRun.Describe(warnings));
    }

    [Fact]
    public void DatabaseGetsOneTablePropertyPerModel()
    {
        var run = GeneratorHarness.Run(BlogSource);
        var db = run.Output.GetTypeByMetadataName("BlogDb");
        Assert.NotNull(db);
        var table = run.Output.GetTypeByMetadataName("Linq.Table`1");
        Assert.NotNull(table);

        var tables = db.GetMembers().OfType<IPropertySymbol>()
            .Where(p => SymbolEqualityComparer.Default.Equals(p.Type.OriginalDefinition, table))
            .ToDictionary(p => p.Name, p => ((INamedTypeSymbol)p.Type).TypeArguments[0].ToDisplayString());

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Accounts"] = "Blog.Models.Account",
                ["Comments"] = "Blog.Models.Comment",
                ["Posts"] = "Blog.Models.Post",
                ["Profiles"] = "Blog.Models.Profile",
                ["Users"] = "Blog.Models.User",
            },
            tables);

        // The constructors the generated half adds.
        var constructors = db.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public)
            .Select(c => string.Join(",", c.Parameters.Select(p => p.Type.ToDisplayString()))).Order().ToList();
        Assert.Equal(["Linq.LinqDatabaseOptions", "string"], constructors);

        // Private ones bind a copy of the client to a transaction (the tx of TransactionAsync) or to extensions (WithExtensions).
        var copies = db.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Private)
            .Select(c => string.Join(",", c.Parameters.Select(p => p.Type.ToDisplayString()))).Order().ToList();
        Assert.Equal(["Linq.LinqDatabase,Linq.Contract.ClientExtensions", "Linq.LinqDatabase,Linq.Contract.TransactionBinding"], copies);
    }

    [Fact]
    public void DatabaseIncludesTheTablesOfADatabaseInAReferencedAssembly()
    {
        // The generator sees only the [Model] classes of its own compilation: a model library's tables come in through
        // Include, read from the referenced [Database] class's generated Table<T> properties.
        var library = GeneratorHarness.Run(BlogSource);
        Assert.True(library.CompilationErrors.Count == 0, GeneratorRun.Describe(library.CompilationErrors));
        using var image = new MemoryStream();
        var emitted = library.Output.WithAssemblyName("Blog.Model").Emit(image);
        Assert.True(emitted.Success, GeneratorRun.Describe(emitted.Diagnostics));

        const string app = """
            namespace App
            {
                [Model]
                public partial class Note
                {
                    [Id, AutoIncrement] public int Id { get; set; }
                    public required string Text { get; set; }
                }

                [Database(Include = [typeof(global::BlogDb)])]
                public partial class AppDb : LinqDatabase;
            }
            """;
        var input = GeneratorHarness.CreateCompilation(app).AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        var run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), input);

        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.CompilationErrors.Count == 0, GeneratorRun.Describe(run.CompilationErrors));
        Assert.Equal(["App.AppDb.Database.g.cs", "App.Note.Model.g.cs", "App.Note.RawSql.g.cs", "Linq.Generated.LinqDesignTime.g.cs"], run.HintNames.Order(StringComparer.Ordinal));

        var db = run.Output.GetTypeByMetadataName("App.AppDb");
        Assert.NotNull(db);
        var tables = db.GetMembers().OfType<IPropertySymbol>()
            .Where(p => p.Type.OriginalDefinition.ToDisplayString() == "Linq.Table<T>")
            .ToDictionary(p => p.Name, p => ((INamedTypeSymbol)p.Type).TypeArguments[0].ToDisplayString());
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Accounts"] = "Blog.Models.Account",
                ["Comments"] = "Blog.Models.Comment",
                ["Notes"] = "App.Note",
                ["Posts"] = "Blog.Models.Post",
                ["Profiles"] = "Blog.Models.Profile",
                ["Users"] = "Blog.Models.User",
            },
            tables);

        var generated = run.GeneratedSources.Single(s => s.HintName == "App.AppDb.Database.g.cs").SourceText.ToString();
        Assert.Contains("global::Linq.Contract.Models.Get<global::Blog.Models.User>()", generated);
        Assert.Contains("new global::Linq.Contract.EnumMetadata<global::Blog.Models.Role>(\"Role\", new string[] { \"User\", \"Admin\" }, new string[] { \"User\", \"Admin\" }, "
            + "new global::Blog.Models.Role[] { global::Blog.Models.Role.User, global::Blog.Models.Role.Admin })", generated);
    }

    [Fact]
    public void IncludingADatabaseOfTheSameCompilationAddsNothing()
    {
        var run = GeneratorHarness.Run(BlogSource + """

            [Database(Include = [typeof(BlogDb)])]
            public partial class OtherDb : LinqDatabase;
            """);

        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.CompilationErrors.Count == 0, GeneratorRun.Describe(run.CompilationErrors));
        var blog = run.GeneratedSources.Single(s => s.HintName == "BlogDb.Database.g.cs").SourceText.ToString();
        var other = run.GeneratedSources.Single(s => s.HintName == "OtherDb.Database.g.cs").SourceText.ToString();
        Assert.Equal(blog.Replace("BlogDb", "OtherDb", StringComparison.Ordinal), other);
    }

    [Fact]
    public void ModelsImplementIModel()
    {
        var run = GeneratorHarness.Run(BlogSource);
        var imodel = run.Output.GetTypeByMetadataName("Linq.Contract.IModel`1");
        Assert.NotNull(imodel);
        foreach (var name in new[] { "Account", "Comment", "Post", "Profile", "User" })
        {
            var model = run.Output.GetTypeByMetadataName("Blog.Models." + name);
            Assert.NotNull(model);
            Assert.Contains(model.AllInterfaces, i =>
                SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, imodel) && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], model));
        }
    }

    [Fact]
    public void CreateInputRequiresOnlyWhatTheDatabaseCannotFillIn()
    {
        var run = GeneratorHarness.Run(BlogSource);
        var input = run.Output.GetTypeByMetadataName("Blog.Models.UserCreateInput");
        Assert.NotNull(input);
        var properties = input.GetMembers().OfType<IPropertySymbol>().ToDictionary(p => p.Name);

        // Id is [AutoIncrement]: the database numbers it, so the input has no such field at all. Posts and Profile take nested writes.
        Assert.Equal(["Email", "Name", "Posts", "Profile", "Role"], properties.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Linq.NestedCreateMany<Blog.Models.Post, Blog.Models.PostCreateWithoutAuthorInput>?", properties["Posts"].Type.ToDisplayString());
        Assert.Equal("Linq.NestedCreateOne<Blog.Models.Profile, Blog.Models.ProfileCreateWithoutUserInput>?", properties["Profile"].Type.ToDisplayString());
        Assert.True(properties["Email"].IsRequired, "Email has no default and is not nullable");
        Assert.False(properties["Name"].IsRequired, "Name is nullable");
        Assert.False(properties["Role"].IsRequired, "Role has a [Default]");

        // Optional value-type fields become nullable so "not set" is distinguishable from a value.
        Assert.Equal("Blog.Models.Role?", properties["Role"].Type.ToDisplayString());
        Assert.Equal("string", properties["Email"].Type.ToDisplayString());
    }

    [Fact]
    public void Setting_an_autoincrement_id_or_omitting_a_required_field_is_a_compile_error()
    {
        var setsId = GeneratorHarness.Run(BlogSource + """

            public static class UsesInput
            {
                public static Blog.Models.UserCreateInput Make() => new() { Email = "a@b.c", Id = 5 };
            }
            """);
        Assert.Contains(setsId.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error && d.GetMessage().Contains("Id", StringComparison.Ordinal));

        var missesEmail = GeneratorHarness.Run(BlogSource + """

            public static class UsesInput
            {
                public static Blog.Models.UserCreateInput Make() => new() { Name = "x" };
            }
            """);
        Assert.Contains(missesEmail.CompilationDiagnostics, d => d.Id == "CS9035" && d.GetMessage().Contains("Email", StringComparison.Ordinal));
    }

    [Fact]
    public void CompositeKeysCompile()
    {
        const string source = """
            [Model, Unique(nameof(A), nameof(B))]
            public partial class Membership
            {
                [Id] public int GroupId { get; set; }
                [Id] public int UserId { get; set; }
                public required string A { get; set; }
                public int B { get; set; }
            }

            [Database]
            public partial class Db : LinqDatabase;
            """;

        var run = GeneratorHarness.Run(source);

        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.CompilationErrors.Count == 0, GeneratorRun.Describe(run.CompilationErrors));
        Assert.Contains("Membership.Model.g.cs", run.HintNames);

        var input = run.Output.GetTypeByMetadataName("MembershipCreateInput");
        Assert.NotNull(input);
        var required = input.GetMembers().OfType<IPropertySymbol>().Where(p => p.IsRequired).Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["A", "B", "GroupId", "UserId"], required);

        var generated = run.GeneratedSources.Single(s => s.HintName == "Membership.Model.g.cs").SourceText.ToString();
        Assert.Contains("\"Membership_pkey\", new global::Linq.Contract.ColumnMetadata[] { c[0], c[1] }", generated);
        Assert.Contains("\"Membership_A_B_key\", new global::Linq.Contract.ColumnMetadata[] { c[2], c[3] }", generated);
    }

    [Fact]
    public void CompositeForeignKeyToCompositePrimaryKeyCompiles()
    {
        const string source = """
            [Model]
            public partial class Membership
            {
                [Id] public int GroupId { get; set; }
                [Id] public int UserId { get; set; }
                public List<Vote> Votes { get; set; } = [];
            }

            [Model]
            public partial class Vote
            {
                [Id, AutoIncrement] public long Id { get; set; }
                public int GroupId { get; set; }
                public int UserId { get; set; }
                [Relation(new[] { nameof(GroupId), nameof(UserId) }, new[] { nameof(global::Membership.GroupId), nameof(global::Membership.UserId) })]
                public Membership? Membership { get; set; }
            }

            [Database]
            public partial class Db : LinqDatabase;
            """;

        var run = GeneratorHarness.Run(source);

        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.CompilationErrors.Count == 0, GeneratorRun.Describe(run.CompilationErrors));
        var vote = run.GeneratedSources.Single(s => s.HintName == "Vote.Model.g.cs").SourceText.ToString();
        Assert.Contains("new string[] { \"GroupId\", \"UserId\" }, new string[] { \"GroupId\", \"UserId\" }, \"Vote_GroupId_UserId_fkey\"", vote);
    }
}

using Microsoft.CodeAnalysis;

namespace Linq.Generators.Tests;

/// <summary>
/// <c>[Unique(Name = "…")]</c> on a property names the unique constraint the migrations get (the default
/// <c>&lt;table&gt;_&lt;column&gt;_key</c> stays when Name is left out), the name-collision checks see the explicit name,
/// and an empty or blank Name on any key attribute is LINQ067, not a constraint the database would reject.
/// </summary>
public class UniqueNameTests
{
    private static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void The_runtime_schema_names_a_property_unique_key_by_its_explicit_name()
    {
        var run = GeneratorHarness.Run("""
            namespace Shop
            {
                [Model(Table = "accounts")]
                [Unique(nameof(Region), nameof(Code), Name = "accounts_region_code_uq")]
                public partial class Account
                {
                    [Id] public int Id { get; set; }
                    [Unique(Name = "custom_email_unique")] public string Email { get; set; } = "";
                    [Unique, Map("login_name")] public string Login { get; set; } = "";
                    public string Region { get; set; } = "";
                    public string Code { get; set; } = "";
                }

                [Model(Table = "badges")]
                public partial class Badge
                {
                    // A named [Unique] on the sole key is a constraint of its own (as `linq db pull` writes one); unnamed it adds nothing.
                    [Id, Unique(Name = "badges_id_also_unique")] public int Id { get; set; }
                }

                [Model(Table = "tags")]
                public partial class Tag
                {
                    [Id, Unique] public int Id { get; set; }
                }

                [Database]
                public partial class ShopDb : LinqDatabase;
            }
            """);
        Assert.True(run.GeneratorDiagnostics.Length == 0, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.CompilationErrors.Count == 0, GeneratorRun.Describe(run.CompilationErrors));

        var schema = NameCollisionTests.RuntimeSchema(run, "Shop.ShopDb");
        var accounts = schema.Tables.Single(t => t.Name == "accounts");
        Assert.Equal(
            ["accounts_login_name_key|login_name", "accounts_region_code_uq|Region,Code", "custom_email_unique|Email"],
            accounts.Uniques.Select(u => u.Name + "|" + string.Join(",", u.Columns)).Order(StringComparer.Ordinal));
        Assert.Equal(["badges_id_also_unique|Id"], schema.Tables.Single(t => t.Name == "badges").Uniques.Select(u => u.Name + "|" + string.Join(",", u.Columns)));
        Assert.Empty(schema.Tables.Single(t => t.Name == "tags").Uniques);
    }

    [Fact]
    public void LINQ064_sees_the_explicit_name_and_points_at_the_propertys_Unique()
    {
        // Unique keys are indexes, which share the schema's one namespace with the tables: the explicit names are checked.
        var run = GeneratorHarness.Run("""
            [Model(Table = "accounts")]
            public partial class Account
            {
                [Id] public int Id { get; set; }
                [Unique(Name = "accounts_lookup")] public string Login { get; set; } = "";
                [Unique(Name = "accounts_lookup")] public string Email { get; set; } = "";
            }
            """);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("LINQ064", diagnostic.Id);
        Assert.Contains("Email", run.SpannedText(diagnostic), StringComparison.Ordinal);
        var message = Message(diagnostic);
        Assert.Contains("the unique key of 'Account.Login' ('accounts_lookup') and the unique key of 'Account.Email' ('accounts_lookup')", message, StringComparison.Ordinal);
        Assert.Contains("Name = \"…\" on the [Unique] of 'Account.Email'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_name_ends_a_collision_of_default_names()
    {
        // Without Name, "<60 u>_pkey" and "<60 u>_pkx_key" meet at 63 bytes (see NameCollisionTests); a short Name is the fix the hint gives.
        var table = new string('u', 60);
        var run = GeneratorHarness.Run($$"""
            [Model(Table = "{{table}}")]
            public partial class Account
            {
                [Id] public int Id { get; set; }
                [Unique(Name = "account_email_key"), Map("pkx")] public string Email { get; set; } = "";
            }
            """);

        Assert.True(run.GeneratorDiagnostics.Length == 0, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.CompilationErrors.Count == 0, GeneratorRun.Describe(run.CompilationErrors));
    }

    [Fact]
    public void LINQ067_an_empty_or_blank_key_name()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            [Unique(nameof(Region), nameof(Code), Name = "")]
            [Index(nameof(Region), Name = "  ")]
            public partial class Account
            {
                [Id] public int Id { get; set; }
                [Unique(Name = "")] public string Email { get; set; } = "";
                [Unique(Name = " \t")] public string Login { get; set; } = "";
                [FullTextIndex(Name = "")] public string Bio { get; set; } = "";
                public string Region { get; set; } = "";
                public string Code { get; set; } = "";
            }
            """);

        Assert.True(run.GeneratorDiagnostics.All(d => d.Id == "LINQ067") && run.GeneratorDiagnostics.Length == 5, GeneratorRun.Describe(run.GeneratorDiagnostics));
        var messages = run.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => (Text: run.SpannedText(d), Message: Message(d))).ToList();
        Assert.Contains("Unique(nameof(Region)", messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("The [Unique] of model 'Account' on (Region, Code) has an empty or blank Name", messages[0].Message, StringComparison.Ordinal);
        Assert.Contains("Index(nameof(Region)", messages[1].Text, StringComparison.Ordinal);
        Assert.Contains("The [Index] of model 'Account' on (Region)", messages[1].Message, StringComparison.Ordinal);
        Assert.Contains("Email", messages[2].Text, StringComparison.Ordinal);
        Assert.Contains("The [Unique] of property 'Account.Email' has an empty or blank Name", messages[2].Message, StringComparison.Ordinal);
        Assert.Contains("Login", messages[3].Text, StringComparison.Ordinal);
        Assert.Contains("The [Unique] of property 'Account.Login'", messages[3].Message, StringComparison.Ordinal);
        Assert.Contains("Bio", messages[4].Text, StringComparison.Ordinal);
        Assert.Contains("The [FullTextIndex] of property 'Account.Bio'", messages[4].Message, StringComparison.Ordinal);
    }
}

using Microsoft.CodeAnalysis;

namespace Linq.Generators.Tests;

/// <summary>
/// Key attributes that used to be dropped without a word: an empty <c>[Relation]</c> Name (LINQ067), a class-level
/// <c>[Unique]</c> or <c>[Index]</c> with no properties (LINQ068), several <c>[Unique]</c> on one property (each named
/// one is a key of its own; two that make the same name are LINQ069).
/// </summary>
public class KeyEdgeTests
{
    private static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> Uniques(GeneratorRun run, string table) =>
        [.. NameCollisionTests.RuntimeSchema(run, "Shop.ShopDb").Tables.Single(t => t.Name == table).Uniques
            .Select(u => u.Name + "|" + string.Join(",", u.Columns)).Order(StringComparer.Ordinal)];

    [Fact]
    public void LINQ067_an_empty_or_blank_relation_name()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            public partial class Customer
            {
                [Id] public int Id { get; set; }
            }

            [Model]
            public partial class Order
            {
                [Id] public int Id { get; set; }
                public int CustomerId { get; set; }
                public int PayerId { get; set; }
                [Relation(nameof(CustomerId), Name = "")] public Customer? Customer { get; set; }
                [Relation(nameof(PayerId), Name = "  ")] public Customer? Payer { get; set; }
            }
            """);

        Assert.True(run.GeneratorDiagnostics.All(d => d.Id == "LINQ067") && run.GeneratorDiagnostics.Length == 2, GeneratorRun.Describe(run.GeneratorDiagnostics));
        var messages = run.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => (Text: run.SpannedText(d), Message: Message(d))).ToList();
        Assert.Contains("Customer", messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("The [Relation] of property 'Order.Customer' has an empty or blank Name", messages[0].Message, StringComparison.Ordinal);
        Assert.Contains("Payer", messages[1].Text, StringComparison.Ordinal);
        Assert.Contains("The [Relation] of property 'Order.Payer'", messages[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_relation_still_names_its_foreign_key()
    {
        var run = GeneratorHarness.Run("""
            namespace Shop
            {
                [Model(Table = "customers")]
                public partial class Customer
                {
                    [Id] public int Id { get; set; }
                }

                [Model(Table = "orders")]
                public partial class Order
                {
                    [Id] public int Id { get; set; }
                    public int CustomerId { get; set; }
                    [Relation(nameof(CustomerId), Name = "orders_buyer_fk")] public Customer? Customer { get; set; }
                }

                [Database]
                public partial class ShopDb : LinqDatabase;
            }
            """);

        Assert.True(run.GeneratorDiagnostics.Length == 0, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.CompilationErrors.Count == 0, GeneratorRun.Describe(run.CompilationErrors));
        var orders = NameCollisionTests.RuntimeSchema(run, "Shop.ShopDb").Tables.Single(t => t.Name == "orders");
        Assert.Equal(["orders_buyer_fk"], orders.ForeignKeys.Select(f => f.Name));
    }

    [Fact]
    public void LINQ068_a_class_key_without_properties()
    {
        var run = GeneratorHarness.Run("""
            [Model]
            [Unique(Name = "accounts_something")]
            [Unique]
            [Index(Name = "accounts_lookup")]
            [Index]
            public partial class Account
            {
                [Id] public int Id { get; set; }
                public string Email { get; set; } = "";
            }
            """);

        Assert.True(run.GeneratorDiagnostics.All(d => d.Id == "LINQ068") && run.GeneratorDiagnostics.Length == 4, GeneratorRun.Describe(run.GeneratorDiagnostics));
        var messages = run.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => (Text: run.SpannedText(d), Message: Message(d))).ToList();
        Assert.Equal("Unique(Name = \"accounts_something\")", messages[0].Text);
        Assert.StartsWith("The [Unique] on model 'Account' lists no properties, so it makes no key.", messages[0].Message, StringComparison.Ordinal);
        Assert.Equal("Unique", messages[1].Text);
        Assert.Equal("Index(Name = \"accounts_lookup\")", messages[2].Text);
        Assert.StartsWith("The [Index] on model 'Account' lists no properties", messages[2].Message, StringComparison.Ordinal);
        Assert.Equal("Index", messages[3].Text);
    }

    [Fact]
    public void Several_named_uniques_on_one_property_are_each_a_key()
    {
        var run = GeneratorHarness.Run("""
            namespace Shop
            {
                [Model(Table = "accounts")]
                public partial class Account
                {
                    [Id] public int Id { get; set; }
                    [Unique(Name = "accounts_email_a"), Unique(Name = "accounts_email_b")] public string Email { get; set; } = "";
                    // One left to the default name next to a named one: two constraints, as a database may hold them.
                    [Unique, Unique(Name = "accounts_login_also"), Map("login_name")] public string Login { get; set; } = "";
                    [Unique] public string Phone { get; set; } = "";
                }

                [Model(Table = "badges")]
                public partial class Badge
                {
                    // On the sole key the unnamed [Unique] still adds nothing; the named ones are constraints of their own.
                    [Id, Unique, Unique(Name = "badges_id_x"), Unique(Name = "badges_id_y")] public int Id { get; set; }
                }

                [Database]
                public partial class ShopDb : LinqDatabase;
            }
            """);

        Assert.True(run.GeneratorDiagnostics.Length == 0, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.CompilationErrors.Count == 0, GeneratorRun.Describe(run.CompilationErrors));
        Assert.Equal(
            ["accounts_Phone_key|Phone", "accounts_email_a|Email", "accounts_email_b|Email", "accounts_login_also|login_name", "accounts_login_name_key|login_name"],
            Uniques(run, "accounts"));
        Assert.Equal(["badges_id_x|Id", "badges_id_y|Id"], Uniques(run, "badges"));
    }

    [Fact]
    public void LINQ069_two_uniques_on_one_property_that_make_the_same_key()
    {
        var run = GeneratorHarness.Run("""
            [Model(Table = "accounts")]
            public partial class Account
            {
                [Id] public int Id { get; set; }
                [Unique, Unique] public string Email { get; set; } = "";
                [Unique(Name = "accounts_login_uq"), Unique(Name = "accounts_login_uq")] public string Login { get; set; } = "";
                [Unique, Unique(Name = "accounts_Phone_key")] public string Phone { get; set; } = "";
            }
            """);

        Assert.True(run.GeneratorDiagnostics.All(d => d.Id == "LINQ069") && run.GeneratorDiagnostics.Length == 3, GeneratorRun.Describe(run.GeneratorDiagnostics));
        var messages = run.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => (Text: run.SpannedText(d), Message: Message(d))).ToList();
        Assert.Equal("Unique", messages[0].Text);
        Assert.StartsWith("Two [Unique] on property 'Account.Email' make the same unique key 'accounts_Email_key'.", messages[0].Message, StringComparison.Ordinal);
        Assert.Equal("Unique(Name = \"accounts_login_uq\")", messages[1].Text);
        Assert.Contains("'Account.Login' make the same unique key 'accounts_login_uq'", messages[1].Message, StringComparison.Ordinal);
        Assert.Equal("Unique(Name = \"accounts_Phone_key\")", messages[2].Text);
        Assert.Contains("'Account.Phone' make the same unique key 'accounts_Phone_key'", messages[2].Message, StringComparison.Ordinal);
    }
}

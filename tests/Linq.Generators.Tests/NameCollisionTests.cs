using System.Runtime.Loader;
using System.Text;
using Linq.Sql.Schema;
using Microsoft.CodeAnalysis;

namespace Linq.Generators.Tests;

/// <summary>
/// Names PostgreSQL would make one after its 63-byte cut are compile errors (LINQ064 relations of the schema, LINQ065
/// columns of a table, LINQ066 constraints of a table), reported at the later declaration with both names, the shared
/// name and the attribute that renames; a long name that meets no other stays legal. The names the generator checks are
/// compared with the schema the runtime gives the migrations, so the two derivations cannot drift apart.
/// </summary>
public class NameCollisionTests
{
    private static string Repeat(char c, int count) => new(c, count);

    private static List<Diagnostic> Errors(GeneratorRun run, string id) =>
        run.GeneratorDiagnostics.Where(d => d.Id == id).OrderBy(d => d.Location.SourceSpan.Start).ToList();

    private static void AssertMessage(Diagnostic diagnostic, params string[] parts)
    {
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var part in parts)
        {
            Assert.True(message.Contains(part, StringComparison.Ordinal), $"'{part}' is not in: {message}");
        }
    }

    // The model library's BlogDb, compiled and emitted on its own once, as a referenced project would be.
    private static readonly Lazy<MetadataReference> BlogLibrary = new(() =>
    {
        var library = GeneratorHarness.Run(ValidModelTests.BlogSource);
        Assert.True(library.CompilationErrors.Count == 0, GeneratorRun.Describe(library.CompilationErrors));
        using var image = new MemoryStream();
        Assert.True(library.Output.WithAssemblyName("Blog.Model").Emit(image).Success);
        return MetadataReference.CreateFromImage(image.ToArray());
    });

    /// <summary>The generator over <paramref name="app"/>, which references (and may include) the Blog model library.</summary>
    private static GeneratorRun RunOverBlogLibrary(string app) =>
        GeneratorHarness.Run(GeneratorHarness.CreateDriver(), GeneratorHarness.CreateCompilation(app).AddReferences(BlogLibrary.Value));

    private static void AssertOnly(GeneratorRun run, string id, int count)
    {
        Assert.True(run.GeneratorDiagnostics.All(d => d.Id == id) && run.GeneratorDiagnostics.Length == count, GeneratorRun.Describe(run.GeneratorDiagnostics));
    }

    [Fact]
    public void LINQ070_an_enum_type_that_meets_a_table_or_a_view_after_the_cut_and_none_that_does_not()
    {
        // "Kind" is the table of model Category, and Status's type cut to 63 bytes is the long view's cut name: both enums
        // meet a row type. Level's type meets nothing (an index of the same name is no type) and stays legal.
        var longView = Repeat('s', 63);
        var run = GeneratorHarness.Run($$"""
            [DbEnum] public enum Kind { A, B }
            [DbEnum(Name = "{{longView}}" + "enum")] public enum Status { On, Off }
            [DbEnum(Name = "Ticket_Level_idx")] public enum Level { Low, High }

            [Model(Table = "Kind")]
            public partial class Category
            {
                [Id] public int Id { get; set; }
            }

            [View("{{longView}}" + "view")]
            public partial class Audit
            {
                [Id] public int Id { get; set; }
            }

            [Model]
            [Index(nameof(Level))]
            public partial class Ticket
            {
                [Id] public int Id { get; set; }
                public Kind Kind { get; set; }
                public Status Status { get; set; }
                public Level Level { get; set; }
            }

            [Model]
            public partial class Note
            {
                [Id] public int Id { get; set; }
                public Kind Kind { get; set; }
            }
            """);

        AssertOnly(run, "LINQ070", 2);
        var errors = Errors(run, "LINQ070");
        Assert.All(errors, e => Assert.Equal("Ticket", run.SpannedText(e)));
        AssertMessage(errors.Single(e => e.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("'Kind' of enum", StringComparison.Ordinal)),
            "The [DbEnum] type 'Kind'", "used by model 'Ticket'", "the table of model 'Category' ('Kind')", "both named 'Kind'", "[DbEnum(Name = \"…\")]");
        AssertMessage(errors.Single(e => e.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("'Status'", StringComparison.Ordinal)),
            $"The [DbEnum] type '{longView}enum'", "the view of model 'Audit'", $"both named '{longView}'");
    }

    [Fact]
    public void LINQ064_a_table_of_63_bytes_or_more_meets_its_own_primary_key()
    {
        // "<table>_pkey" cut to 63 bytes is the table's own name once the table has 63 bytes: no default name can differ.
        var table = Repeat('t', 63);
        var run = GeneratorHarness.Run($$"""
            [Model(Table = "{{table}}")]
            public partial class Order
            {
                [Id] public int Id { get; set; }
            }
            """);

        AssertOnly(run, "LINQ064", 1);
        var diagnostic = Errors(run, "LINQ064").Single();
        Assert.Equal("Order", run.SpannedText(diagnostic));
        AssertMessage(diagnostic, $"the table of model 'Order' ('{table}')", $"the primary key of model 'Order' ('{table}_pkey')", $"both named '{table}'",
            "a shorter table name with [Model(Table = \"…\")] on 'Order'");
    }

    [Fact]
    public void LINQ064_two_tables_equal_after_the_cut()
    {
        // Both tables are past 63 bytes, so each also meets its own primary key; every name is reported against the first.
        var stem = Repeat('t', 63);
        var run = GeneratorHarness.Run($$"""
            [Model(Table = "{{stem}}_orders")]
            public partial class Order
            {
                [Id] public int Id { get; set; }
            }

            [Model(Table = "{{stem}}_order_lines")]
            public partial class OrderLine
            {
                [Id] public int Id { get; set; }
            }
            """);

        AssertOnly(run, "LINQ064", 3);
        var diagnostic = Errors(run, "LINQ064").Single(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("the table of model 'OrderLine'", StringComparison.Ordinal));
        Assert.Equal("OrderLine", run.SpannedText(diagnostic));
        AssertMessage(diagnostic, $"the table of model 'Order' ('{stem}_orders')", $"the table of model 'OrderLine' ('{stem}_order_lines')",
            $"both named '{stem}'", "[Model(Table = \"…\")] on 'OrderLine'");
    }

    [Fact]
    public void LINQ064_a_derived_foreign_key_index_meets_another_models_table()
    {
        // Child's table is 60 bytes: the index Linq adds at run time for its foreign key, "<table>_ParentId_idx", is cut to
        // "<table>_Pa"; the foreign key constraint "<table>_ParentId_fkey" is cut the same but is no relation. Only the
        // index and the table of Other meet; no table name meets another.
        var table = Repeat('c', 60);
        var run = GeneratorHarness.Run($$"""
            [Model]
            public partial class Parent
            {
                [Id] public int Id { get; set; }
                public List<Child> Children { get; set; } = [];
            }

            [Model(Table = "{{table}}")]
            public partial class Child
            {
                [Id] public int Id { get; set; }
                public int ParentId { get; set; }
                [Relation(nameof(ParentId))] public Parent? Parent { get; set; }
            }

            [Model(Table = "{{table}}_Pa")]
            public partial class Other
            {
                [Id] public int Id { get; set; }
            }
            """);

        // Other's 63-byte table also meets its own primary key: both are reported against the index, at Other.
        AssertOnly(run, "LINQ064", 2);
        var diagnostics = Errors(run, "LINQ064");
        Assert.All(diagnostics, d => Assert.Equal("Other", run.SpannedText(d)));
        AssertMessage(diagnostics[0], $"the index of the foreign key of 'Child.Parent' ('{table}_ParentId_idx')", $"the table of model 'Other' ('{table}_Pa')",
            $"both named '{table}_Pa'", "[Model(Table = \"…\")] on 'Other'");
        AssertMessage(diagnostics[1], $"the index of the foreign key of 'Child.Parent' ('{table}_ParentId_idx')", $"the primary key of model 'Other' ('{table}_Pa_pkey')");
    }

    [Fact]
    public void LINQ064_the_primary_key_and_a_unique_key_of_one_long_table()
    {
        // "<table>_pkey" and "<table>_pkx_key" are both cut to "<table>_pk": the second index cannot be created.
        var table = Repeat('u', 60);
        var run = GeneratorHarness.Run($$"""
            [Model(Table = "{{table}}")]
            public partial class Account
            {
                [Id] public int Id { get; set; }
                [Unique, Map("pkx")] public string Email { get; set; } = "";
            }
            """);

        AssertOnly(run, "LINQ064", 1);
        var diagnostic = Errors(run, "LINQ064").Single();
        Assert.Contains("Email", run.SpannedText(diagnostic), StringComparison.Ordinal);
        AssertMessage(diagnostic, "the primary key of model 'Account'", "the unique key of 'Account.Email'", $"both named '{table}_pk'",
            "Name = \"…\" on the [Unique] of 'Account.Email'");
    }

    [Fact]
    public void LINQ064_explicit_index_and_full_text_index_names()
    {
        var stem = Repeat('i', 63);
        var run = GeneratorHarness.Run($$"""
            [Model, Index(nameof(Title), Name = "{{stem}}_by_title")]
            public partial class Doc
            {
                [Id] public int Id { get; set; }
                public string Title { get; set; } = "";
                [FullTextIndex(Name = "{{stem}}_fts")] public string Body { get; set; } = "";
            }
            """);

        AssertOnly(run, "LINQ064", 1);
        var diagnostic = Errors(run, "LINQ064").Single();
        Assert.Contains("Body", run.SpannedText(diagnostic), StringComparison.Ordinal);
        AssertMessage(diagnostic, "the [Index] of model 'Doc' on (Title)", "the full-text index of 'Doc.Body'", $"both named '{stem}'",
            "[FullTextIndex(Name = \"…\")] on 'Doc.Body'");
    }

    [Fact]
    public void LINQ065_two_columns_equal_after_the_cut()
    {
        var stem = Repeat('k', 63);
        var run = GeneratorHarness.Run($$"""
            [Model]
            public partial class Reading
            {
                [Id] public int Id { get; set; }
                [Map("{{stem}}_celsius")] public double Celsius { get; set; }
                [Map("{{stem}}_fahrenheit")] public double Fahrenheit { get; set; }
            }
            """);

        AssertOnly(run, "LINQ065", 1);
        var diagnostic = Errors(run, "LINQ065").Single();
        Assert.Contains("Fahrenheit", run.SpannedText(diagnostic), StringComparison.Ordinal);
        AssertMessage(diagnostic, "Properties 'Celsius' and 'Fahrenheit' of model 'Reading'", $"both '{stem}'", "Give 'Fahrenheit' a shorter column name with [Map(\"…\")]");
    }

    [Fact]
    public void LINQ065_the_cut_falls_inside_a_two_byte_character()
    {
        // 32 × 'é' is 64 bytes: PostgreSQL keeps 31 (62 bytes) rather than split the 32nd. 'é' (C3 A9) and 'ő' (C5 91)
        // differ in their first byte, so a cut at byte 63 would keep them apart; a cut at 63 characters would keep all.
        var kept = Repeat('é', 31);
        Assert.Equal(62, Encoding.UTF8.GetByteCount(kept));
        var run = GeneratorHarness.Run($$"""
            [Model]
            public partial class Café
            {
                [Id] public int Id { get; set; }
                [Map("{{kept}}é")] public string? First { get; set; }
                [Map("{{kept}}ő")] public string? Second { get; set; }
            }
            """);

        AssertOnly(run, "LINQ065", 1);
        var diagnostic = Errors(run, "LINQ065").Single();
        Assert.Contains("Second", run.SpannedText(diagnostic), StringComparison.Ordinal);
        AssertMessage(diagnostic, $"which are both '{kept}' in PostgreSQL");
    }

    [Fact]
    public void LINQ066_an_explicit_relation_name_meets_a_decimal_range_check()
    {
        // The unbounded decimal gets "Ledger_<column>_range", cut to "Ledger_" + 56 'c'; the [Relation]'s explicit name is
        // cut to the same. Two foreign keys named alike past the cut meet as well.
        var column = Repeat('c', 60);
        var checkCut = "Ledger_" + Repeat('c', 56);
        var fkStem = Repeat('f', 63);
        var run = GeneratorHarness.Run($$"""
            [Model]
            public partial class Account
            {
                [Id] public int Id { get; set; }
            }

            [Model]
            public partial class Ledger
            {
                [Id] public int Id { get; set; }
                [Map("{{column}}")] public decimal Amount { get; set; }
                public int AccountId { get; set; }
                [Relation(nameof(AccountId), Name = "{{checkCut}}_fk")] public Account? Account { get; set; }
                public int FromId { get; set; }
                [Relation(nameof(FromId), Name = "{{fkStem}}_from")] public Account? From { get; set; }
                public int ToId { get; set; }
                [Relation(nameof(ToId), Name = "{{fkStem}}_to")] public Account? To { get; set; }
            }
            """);

        AssertOnly(run, "LINQ066", 2);
        var diagnostics = Errors(run, "LINQ066");
        Assert.Contains("Account", run.SpannedText(diagnostics[0]), StringComparison.Ordinal);
        AssertMessage(diagnostics[0], "the decimal range check of 'Ledger.Amount'", "the foreign key of 'Ledger.Account'", "of table 'Ledger'",
            $"both named '{checkCut}'", "Name = \"…\" on the [Relation] of 'Ledger.Account'");
        Assert.Contains("To", run.SpannedText(diagnostics[1]), StringComparison.Ordinal);
        AssertMessage(diagnostics[1], "the foreign key of 'Ledger.From'", "the foreign key of 'Ledger.To'", $"both named '{fkStem}'");
    }

    [Fact]
    public void LINQ064_and_LINQ066_a_join_table_named_too_long_for_its_keys()
    {
        // A 62-byte join table: "<name>_AB_pkey" and "<name>_B_index" are both cut to "<name>_" (relations), and so are
        // the primary key and "<name>_A_fkey" and "<name>_B_fkey" (constraints of the join table).
        var name = Repeat('j', 62);
        var run = GeneratorHarness.Run($$"""
            [Model]
            public partial class Post
            {
                [Id] public int Id { get; set; }
                [ManyToMany("{{name}}")] public List<Tag> Tags { get; set; } = [];
            }

            [Model]
            public partial class Tag
            {
                [Id] public int Id { get; set; }
                [ManyToMany("{{name}}")] public List<Post> Posts { get; set; } = [];
            }
            """);

        Assert.True(run.GeneratorDiagnostics.Length == 3, GeneratorRun.Describe(run.GeneratorDiagnostics));
        var relation = Errors(run, "LINQ064").Single();
        Assert.Equal("Tags", run.SpannedText(relation));
        AssertMessage(relation, "the primary key of the join table of 'Post.Tags'", "the index of the join table of 'Post.Tags'",
            $"both named '{name}_'", "a shorter name in [ManyToMany(\"…\")] on both sides of 'Post.Tags'");
        var constraints = Errors(run, "LINQ066");
        Assert.Equal(2, constraints.Count);
        AssertMessage(constraints[0], "the primary key of the join table", "the foreign key 'A' of the join table", $"of table '{name}'");
        AssertMessage(constraints[1], "the primary key of the join table", "the foreign key 'B' of the join table", $"of table '{name}'");
    }

    [Fact]
    public void Long_names_that_meet_no_other_stay_legal()
    {
        var run = GeneratorHarness.Run(LongNamesSource);
        Assert.True(run.GeneratorDiagnostics.Length == 0, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.CompilationErrors.Count == 0, GeneratorRun.Describe(run.CompilationErrors));
    }

    [Fact]
    public void The_names_checked_are_the_names_the_runtime_schema_gets()
    {
        var run = GeneratorHarness.Run(LongNamesSource);
        Assert.True(run.CompilationErrors.Count == 0, GeneratorRun.Describe(run.CompilationErrors));
        var checkedNames = SchemaNames.Collect(Plans(run.Input)).Where(t => t.Table.Kind == SchemaNameKind.Table).ToList();
        var schema = RuntimeSchema(run, "Long.LongDb");

        Assert.Equal(schema.Tables.Select(t => t.Name).Order(StringComparer.Ordinal), checkedNames.Select(t => t.Table.Name).Order(StringComparer.Ordinal));
        foreach (var table in schema.Tables)
        {
            var names = checkedNames.Single(t => t.Table.Name == table.Name);
            Assert.Equal(table.Columns.Select(c => c.Name).Order(StringComparer.Ordinal), names.Columns.Select(c => c.Name).Order(StringComparer.Ordinal));
            Assert.Equal(
                table.Uniques.Select(u => u.Name).Concat(table.Indexes.Select(i => i.Name)).Append(table.EffectivePrimaryKeyName).Order(StringComparer.Ordinal),
                names.Indexes.Select(i => i.Name).Order(StringComparer.Ordinal));
            Assert.Equal(
                table.Uniques.Select(u => u.Name).Concat(table.ForeignKeys.Select(f => f.Name)).Concat(table.Checks.Select(c => c.Name))
                    .Append(table.EffectivePrimaryKeyName).Order(StringComparer.Ordinal),
                names.Constraints.Select(c => c.Name).Order(StringComparer.Ordinal));
        }

        // The model does reach past 63 bytes with every kind of derived name, so the comparison above means something.
        var all = checkedNames.SelectMany(t => t.Indexes.Concat(t.Constraints).Append(t.Table)).ToList();
        Assert.All(new[] { "_pkey", "_key", "_idx", "_fts_idx", "_fkey", "_range", "_index" },
            suffix => Assert.Contains(all, n => n.Name.EndsWith(suffix, StringComparison.Ordinal) && Encoding.UTF8.GetByteCount(n.Name) > 63));
    }

    [Fact]
    public void Truncate_cuts_at_63_bytes_on_a_character_boundary()
    {
        Assert.Equal(Repeat('a', 63), PostgresIdentifier.Truncate(Repeat('a', 70)));
        Assert.Equal(Repeat('a', 63), PostgresIdentifier.Truncate(Repeat('a', 63)));
        Assert.Equal(Repeat('é', 31), PostgresIdentifier.Truncate(Repeat('é', 40)));
        Assert.Equal("a" + Repeat('é', 31), PostgresIdentifier.Truncate("a" + Repeat('é', 40)));
        // A 4-byte character (a surrogate pair) that would end at byte 64 is left out whole.
        Assert.Equal(Repeat('a', 60), PostgresIdentifier.Truncate(Repeat('a', 60) + "😀"));
        Assert.Equal(Repeat('a', 59) + "😀", PostgresIdentifier.Truncate(Repeat('a', 59) + "😀b"));
    }

    // 60 bytes each: a table of 63 bytes or more would meet its own "<table>_pkey", and "<join>_AB_pkey" would meet
    // "<join>_A_fkey" past 60.
    private static readonly string CustomerTable = Repeat('a', 50) + "_customers";
    private static readonly string PurchaseTable = Repeat('b', 50) + "_purchases";
    private static readonly string JoinTable = Repeat('m', 55) + "_join";

    /// <summary>
    /// Every kind of name past 63 bytes and none meeting another: 60-byte tables, a unique property, a class-level unique
    /// and index, a full-text index, a foreign key with the index Linq adds, a decimal range check, a many-to-many join
    /// table, and a view; and a row version, which has no column of its own.
    /// </summary>
    internal static readonly string LongNamesSource = $$"""
        namespace Long
        {
            [Model(Table = "{{CustomerTable}}")]
            [Unique(nameof(Region), nameof(Code), Name = "customer_region_code_{{Repeat('x', 50)}}")]
            [Index(nameof(Name))]
            public partial class Customer
            {
                [Id, AutoIncrement] public int Id { get; set; }
                [Unique] public string Email { get; set; } = "";
                public string Region { get; set; } = "";
                public string Code { get; set; } = "";
                [Map("name_of_the_customer_as_it_appears_on_invoices_and_on_statements")] public string Name { get; set; } = "";
                [FullTextIndex] public string Notes { get; set; } = "";
                public decimal CreditLimit { get; set; }
                [RowVersion] public uint Version { get; set; }
                public List<Purchase> Purchases { get; set; } = [];
                public List<Segment> Segments { get; set; } = [];
            }

            [Model(Table = "{{PurchaseTable}}")]
            public partial class Purchase
            {
                [Id, AutoIncrement] public long Id { get; set; }
                public int CustomerId { get; set; }
                [Relation(nameof(CustomerId))] public Customer? Customer { get; set; }
                [Precision(40, 2)] public decimal Total { get; set; }
            }

            [Model]
            public partial class Segment
            {
                [Id, AutoIncrement] public int Id { get; set; }
                public List<Customer> Customers { get; set; } = [];
            }

            [Model]
            public partial class Note
            {
                [Id] public int Id { get; set; }
                [ManyToMany("{{JoinTable}}")] public List<Tag> Tags { get; set; } = [];
            }

            [Model]
            public partial class Tag
            {
                [Id] public int Id { get; set; }
                [ManyToMany("{{JoinTable}}")] public List<Note> Notes { get; set; } = [];
            }

            [View("{{Repeat('v', 64)}}_stats")]
            public partial class CustomerStat
            {
                [Id] public int CustomerId { get; set; }
                public long Purchases { get; set; }
            }

            [Database]
            public partial class LongDb : LinqDatabase;
        }
        """;

    // The generator's own reading and resolution of the models, as its pipeline does them.
    private static List<ModelPlan> Plans(Compilation compilation)
    {
        var models = new List<ModelInfo>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var semantic = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>())
            {
                var type = (INamedTypeSymbol)semantic.GetDeclaredSymbol(declaration)!;
                var attributes = type.GetAttributes();
                if (attributes.FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "Linq.ModelAttribute") is { } model)
                {
                    models.Add(ModelReader.Read(type, model));
                }
                else if (attributes.FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "Linq.ViewAttribute") is { } view)
                {
                    models.Add(ModelReader.ReadView(type, view));
                }
            }
        }

        var diagnostics = new List<DiagnosticInfo>();
        var plans = ModelResolver.Resolve(models.OrderBy(m => m.FullName, StringComparer.Ordinal).ToList(), diagnostics);
        Assert.Empty(diagnostics);
        return plans;
    }

    // The schema the migrations get from the built assembly, through the design-time entry point the linq tool calls.
    internal static SchemaDefinition RuntimeSchema(GeneratorRun run, string database)
    {
        using var image = new MemoryStream();
        var emitted = run.Output.WithAssemblyName("LongNamesInput").Emit(image);
        Assert.True(emitted.Success, GeneratorRun.Describe(emitted.Diagnostics));
        var context = new AssemblyLoadContext("long-names", isCollectible: true);
        try
        {
            image.Position = 0;
            var entry = context.LoadFromStream(image).GetType("Linq.Generated.LinqDesignTime", throwOnError: true)!;
            return (SchemaDefinition)entry.GetMethod("GetSchema")!.Invoke(null, [database])!;
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Names_of_an_included_database_are_checked_against_the_local_models_and_reported_at_the_local_ones()
    {
        // The model library's BlogDb (tables Account, comments, Post, Profile, User; enum type Role) is compiled on its own
        // and included; the app's own models meet its names: a table named User, an index named like Post's primary key,
        // and an enum type named like the comments table. A fourth local model with distinct names stays legal, and the
        // library's own names are not reported again.
        const string app = """
            namespace App
            {
                [Model(Table = "User")]
                public partial class Person
                {
                    [Id] public int Id { get; set; }
                }

                [Model, Index(nameof(Title), Name = "Post_pkey")]
                public partial class Note
                {
                    [Id] public int Id { get; set; }
                    public required string Title { get; set; }
                    public Mood Mood { get; set; }
                }

                [DbEnum(Name = "comments")] public enum Mood { Calm, Busy }

                [Model]
                public partial class Label
                {
                    [Id] public int Id { get; set; }
                }

                [Database(Include = [typeof(global::BlogDb)])]
                public partial class AppDb : LinqDatabase;
            }
            """;
        var run = RunOverBlogLibrary(app);

        // The table User, and so its primary key User_pkey, at Person; the index at Note's [Index].
        var relations = Errors(run, "LINQ064");
        Assert.True(relations.Count == 3, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.Equal(["Person", "Person"], relations.Take(2).Select(run.SpannedText));
        Assert.Contains("Post_pkey", run.SpannedText(relations[2]), StringComparison.Ordinal);
        var messages = relations.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(messages, m => m.Contains("the table of model 'User' (an included model) ('User') and the table of model 'Person' ('User')", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("the primary key of model 'User' (an included model) ('User_pkey') and the primary key of model 'Person'", StringComparison.Ordinal));
        AssertMessage(relations[2], "the primary key of model 'Post' (an included model) ('Post_pkey')", "the [Index] of model 'Note'");
        var enums = Errors(run, "LINQ070");
        Assert.True(enums.Count == 1, GeneratorRun.Describe(run.GeneratorDiagnostics));
        AssertMessage(enums[0], "'comments'", "App.Mood", "(an included model)");
        Assert.True(run.GeneratorDiagnostics.Length == 4, GeneratorRun.Describe(run.GeneratorDiagnostics));

        // Without the clashing names the same app compiles clean.
        var clean = app.Replace("Table = \"User\"", "Table = \"Person\"", StringComparison.Ordinal)
            .Replace("Name = \"Post_pkey\"", "Name = \"Note_title\"", StringComparison.Ordinal)
            .Replace("Name = \"comments\"", "Name = \"mood\"", StringComparison.Ordinal);
        var ok = RunOverBlogLibrary(clean);
        Assert.True(ok.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(ok.GeneratorDiagnostics));
        Assert.True(ok.CompilationErrors.Count == 0, GeneratorRun.Describe(ok.CompilationErrors));
    }

    [Fact]
    public void LINQ071_two_enums_with_one_type_name_after_the_cut_and_one_enum_used_twice_is_fine()
    {
        // Color and Paint are both "color"; Shade's 70-byte name and Tint's 66-byte name share their first 63 bytes.
        // Size is used by two models (one type, no error); Mood has a name of its own.
        var longName = Repeat('t', 63);
        var run = GeneratorHarness.Run($$"""
            [DbEnum(Name = "color")] public enum Color { Red, Green }
            [DbEnum(Name = "color")] public enum Paint { Matt, Gloss }
            [DbEnum(Name = "{{longName}}" + "shade__")] public enum Shade { Light, Dark }
            [DbEnum(Name = "{{longName}}" + "_x")] public enum Tint { Warm, Cold }
            [DbEnum] public enum Size { S, M }
            [DbEnum] public enum Mood { Calm, Busy }

            [Model]
            public partial class Car
            {
                [Id] public int Id { get; set; }
                public Color Color { get; set; }
                public Shade Shade { get; set; }
                public Size Size { get; set; }
            }

            [Model]
            public partial class Wall
            {
                [Id] public int Id { get; set; }
                public Paint Paint { get; set; }
                public Tint Tint { get; set; }
                public Size Size { get; set; }
                public Mood Mood { get; set; }
            }
            """);

        AssertOnly(run, "LINQ071", 2);
        var errors = Errors(run, "LINQ071");
        Assert.All(errors, e => Assert.Equal("Wall", run.SpannedText(e)));
        var messages = errors.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(messages, m => m.Contains("enums 'Paint' ('color', used by model 'Wall') and 'Color' ('color', used by model 'Car') are both named 'color'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("enums 'Tint'", StringComparison.Ordinal) && m.Contains($"both named '{longName}'", StringComparison.Ordinal));
    }

    [Fact]
    public void LINQ071_a_local_enum_with_the_type_name_of_an_included_enum()
    {
        const string app = """
            namespace App
            {
                [DbEnum(Name = "Role")] public enum Access { Read, Write }

                [Model]
                public partial class Grant
                {
                    [Id] public int Id { get; set; }
                    public Access Access { get; set; }
                }

                [Database(Include = [typeof(global::BlogDb)])]
                public partial class AppDb : LinqDatabase;
            }
            """;
        var run = RunOverBlogLibrary(app);

        AssertOnly(run, "LINQ071", 1);
        var error = Errors(run, "LINQ071").Single();
        Assert.Equal("Grant", run.SpannedText(error));
        AssertMessage(error, "enums 'App.Access' ('Role', used by model 'Grant') and 'Blog.Models.Role' ('Role', used by model 'User (an included model)')");
    }
}

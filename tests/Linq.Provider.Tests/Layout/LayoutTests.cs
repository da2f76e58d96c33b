using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Linq.Provider.Tests.Layout;

/// <summary>
/// The layout of src/ is checked, not just described: namespaces match folders, dependencies between folders point
/// down (read from using directives and qualified names), and only the public surface and the generated-code
/// contract are public.
/// </summary>
public sealed partial class LayoutTests
{
    /// <summary>
    /// What a folder (a path under src/, with '/') may not use, read from its using directives and qualified names.
    /// A name is forbidden when it is, or starts with, a forbidden namespace and is not under an allowed one.
    /// </summary>
    private static readonly DependencyRule[] Rules =
    [
        new("Linq.Sql", "the SQL tree, renderer and DDL know nothing of Npgsql, LINQ expressions, re-linq or the runtime",
            Forbidden: ["Linq.Migrations", "Npgsql", "NpgsqlTypes", "System.Linq.Expressions", "Remotion", "Linq.Contract", "Linq.Execution", "Linq.Querying", "Linq.Writing",
                "Linq.Transactions", "Linq.RawSql", "Linq.Hosting"]),
        new("Linq.Provider/Contract", "the contract generated code calls sits below every stage, raw SQL included",
            Forbidden: ["Linq.Migrations", "Linq.Execution", "Linq.Querying", "Linq.Writing", "Linq.Transactions", "Linq.RawSql", "Linq.Hosting", "Linq.Routing", "Remotion"]),
        new("Linq.Provider/Execution", "execution runs statements and returns results; it knows nothing of querying, writing or transactions",
            Forbidden: ["Linq.Migrations", "Linq.Querying", "Linq.Writing", "Linq.Transactions", "Linq.RawSql", "Linq.Hosting", "Linq.Routing", "Remotion"]),
        new("Linq.Provider/Diagnostics", "the log events, meter and N+1 detector sit below execution: every stage may report through them",
            Forbidden: ["Linq.Migrations", "Linq.Execution", "Linq.Querying", "Linq.Writing", "Linq.Transactions", "Linq.RawSql", "Linq.Hosting", "Linq.Routing", "Remotion"]),
        new("Linq.Provider/Transactions", "transactions sit on execution only",
            Forbidden: ["Linq.Migrations", "Linq.Querying", "Linq.Writing", "Linq.RawSql", "Remotion"]),
        new("Linq.Provider/Writing", "writes get filters through Querying.Filters, not the query pipeline's internals",
            Forbidden: ["Linq.Migrations", "Linq.Querying", "Linq.Transactions", "Linq.RawSql", "Remotion"], Allowed: ["Linq.Querying.Filters"]),
        new("Linq.Provider/Querying", "the query stages know nothing of writes, transactions or raw SQL",
            Forbidden: ["Linq.Migrations", "Linq.Writing", "Linq.Transactions", "Linq.RawSql"]),
        new("Linq.Provider/RawSql", "raw SQL runs on execution; it does not translate LINQ or write models",
            Forbidden: ["Linq.Migrations", "Linq.Querying", "Linq.Writing", "Linq.Transactions", "Remotion"]),
        new("Linq.Provider/Hosting", "connection string parsing stands alone",
            Forbidden: ["Linq.Migrations", "Linq.Contract", "Linq.Execution", "Linq.Querying", "Linq.Writing", "Linq.Transactions", "Linq.RawSql", "Linq.Routing", "Remotion"]),
        new("Linq.Provider/Routing", "routing picks the server of a read (a replica's executor or the primary's); it sits on execution and hosting",
            Forbidden: ["Linq.Migrations", "Linq.Querying", "Linq.Writing", "Linq.Transactions", "Linq.RawSql", "Remotion"]),
        new("Linq.Provider", "re-linq is seen only by its seam, Querying/Relinq; the translators read our own query model",
            Forbidden: ["Remotion"], Exempt: ["Linq.Provider/Querying/Relinq"]),
        new("Linq.Migrations", "migrations sit on the schema model and Npgsql; the runtime calls them, never the reverse",
            Forbidden: ["Linq.Contract", "Linq.Execution", "Linq.Querying", "Linq.Writing", "Linq.Transactions", "Linq.RawSql", "Linq.Hosting", "Remotion"]),
    ];

    /// <summary>Public types outside Public/ (namespace Linq) and Contract/ (namespace Linq.Contract), with the reason for each.</summary>
    private static readonly Dictionary<string, string> PublicElsewhere = new()
    {
        // A class Linq.Sql cannot exist beside the Linq.Sql namespace, so the raw SQL API keeps its own namespace.
        ["Linq.RawSql.Sql"] = "raw SQL API",
        ["Linq.RawSql.SqlFragment"] = "raw SQL API",
        ["Linq.RawSql.SqlInterpolatedStringHandler"] = "raw SQL API",
    };

    [Fact]
    public void Every_namespace_matches_its_folder()
    {
        var offences = new List<string>();
        foreach (var project in Directory.EnumerateDirectories(SourceRoot))
        {
            var csproj = Directory.EnumerateFiles(project, "*.csproj").SingleOrDefault();
            if (csproj is null)
            {
                continue;
            }

            var root = RootNamespace().Match(File.ReadAllText(csproj)) is { Success: true } m ? m.Groups[1].Value : Path.GetFileNameWithoutExtension(csproj);
            foreach (var file in SourceFiles(project))
            {
                var relative = Path.GetRelativePath(project, file).Replace('\\', '/');
                var expected = ExpectedNamespace(Path.GetFileName(project), root, relative);
                if (expected is null)
                {
                    continue;
                }

                foreach (Match declared in NamespaceDeclaration().Matches(File.ReadAllText(file)))
                {
                    if (declared.Groups[1].Value != expected)
                    {
                        offences.Add($"{Path.GetFileName(project)}/{relative}: namespace {declared.Groups[1].Value}, expected {expected}");
                    }
                }
            }
        }

        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences));
    }

    // Public/ and everything under it is the public surface, namespace Linq: users import one namespace. The
    // generator's IsExternalInit polyfill must sit in System.Runtime.CompilerServices.
    private static string? ExpectedNamespace(string project, string root, string relative)
    {
        if (project == "Linq.Provider" && relative.StartsWith("Public/", StringComparison.Ordinal))
        {
            return "Linq";
        }

        if (project == "Linq.Generators" && relative == "IsExternalInit.cs")
        {
            return null;
        }

        var folder = Path.GetDirectoryName(relative)!.Replace('\\', '/');
        return folder.Length == 0 ? root : root + "." + folder.Replace('/', '.');
    }

    [Fact]
    public void Folder_dependencies_point_down()
    {
        var offences = new List<string>();
        foreach (var rule in Rules)
        {
            var folder = Path.Combine(SourceRoot, rule.Folder);
            Assert.True(Directory.Exists(folder), "No folder src/" + rule.Folder);
            foreach (var file in SourceFiles(folder))
            {
                var relative = Path.GetRelativePath(SourceRoot, file).Replace('\\', '/');
                if (rule.Exempt.Any(e => relative.StartsWith(e + "/", StringComparison.Ordinal)))
                {
                    continue;
                }

                foreach (var name in ReferencedNamespaces(File.ReadAllText(file)))
                {
                    if (rule.Forbidden.Any(f => Under(name, f)) && !rule.Allowed.Any(a => Under(name, a)))
                    {
                        offences.Add($"{relative} uses {name}: {rule.Why}");
                    }
                }
            }
        }

        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences.Distinct()));
    }

    [Fact]
    public void The_sql_project_references_neither_npgsql_nor_remotion()
    {
        var csproj = File.ReadAllText(Path.Combine(SourceRoot, "Linq.Sql", "Linq.Sql.csproj"));
        Assert.DoesNotContain("Npgsql", csproj, StringComparison.Ordinal);
        Assert.DoesNotContain("Remotion", csproj, StringComparison.Ordinal);
        Assert.DoesNotContain("ProjectReference", csproj, StringComparison.Ordinal);
    }

    [Fact]
    public void The_migrations_project_references_only_the_sql_project_and_npgsql()
    {
        // So the provider may reference it (db.Migrations, the diff-based PushAsync) and it points down.
        var csproj = File.ReadAllText(Path.Combine(SourceRoot, "Linq.Migrations", "Linq.Migrations.csproj"));
        Assert.Equal(["Npgsql"], Reference().Matches(csproj).Where(m => m.Groups[1].Value == "PackageReference").Select(m => m.Groups[2].Value));
        Assert.Equal(["..\\Linq.Sql\\Linq.Sql.csproj"], Reference().Matches(csproj).Where(m => m.Groups[1].Value == "ProjectReference").Select(m => m.Groups[2].Value));
    }

    [Fact]
    public void The_reference_scanner_sees_usings_and_qualified_names()
    {
        var names = ReferencedNamespaces("""
            using Linq.Contract;
            using static Linq.Writing.Typed;
            using Alias = Remotion.Linq.QueryModel;
            namespace Linq.Execution;
            // using Linq.Querying; (a comment)
            class C { string s = "Linq.Transactions.X"; object a = Querying.Caching.Evaluator.Evaluate(null); global::Npgsql.NpgsqlCommand? b; }
            """).ToList();
        Assert.Contains("Linq.Contract", names);
        Assert.Contains("Linq.Writing.Typed", names);
        Assert.Contains(names, n => n.StartsWith("Remotion.Linq", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("Linq.Querying.Caching", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("Npgsql", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("Linq.Transactions", StringComparison.Ordinal));
        Assert.DoesNotContain("Linq.Querying", names);
    }

    [Fact]
    public void Only_the_public_surface_and_the_contract_are_public()
    {
        var offences = ProviderTypes()
            .Where(t => t.IsVisible && t.DeclaringType is null)
            .Where(t => t.Namespace is not ("Linq" or "Linq.Contract") && !PublicElsewhere.ContainsKey(t.FullName!))
            .Select(t => t.FullName!)
            .ToList();
        Assert.True(offences.Count == 0, "Public outside Public/ and Contract/: " + string.Join(", ", offences));
    }

    [Fact]
    public void Public_types_live_in_public_or_contract_folders()
    {
        // The reverse of the namespace rule: an internal type in namespace Linq would sit in Public/ without being public surface.
        var offences = ProviderTypes()
            .Where(t => t.DeclaringType is null && !t.IsVisible && t.Namespace is "Linq" or "Linq.Contract")
            .Where(t => t.GetCustomAttribute<CompilerGeneratedAttribute>() is null && !t.Name.StartsWith('<'))
            .Select(t => t.FullName!)
            .ToList();
        Assert.True(offences.Count == 0, "Internal types in the public or contract namespace: " + string.Join(", ", offences));
    }

    [Fact]
    public void Contract_types_are_hidden_from_intellisense()
    {
        var offences = ProviderTypes()
            .Where(t => t.IsVisible && t.Namespace == "Linq.Contract" && t.DeclaringType is null)
            .Where(t => t.GetCustomAttribute<EditorBrowsableAttribute>()?.State != EditorBrowsableState.Never)
            .Select(t => t.FullName!)
            .ToList();
        Assert.Contains(ProviderTypes(), t => t.Namespace == "Linq.Contract");
        Assert.True(offences.Count == 0, "Contract types without [EditorBrowsable(Never)]: " + string.Join(", ", offences));
    }

    [Fact]
    public void Internal_classes_are_sealed_unless_derived_from()
    {
        var types = ProviderTypes();
        var bases = types.Select(t => t.BaseType).Where(b => b is not null).Select(b => b!.IsGenericType ? b.GetGenericTypeDefinition() : b).ToHashSet();
        var offences = types
            .Where(t => t.IsClass && !t.IsVisible && !t.IsSealed && !t.IsAbstract && !bases.Contains(t))
            .Where(t => t.GetCustomAttribute<CompilerGeneratedAttribute>() is null && !t.FullName!.Contains('<'))
            .Select(t => t.FullName!)
            .ToList();
        Assert.True(offences.Count == 0, "Internal classes that could be sealed: " + string.Join(", ", offences));
    }

    [Fact]
    public void Generated_code_calls_only_the_public_surface_the_contract_and_the_schema_model()
    {
        var generator = Path.Combine(SourceRoot, "Linq.Generators");
        var used = SourceFiles(generator)
            .SelectMany(f => EmittedName().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();
        Assert.Contains("Contract", used);
        Assert.Empty(used.Except(["Contract", "Sql"]));
    }

    private static Type[] ProviderTypes() => typeof(LinqDatabase).Assembly.GetTypes();

    private static bool Under(string name, string ns) =>
        name == ns || name.StartsWith(ns + ".", StringComparison.Ordinal);

    /// <summary>
    /// The namespaces a file names: using directives (plain, static, alias), global:: names, names qualified from
    /// Linq (Linq.X.Y) and, since the provider's code sits inside namespace Linq, names qualified from one of its
    /// folders (Querying.Caching.Evaluator). Comments and string literals are ignored.
    /// </summary>
    private static IEnumerable<string> ReferencedNamespaces(string source)
    {
        var code = CommentOrString().Replace(source, " ");
        foreach (Match m in UsingDirective().Matches(code))
        {
            yield return m.Groups[1].Value;
        }

        foreach (Match m in QualifiedName().Matches(code))
        {
            yield return m.Groups[1].Value;
        }

        foreach (Match m in FolderQualifiedName().Matches(code))
        {
            yield return "Linq." + m.Groups[1].Value;
        }
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    private static string SourceRoot { get; } = Path.Combine(FindRepositoryRoot(), "src");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Linq.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No Linq.sln above " + AppContext.BaseDirectory);
    }

    private sealed record DependencyRule(string Folder, string Why, string[] Forbidden, string[]? Allowed = null, string[]? Exempt = null)
    {
        public string[] Allowed { get; } = Allowed ?? [];

        public string[] Exempt { get; } = Exempt ?? [];
    }

    [GeneratedRegex(@"<(PackageReference|ProjectReference) Include=""([^""]+)""")]
    private static partial Regex Reference();

    [GeneratedRegex(@"<RootNamespace>([^<]+)</RootNamespace>")]
    private static partial Regex RootNamespace();

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@""(?:""""|[^""])*""|""(?:\\.|[^""\\\n])*""", RegexOptions.Singleline)]
    private static partial Regex CommentOrString();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"(?:global::|(?<![\w.]))((?:Linq|Npgsql|NpgsqlTypes|Remotion|System\.Linq\.Expressions)(?:\.\w+)*)")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"(?<![\w.:])((?:Contract|Execution|Querying|Writing|Transactions|RawSql|Hosting)(?:\.\w+)+)")]
    private static partial Regex FolderQualifiedName();

    [GeneratedRegex(@"global::Linq\.(\w+)\.")]
    private static partial Regex EmittedName();
}

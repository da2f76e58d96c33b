using System.Text.RegularExpressions;

namespace Linq.Sql.Tests;

/// <summary>
/// Linq.Sql is the pure SQL tree and renderer: it knows nothing of the driver (Npgsql) or of LINQ expression trees
/// (System.Linq.Expressions). Checked on the source, so a <c>using</c> or a qualified name fails here before review.
/// </summary>
public sealed partial class PurityTests
{
    private static readonly string[] Forbidden = ["Npgsql", "System.Linq.Expressions"];

    [Fact]
    public void Linq_Sql_sources_do_not_mention_Npgsql_or_System_Linq_Expressions_in_code()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src", "Linq.Sql"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(d => d is "obj" or "bin"))
            .ToList();
        Assert.NotEmpty(sources);

        var offences = new List<string>();
        foreach (var file in sources)
        {
            var lines = WithoutComments(File.ReadAllText(file)).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (var name in Forbidden)
                {
                    if (Mentions(lines[i], name))
                    {
                        offences.Add($"{Path.GetFileName(file)}:{i + 1}: {lines[i].Trim()}");
                    }
                }
            }
        }

        Assert.True(offences.Count == 0, "Linq.Sql must stay free of Npgsql and System.Linq.Expressions:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void Linq_Sql_project_references_nothing_and_its_assembly_neither()
    {
        var project = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Linq.Sql", "Linq.Sql.csproj"));
        Assert.DoesNotContain("PackageReference", project, StringComparison.Ordinal);
        Assert.DoesNotContain("ProjectReference", project, StringComparison.Ordinal);

        var references = typeof(PostgresRenderer).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.DoesNotContain(references, r => r.StartsWith("Npgsql", StringComparison.OrdinalIgnoreCase) || r == "System.Linq.Expressions");
    }

    [Theory]
    [InlineData("using Npgsql;", "Npgsql", true)]
    [InlineData("using NpgsqlTypes;", "Npgsql", true)]
    [InlineData("using static Npgsql.NpgsqlDbType;", "Npgsql", true)]
    [InlineData("using P = global::Npgsql.NpgsqlParameter;", "Npgsql", true)]
    [InlineData("var p = new Npgsql.NpgsqlParameter();", "Npgsql", true)]
    [InlineData("NpgsqlTypes.NpgsqlDbType t;", "Npgsql", true)]
    [InlineData("using System.Linq.Expressions;", "System.Linq.Expressions", true)]
    [InlineData("System.Linq.Expressions.Expression e;", "System.Linq.Expressions", true)]
    [InlineData("global::System.Linq.Expressions.Expression e;", "System.Linq.Expressions", true)]
    [InlineData("using System.Linq;", "System.Linq.Expressions", false)]
    [InlineData("var text = \"Npgsql\";", "Npgsql", false)]
    [InlineData("var s = SqlNpgsqlish.Value;", "Npgsql", false)]
    public void The_scan_finds_usings_and_qualified_names(string line, string name, bool found) => Assert.Equal(found, Mentions(line, name));

    [Fact]
    public void Comments_are_not_code()
    {
        Assert.DoesNotContain("Npgsql", WithoutComments("/// <summary>Npgsql's DataTypeName takes this.</summary>\nint x; // Npgsql.Foo\n/* using Npgsql; */"), StringComparison.Ordinal);
        Assert.Contains("using Npgsql;", WithoutComments("/* a */ using Npgsql; // b"), StringComparison.Ordinal);
    }

    // A using directive naming the namespace (or one starting with it, like NpgsqlTypes), or a qualified name through it.
    private static bool Mentions(string line, string name)
    {
        var escaped = Regex.Escape(name);
        return Regex.IsMatch(line, $@"^\s*(global\s+)?using\s+(static\s+)?(\w+\s*=\s*)?(global::)?{escaped}\w*\s*(;|\.)")
            || Regex.IsMatch(line, $@"(?<![\w.""]){escaped}\w*\s*\.\s*\w");
    }

    private static string WithoutComments(string source) => CommentPattern().Replace(source, m => m.Value.StartsWith("/*", StringComparison.Ordinal) ? new string('\n', m.Value.Count(c => c == '\n')) : "");

    [GeneratedRegex(@"/\*.*?\*/|//[^\n]*", RegexOptions.Singleline)]
    private static partial Regex CommentPattern();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Linq.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Linq.sln) was not found above " + AppContext.BaseDirectory);
    }
}

using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Linq.Cli.Tests.Infrastructure;
using Linq.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Npgsql;

namespace Linq.Cli.Tests;

/// <summary>db pull on the Chinook database: the written code compiles without edits (with the generator) and answers queries.</summary>
public sealed partial class DbPullTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "linq_cli_pull_" + Guid.NewGuid().ToString("N")[..10]);

    public DbPullTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Queries over the pulled model, compiled with it: counts, a relation filter, an include, a composite key and a self relation.</summary>
    private const string Queries = """
        using System.Linq;
        using System.Threading.Tasks;
        using Linq;

        namespace Chinook.Models;

        public static class ChinookQueries
        {
            public static async Task<object[]> RunAsync(string connectionString)
            {
                await using var db = new ChinookDb(connectionString);
                var acdc = await db.Tracks.CountAsync(t => t.Album!.Artist!.Name == "AC/DC");
                var withAlbums = await db.Artists.Include(a => a.Albums).Where(a => a.Name == "Aerosmith").ToListAsync();
                var boss = await db.Employees.Include(e => e.Employees).SingleAsync(e => e.ReportsTo == null);
                var firstHire = await db.Employees.OrderBy(e => e.HireDate).Select(e => e.HireDate).FirstAsync();
                var total = await db.InvoiceLines.Where(l => l.InvoiceId == 1).SumAsync(l => l.UnitPrice * l.Quantity);
                return
                [
                    await db.Albums.CountAsync(),
                    await db.Tracks.CountAsync(),
                    await db.PlaylistTracks.CountAsync(),
                    acdc,
                    withAlbums.Single().Albums.Count,
                    boss.Employees.Count,
                    firstHire!.Value,
                    total,
                    await db.Customers.CountAsync(c => c.SupportRep!.FirstName == "Jane"),
                ];
            }
        }
        """;

    [Fact]
    public async Task Pulled_chinook_model_compiles_and_answers_queries()
    {
        await using var db = await TestDatabase.CreateAsync();
        await LoadChinookAsync(db);
        var env = new Dictionary<string, string?> { ["DATABASE_URL"] = db.Url };

        var pull = await Tool.RunAsync(_folder, env, "db", "pull", "--output", "Models", "--namespace", "Chinook.Models", "--class-name", "ChinookDb");
        Assert.True(pull.ExitCode == 0, pull.ToString());
        var files = Directory.GetFiles(Path.Combine(_folder, "Models"), "*.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Album.cs", "Artist.cs", "ChinookDb.cs", "Customer.cs", "Employee.cs", "Genre.cs", "Invoice.cs", "InvoiceLine.cs", "MediaType.cs",
            "Playlist.cs", "PlaylistTrack.cs", "Track.cs"], files);
        var track = File.ReadAllText(Path.Combine(_folder, "Models", "Track.cs"));
        Assert.Contains("[Model(Table = \"track\")]", track, StringComparison.Ordinal);
        Assert.Contains("[Id, Map(\"track_id\")] public int TrackId { get; set; }", track, StringComparison.Ordinal);
        // Lengths, precisions and timestamps without time zone come back as attributes, so a push changes nothing.
        Assert.Contains("MaxLength(200)] public required string Name { get; set; }", track, StringComparison.Ordinal);
        Assert.Contains("Precision(10, 2)] public decimal UnitPrice { get; set; }", track, StringComparison.Ordinal);
        Assert.DoesNotContain("(200) in the database", track, StringComparison.Ordinal);
        Assert.Contains("[Relation(nameof(AlbumId), OnDelete = ReferentialAction.NoAction, OnUpdate = ReferentialAction.NoAction)]", track, StringComparison.Ordinal);
        Assert.Contains("public List<InvoiceLine> InvoiceLines { get; set; } = [];", track, StringComparison.Ordinal);
        Assert.Contains("WithoutTimeZone] public DateTime? HireDate { get; set; }", File.ReadAllText(Path.Combine(_folder, "Models", "Employee.cs")), StringComparison.Ordinal);

        // A second pull over its own files is allowed; over someone else's file it is refused.
        var again = await Tool.RunAsync(_folder, env, "db", "pull", "--output", "Models", "--namespace", "Chinook.Models", "--class-name", "ChinookDb");
        Assert.True(again.ExitCode == 0, again.ToString());
        File.WriteAllText(Path.Combine(_folder, "Models", "Genre.cs"), "// mine\n");
        var foreign = await Tool.RunAsync(_folder, env, "db", "pull", "--output", "Models", "--namespace", "Chinook.Models", "--class-name", "ChinookDb");
        Assert.Equal(1, foreign.ExitCode);
        Assert.Contains("--force", foreign.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await Tool.RunAsync(_folder, env, "db", "pull", "--output", "Models", "--namespace", "Chinook.Models", "--class-name", "ChinookDb", "--force")).ExitCode);

        var sources = Directory.GetFiles(Path.Combine(_folder, "Models"), "*.cs").Select(File.ReadAllText).Append(Queries).ToList();
        var assembly = Compile(sources);
        var run = assembly.GetType("Chinook.Models.ChinookQueries")!.GetMethod("RunAsync")!;
        var results = await (Task<object[]>)run.Invoke(null, [db.ConnectionString])!;

        Assert.Equal(347, results[0]);
        Assert.Equal(3503, results[1]);
        Assert.Equal(8715, results[2]);
        Assert.Equal((int)await db.ScalarAsync<long>("SELECT count(*) FROM track t JOIN album al ON al.album_id = t.album_id JOIN artist ar ON ar.artist_id = al.artist_id WHERE ar.name = 'AC/DC'"), results[3]);
        Assert.Equal((int)await db.ScalarAsync<long>("SELECT count(*) FROM album al JOIN artist ar ON ar.artist_id = al.artist_id WHERE ar.name = 'Aerosmith'"), results[4]);
        Assert.Equal((int)await db.ScalarAsync<long>("SELECT count(*) FROM employee WHERE reports_to = (SELECT employee_id FROM employee WHERE reports_to IS NULL)"), results[5]);

        // timestamp without time zone reads back as the stored wall-clock time, DateTimeKind.Unspecified.
        var firstHire = (DateTime)results[6];
        Assert.Equal(await db.ScalarAsync<DateTime>("SELECT min(hire_date) FROM employee"), firstHire);
        Assert.Equal(DateTimeKind.Unspecified, firstHire.Kind);
        Assert.Equal(await db.ScalarAsync<decimal>("SELECT sum(unit_price * quantity) FROM invoice_line WHERE invoice_id = 1"), results[7]);
        Assert.Equal((int)await db.ScalarAsync<long>("SELECT count(*) FROM customer c JOIN employee e ON e.employee_id = c.support_rep_id WHERE e.first_name = 'Jane'"), results[8]);
    }

    private static async Task LoadChinookAsync(TestDatabase db)
    {
        var path = Path.Combine(Tool.RepositoryRoot, "..", "shared", "datasets", "chinook", "Chinook_PostgreSql.sql");
        if (!File.Exists(path))
        {
            path = Path.Combine(Tool.RepositoryRoot, "..", "..", "shared", "datasets", "chinook", "Chinook_PostgreSql.sql");
        }

        Assert.True(File.Exists(path), "The Chinook dataset is expected in shared/datasets/chinook beside the repository.");

        // The file creates its own database first (DROP/CREATE DATABASE, \c): load the rest into this one.
        var lines = File.ReadAllLines(path).Where(l => !l.StartsWith("DROP DATABASE ", StringComparison.Ordinal)
            && !l.StartsWith("CREATE DATABASE ", StringComparison.Ordinal) && !l.StartsWith("\\c ", StringComparison.Ordinal));
        await db.ExecuteAsync(string.Join('\n', lines));
    }

    private static Assembly Compile(IEnumerable<string> sources)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, $"Source{i}.cs")).ToList();
        var compilation = CSharpCompilation.Create("PulledChinook_" + Guid.NewGuid().ToString("N")[..8], trees, References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create([new LinqGenerator().AsSourceGenerator()], parseOptions: parse)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.True(generatorDiagnostics.IsEmpty, string.Join("\n", generatorDiagnostics));
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1701" && d.Id != "CS1702").ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return AssemblyLoadContext.Default.LoadFromStream(new MemoryStream(image.ToArray()));
    }

    private static ImmutableArray<MetadataReference> References()
    {
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = trusted.Where(p => string.Equals(Path.GetDirectoryName(p), framework, StringComparison.OrdinalIgnoreCase)).ToHashSet();
        foreach (var assembly in new[] { typeof(LinqDatabase).Assembly, typeof(Linq.Sql.Schema.SchemaDefinition).Assembly, typeof(NpgsqlConnection).Assembly,
            typeof(Microsoft.Extensions.Logging.ILogger).Assembly })
        {
            paths.Add(assembly.Location);
        }

        return [.. paths.Order(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}

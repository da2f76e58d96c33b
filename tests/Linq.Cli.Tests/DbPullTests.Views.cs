using Linq.Cli.Tests.Infrastructure;

namespace Linq.Cli.Tests;

/// <summary>db pull on a database with a view: the view becomes a [View] class that compiles with the tables and is queried.</summary>
public sealed partial class DbPullTests
{
    private const string ViewQueries = """
        using System.Linq;
        using System.Threading.Tasks;
        using Linq;

        namespace Shelves.Models;

        public static class ViewQueries
        {
            public static async Task<object[]> RunAsync(string connectionString)
            {
                await using var db = new ShelvesDb(connectionString);
                var busy = await db.ShelfTotals.Where(t => t.Books > 1).OrderBy(t => t.Id).Select(t => t.Name).ToListAsync();
                return [busy.Count, string.Join(",", busy), await db.ShelfTotals.CountAsync()];
            }
        }
        """;

    [Fact]
    public async Task Pulled_view_is_a_view_model_that_answers_queries()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.ExecuteAsync("""
            CREATE TABLE shelf (id serial PRIMARY KEY, name text NOT NULL);
            CREATE TABLE book (id serial PRIMARY KEY, title text NOT NULL, shelf_id integer NOT NULL REFERENCES shelf (id));
            CREATE VIEW shelf_totals AS SELECT s.id, s.name, count(b.id) AS books FROM shelf s LEFT JOIN book b ON b.shelf_id = s.id GROUP BY s.id, s.name;
            INSERT INTO shelf (name) VALUES ('a'), ('b'), ('c');
            INSERT INTO book (title, shelf_id) VALUES ('x', 1), ('y', 1), ('z', 2), ('w', 3), ('v', 3), ('u', 3);
            """);
        var env = new Dictionary<string, string?> { ["DATABASE_URL"] = db.Url };

        var pull = await Tool.RunAsync(_folder, env, "db", "pull", "--output", "Models", "--namespace", "Shelves.Models", "--class-name", "ShelvesDb");
        Assert.True(pull.ExitCode == 0, pull.ToString());
        var view = File.ReadAllText(Path.Combine(_folder, "Models", "ShelfTotal.cs"));
        Assert.Contains("[View(\"shelf_totals\")]", view, StringComparison.Ordinal);
        Assert.Contains("[Id, Map(\"id\")] public int Id { get; set; }", view, StringComparison.Ordinal);
        Assert.Contains("public long? Books { get; set; }", view, StringComparison.Ordinal);
        Assert.Contains("check that [Id] (id) identifies a row", view, StringComparison.Ordinal);

        var sources = Directory.GetFiles(Path.Combine(_folder, "Models"), "*.cs").Select(File.ReadAllText).Append(ViewQueries).ToList();
        var assembly = Compile(sources);
        var run = assembly.GetType("Shelves.Models.ViewQueries")!.GetMethod("RunAsync")!;
        var results = await (Task<object[]>)run.Invoke(null, [db.ConnectionString])!;
        Assert.Equal(2, results[0]);
        Assert.Equal("a,c", results[1]);
        Assert.Equal((int)await db.ScalarAsync<long>("SELECT count(*) FROM shelf_totals"), results[2]);
    }
}

using System.Text;
using System.Text.RegularExpressions;
using Linq.Cli.Pull;
using Linq.Cli.Tests.Infrastructure;
using Linq.Migrations;
using Linq.Migrations.Diffing;
using Linq.Migrations.Introspection;
using Linq.Sql.Schema;
using Npgsql;

namespace Linq.Cli.Tests;

/// <summary>
/// db pull over schemas shaped like well-known public ones (a film rental store, a trading company, a multi-schema
/// enterprise database) and a set of awkward names and constraints: the pull exits 0, the files compile without
/// warnings, every pulled table answers (row counts and all rows read), the diff against the same database is empty
/// but for what the files note, and a push of the pulled model into an empty database pulls back to the same files.
/// </summary>
public sealed partial class DbPullTests
{
    // Documented differences (docs/migrations.md, "db pull"), each noted in the pulled file where it is not general:
    // the index the model gives every foreign key, serial → identity.

    // Over a nullable column the index is NULLS FIRST, as LINQ sorts (docs/migrations.md, "Index NULL order").
    private static string ForeignKeyIndex(string table, string column, bool nullable = false) =>
        $"create index \"{table}_{column}_idx\" on \"{table}\" (\"{column}\"{(nullable ? " NULLS FIRST" : "")})";

    private static string[] Serial(string table, string column) => [$"drop default on \"{table}\".\"{column}\"", $"add identity on \"{table}\".\"{column}\""];

    [Fact]
    public async Task Pulled_rental_store_schema_compiles_answers_and_round_trips()
    {
        var pulled = await PullZooAsync(ZooFixtures.RentalStore, "Rental.Models", "RentalDb", [],
        [

            .. Serial("actor", "actor_id"), .. Serial("customer", "customer_id"), .. Serial("film", "film_id"), .. Serial("language", "language_id"),
            .. Serial("payment", "payment_id"), .. Serial("staff", "staff_id"),
            "drop default on \"customer\".\"create_date\"", "drop column \"film\".\"fulltext\"", "alter column \"language\".\"name\" type character(20) -> text",
            ForeignKeyIndex("film", "language_id"), ForeignKeyIndex("film_actor", "film_id"),
            ForeignKeyIndex("payment", "customer_id"), ForeignKeyIndex("payment", "staff_id"),
            // NULLS FIRST on one of two nullable columns: no model states that, so it is left out (noted).
            "drop index \"idx_film_year_length\" on \"film\"",
        ]);
        var film = pulled["Film.cs"];
        // The domain's column is its base type; what the model cannot hold is noted.
        Assert.Contains("public int? ReleaseYear { get; set; }", film, StringComparison.Ordinal);
        Assert.Contains("is of the domain year CHECK (", film, StringComparison.Ordinal);
        Assert.Contains("trigger \"film_last_updated\" is not in the model", film, StringComparison.Ordinal);
        Assert.Contains("index \"film_fulltext_idx\" (CREATE INDEX film_fulltext_idx ON public.film USING gin (fulltext)) is not in the model", film, StringComparison.Ordinal);
        // Index NULL orders: PostgreSQL's default on a nullable column is stated (so the diff is empty), NULLS FIRST on
        // every nullable column is the model's own; the foreign key's index in the default order takes the place of the
        // one the model would add; a descending index and a NULL order no model states are left out, noted.
        Assert.Contains("[Index(nameof(Length), Name = \"idx_film_length\", Nulls = IndexNulls.Last)]", film, StringComparison.Ordinal);
        Assert.Contains("[Index(nameof(Description), nameof(Title), Name = \"idx_film_description_title\")]", film, StringComparison.Ordinal);
        Assert.Contains("[Index(nameof(OriginalLanguageId), Nulls = IndexNulls.Last)]", film, StringComparison.Ordinal);
        Assert.Contains("[Index(nameof(Title), Name = \"idx_title\")]", film, StringComparison.Ordinal);
        Assert.Contains("index \"idx_film_rating_desc\" (CREATE INDEX idx_film_rating_desc ON public.film USING btree (rating DESC)) is not in the model", film, StringComparison.Ordinal);
        Assert.Contains("index \"idx_film_year_length\" has NULLS FIRST on (release_year), a NULL order the model cannot state", film, StringComparison.Ordinal);
        Assert.DoesNotContain("idx_film_year_length\")]", film, StringComparison.Ordinal);
        // An operator class or INCLUDE columns no model states: left out and noted, not pulled as a plain index.
        Assert.Contains("index \"idx_film_title_pattern\" (CREATE INDEX idx_film_title_pattern ON public.film USING btree (title text_pattern_ops) INCLUDE (film_id)) is not in the model", film, StringComparison.Ordinal);
        Assert.DoesNotContain("idx_film_title_pattern\")]", film, StringComparison.Ordinal);
        Assert.Contains("public string[]? SpecialFeatures { get; set; }", film, StringComparison.Ordinal);
        Assert.Contains("[Default(4.99), Map(\"rental_rate\"), Precision(4, 2)] public decimal RentalRate { get; set; }", film, StringComparison.Ordinal);
        // Two foreign keys to one table: two navigations, no back-reference.
        Assert.Contains("public Language? Language { get; set; }", film, StringComparison.Ordinal);
        Assert.Contains("public Language? OriginalLanguage { get; set; }", film, StringComparison.Ordinal);
        var payment = pulled["Payment.cs"];
        Assert.Contains("partition \"payment_p2022_01\" (FOR VALUES FROM ('2022-01-01", payment, StringComparison.Ordinal);
        // The key (payment_date, payment_id) comes first, in key order.
        Assert.True(payment.IndexOf("PaymentDate", StringComparison.Ordinal) < payment.IndexOf("public int PaymentId", StringComparison.Ordinal), payment);
        Assert.Contains("ActorInfo.cs", pulled.Keys);
        // mpaa_rating's labels PG-13 and NC-17 are no C# names: members with [Map], and the columns (also the view's) are the enum.
        Assert.Contains("""
            [DbEnum(Name = "mpaa_rating")]
            public enum MpaaRating
            {
                G,
                PG,
                [Map("PG-13")] PG_13,
                R,
                [Map("NC-17")] NC_17,
            }
            """.ReplaceLineEndings("\n"), pulled["MpaaRating.cs"].ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("[Default(MpaaRating.G), Map(\"rating\")] public MpaaRating? Rating { get; set; }", film, StringComparison.Ordinal);
        Assert.Contains("[Map(\"rating\")] public MpaaRating? Rating { get; set; }", pulled["FilmList.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pulled_trading_company_schema_compiles_answers_and_round_trips()
    {
        var pulled = await PullZooAsync(ZooFixtures.TradingCompany, "Trading.Models", "TradingDb", [],
        [





            // The type change of a key column drops and re-adds the foreign key over it.
            "drop foreign key \"orders_customer_id_fkey\" on \"orders\"",
            "add foreign key \"orders_customer_id_fkey\" on \"orders\" (\"customer_id\") -> \"customers\" (\"customer_id\")",
            "alter column \"customers\".\"customer_id\" type character(5) -> text", "alter column \"orders\".\"customer_id\" type character(5) -> text",
            "alter column \"region\".\"region_description\" type character(60) -> text", "alter column \"territories\".\"territory_description\" type character(60) -> text",
            ForeignKeyIndex("employees", "reports_to", nullable: true), ForeignKeyIndex("employee_territories", "territory_id"), ForeignKeyIndex("orders", "customer_id", nullable: true),
            ForeignKeyIndex("orders", "employee_id", nullable: true), ForeignKeyIndex("order_details", "product_id"), ForeignKeyIndex("products", "category_id", nullable: true),
            ForeignKeyIndex("products", "supplier_id", nullable: true), ForeignKeyIndex("territories", "region_id"),
        ]);
        var employee = pulled["Employee.cs"];
        Assert.Contains("public List<Employee> Employees { get; set; } = [];", employee, StringComparison.Ordinal);
        Assert.Contains("public byte[]? Photo { get; set; }", employee, StringComparison.Ordinal);
        Assert.Contains("public float? UnitPrice { get; set; }", pulled["Product.cs"], StringComparison.Ordinal);
        Assert.Contains("[Id, Map(\"customer_id\")] public required string CustomerId { get; set; }", pulled["Customer.cs"], StringComparison.Ordinal);
        Assert.Contains("UsState.cs", pulled.Keys);
    }

    [Fact]
    public async Task Pulled_enterprise_schemas_compile_answer_and_round_trip_one_schema_at_a_time()
    {
        var pulled = await PullZooAsync(ZooFixtures.Enterprise, "Sales.Models", "SalesDb", ["--schema", "sales"],
        [

            "drop default on \"customer\".\"rowguid\"", "drop default on \"territory\".\"rowguid\"",
            "drop column \"customer\".\"demographics\"", "drop column \"customer\".\"avg_wait\"", "drop column \"customer\".\"last_ip\"", "drop column \"customer\".\"fine_rate\"", "drop column \"territory\".\"sales_ytd\"",
            ForeignKeyIndex("customer", "address_id", nullable: true), ForeignKeyIndex("customer", "territory_id", nullable: true),
        ], async url =>
        {
            // Without --schema the current schema (public) holds no tables: the error names the schemas that do.
            var none = await Tool.RunAsync(_folder, new Dictionary<string, string?> { ["DATABASE_URL"] = url }, "db", "pull", "--output", "None");
            Assert.Equal(1, none.ExitCode);
            Assert.Contains("Schemas with tables: person, sales; pull one with --schema.", none.Error, StringComparison.Ordinal);
        });
        Assert.Equal(["Address.cs", "Customer.cs", "SalesDb.cs", "Territory.cs"], pulled.Keys.Order(StringComparer.Ordinal));
        var customer = pulled["Customer.cs"];
        Assert.Contains("foreign key \"customer_person_id_fkey\" references \"person\".\"person\", which is not pulled: no relation.", customer, StringComparison.Ordinal);
        Assert.Contains("column \"last_ip\" (inet) is left out", customer, StringComparison.Ordinal);
        // Kept with 30 places, more than a decimal has: no value of it could be read.
        Assert.Contains("column \"fine_rate\" (numeric(40,30)) is left out", customer, StringComparison.Ordinal);
        Assert.Contains("public Guid Rowguid { get; set; }", customer, StringComparison.Ordinal);
        Assert.Contains("[Map(\"name\"), MaxLength(50)] public required string Name { get; set; }", pulled["Territory.cs"], StringComparison.Ordinal);

    }

    [Fact]
    public async Task Pulled_awkward_names_and_constraints_compile_answer_and_round_trip()
    {
        var pulled = await PullZooAsync(ZooFixtures.Awkward, "Odd.Models", "OddDb", [],
        [

            "drop table \"log_line\"", "drop column \"order\".\"total\"", "add primary key \"keyed_log_pkey\" on \"keyed_log\" (\"seq\")",
            ForeignKeyIndex("order", "user_id"), ForeignKeyIndex("member_of", "group_name"),
        ]);
        var user = pulled["User.cs"];
        Assert.Contains("[Map(\"class\")] public required string Class { get; set; }", user, StringComparison.Ordinal);
        Assert.Contains("[Map(\"user\")] public string? UserValue { get; set; }", user, StringComparison.Ordinal);
        Assert.Contains("[Map(\"Id\")] public int? IdValue { get; set; }", user, StringComparison.Ordinal);
        var group = pulled["Group.cs"];
        Assert.Contains("[Map(\"2fa\")] public bool? _2fa { get; set; }", group, StringComparison.Ordinal);
        Assert.Contains("[Map(\"größe\")] public int? Größe { get; set; }", group, StringComparison.Ordinal);
        Assert.Contains("[Map(\"My Label\")] public string? MyLabel { get; set; }", group, StringComparison.Ordinal);
        var order = pulled["Order.cs"];
        Assert.Contains("CHECK constraint \"order_qty_check\" CHECK ((qty > 0)) is not in the model", order, StringComparison.Ordinal);
        Assert.Contains("column \"total\" is GENERATED ALWAYS AS (((qty)::numeric * price)) STORED: left out", order, StringComparison.Ordinal);
        Assert.Contains("[Id, Unique(Name = \"order_no_unique\"), Map(\"order_no\")] public int OrderNo { get; set; }", order, StringComparison.Ordinal);
        Assert.Contains("[Id, Unique(Name = \"keyed_log_seq_key\"), Map(\"seq\")] public int Seq { get; set; }", pulled["KeyedLog.cs"], StringComparison.Ordinal);
        Assert.Contains("// Note: inherits \"city\" in the database", pulled["Capital.cs"], StringComparison.Ordinal);
        Assert.Contains("// Note: constraint \"member_of_mixed_code_fkey\" is DEFERRABLE INITIALLY DEFERRED", pulled["MemberOf.cs"], StringComparison.Ordinal);
        // A foreign key to a unique column that is not the key: the relation names the referenced property.
        Assert.Contains("[Relation(new[] { nameof(MixedCode) }, new[] { nameof(MixedCase.Code) }, OnDelete = ReferentialAction.NoAction, OnUpdate = ReferentialAction.NoAction)]", pulled["MemberOf.cs"], StringComparison.Ordinal);
        Assert.Contains("[Id, Map(\"Group\")] public required string GroupValue { get; set; }", group, StringComparison.Ordinal);
        Assert.Contains("table \"log_line\" is left out", pulled["OddDb.cs"], StringComparison.Ordinal);

        // Labels that are no C# names: derived members with [Map]; names the labels that are names hold are kept, so
        // a_b stays and a-b, a b get numbers; a leading digit and a keyword get a prefix; the enum's own name and an
        // empty label get a name too. The table reads (rows above) and diffs clean (no drift listed for it).
        Assert.Contains("""
            [DbEnum(Name = "task state")]
            public enum TaskState
            {
                [Map("in progress")] in_progress,
                [Map("it's done")] it_s_done,
                a_b,
                [Map("a-b")] a_b2,
                [Map("a b")] a_b3,
                [Map("2fa")] _2fa,
                [Map("class")] _class,
                Done,
                done,
                [Map("TaskState")] TaskState2,
                [Map("a label of exactly sixty-three bytes, which PostgreSQL still ta")] a_label_of_exactly_sixty_three_bytes_which_PostgreSQL_still_ta,
                [Map("")] Value,
            }
            """.ReplaceLineEndings("\n"), pulled["TaskState.cs"].ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var task = pulled["Task.cs"];
        Assert.Contains("[Default(TaskState.it_s_done), Map(\"state\")] public TaskState State { get; set; }", task, StringComparison.Ordinal);
        Assert.Contains("[Map(\"previous\")] public TaskState? Previous { get; set; }", task, StringComparison.Ordinal);
        Assert.Contains("[Map(\"history\")] public TaskState[]? History { get; set; }", task, StringComparison.Ordinal);
    }

    /// <summary>Pulls, compiles with generic queries over every table, compares with Npgsql, diffs, pushes into an empty database and pulls again.</summary>
    private async Task<Dictionary<string, string>> PullZooAsync(string ddl, string ns, string className, string[] extra, string[] expectedDrift,
        Func<string, Task>? alsoWithUrl = null)
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.ExecuteAsync(ddl);

        var schemaOption = extra.SkipWhile(a => a != "--schema").Skip(1).FirstOrDefault();
        var env = new Dictionary<string, string?> { ["DATABASE_URL"] = db.Url };
        var pull = await Tool.RunAsync(_folder, env, ["db", "pull", "--output", "Models", "--namespace", ns, "--class-name", className, .. extra]);
        Assert.True(pull.ExitCode == 0, pull.ToString());
        var folder = Path.Combine(_folder, "Models");
        if (alsoWithUrl is not null)
        {
            await alsoWithUrl(db.Url);
        }

        var files = Directory.GetFiles(folder, "*.cs").ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);

        // Every [Model]/[View] class: its table, and the generic queries over it.
        var tables = new List<(string Table, string Property, bool View)>();
        foreach (var content in files.Values)
        {
            var match = Regex.Match(content, @"^\[(?<kind>Model|View)(\((Table = )?(?<table>""(?:[^""\\]|\\.)*"")\))?\]\r?\npublic partial class (?<class>\w+)", RegexOptions.Multiline);
            if (match.Success)
            {
                var cls = match.Groups["class"].Value;
                var table = match.Groups["table"].Success ? Regex.Unescape(match.Groups["table"].Value[1..^1]) : cls;
                tables.Add((table, Names.Plural(cls), match.Groups["kind"].Value == "View"));
            }
        }

        Assert.NotEmpty(tables);
        var queries = new StringBuilder($$"""
            using System.Linq;
            using System.Threading.Tasks;
            using Linq;

            namespace {{ns}};

            public static class ZooQueries
            {
                public static async Task<long[]> RunAsync(string connectionString)
                {
                    await using var db = new {{className}}(connectionString);
                    return
                    [

            """);
        foreach (var (_, property, _) in tables)
        {
            queries.AppendLine($"            await db.{property}.CountAsync(),");
            queries.AppendLine($"            (await db.{property}.ToListAsync()).Count,");
        }

        queries.AppendLine("        ];\n    }\n}");
        var assembly = Compile(files.Values.Append(queries.ToString()));
        var results = await (Task<long[]>)assembly.GetType(ns + ".ZooQueries")!.GetMethod("RunAsync")!.Invoke(null, [ConnectionWithSchema(db.ConnectionString, schemaOption)])!;
        for (var i = 0; i < tables.Count; i++)
        {
            var expected = await db.ScalarAsync<long>($"SELECT count(*) FROM {(schemaOption is null ? "" : Quote(schemaOption) + ".")}{Quote(tables[i].Table)}");
            Assert.True(expected > 0, $"the fixture has rows in {tables[i].Table}");
            Assert.True(expected == results[2 * i], $"{tables[i].Table}: count {results[2 * i]}, expected {expected}");
            Assert.True(expected == results[2 * i + 1], $"{tables[i].Table}: rows read {results[2 * i + 1]}, expected {expected}");
        }

        // The diff from the pulled model against the same database: exactly what the files note (and the docs list), nothing else.
        var model = (SchemaDefinition)assembly.GetType("Linq.Generated.LinqDesignTime", throwOnError: true)!.GetMethod("GetSchema")!.Invoke(null, [ns + "." + className])!;
        await using (var source = NpgsqlDataSource.Create(ConnectionWithSchema(db.ConnectionString, schemaOption)))
        {
            var live = await SchemaIntrospector.IntrospectAsync(source);
            var drift = SchemaDiffer.Diff(live, model, new SchemaDiffOptions { CurrentSchema = schemaOption ?? "public" }).Select(o => o.Description).ToList();
            Assert.True(expectedDrift.Order(StringComparer.Ordinal).SequenceEqual(drift.Order(StringComparer.Ordinal)), string.Join("\n", drift));
        }

        // Push the pulled model into an empty database, pull that: the same files.
        await using var empty = await TestDatabase.CreateAsync();
        await using (var source = NpgsqlDataSource.Create(empty.ConnectionString))
        {
            await SchemaPush.PushAsync(source, model, acceptDataLoss: true);
        }

        var again = Path.Combine(_folder, "Again");
        var repull = await Tool.RunAsync(_folder, new Dictionary<string, string?> { ["DATABASE_URL"] = empty.Url },
            "db", "pull", "--output", "Again", "--namespace", ns, "--class-name", className);
        Assert.True(repull.ExitCode == 0, repull.ToString());
        var second = Directory.GetFiles(again, "*.cs").ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
        // Views are not pushed (the schema tools do not manage views): every other file comes back the same, but for the notes
        // and the [Database] class's summary, which lists the views' properties too.
        var views = files.Where(f => f.Value.Contains("\n[View(", StringComparison.Ordinal)).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(files.Keys.Except(views).Order(StringComparer.Ordinal), second.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, content) in second)
        {
            Assert.Equal(StripNotes(files[name], views.Count > 0), StripNotes(content, views.Count > 0));
        }

        return files;
    }

    private static string ConnectionWithSchema(string connectionString, string? schema) =>
        schema is null ? connectionString : new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ConnectionString;

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // What the database held that the model cannot express is noted on the first pull, not on the second.
    private static string StripNotes(string content, bool summaries) =>
        string.Join("\n", content.Split('\n').Where(l => (!l.TrimStart().StartsWith("// ", StringComparison.Ordinal) || l.StartsWith("// Generated", StringComparison.Ordinal))
            && !(summaries && l.StartsWith("/// <summary>The client of the pulled database", StringComparison.Ordinal))));
}

using Linq.Cli.Tests.Infrastructure;
using Linq.Migrations.Diffing;
using Linq.Migrations.Introspection;
using Linq.Sql.Schema;
using Npgsql;

namespace Linq.Cli.Tests;

/// <summary>
/// A one-column unique constraint under a name of its own is pulled to <c>[Unique(Name = "…")]</c> on the property, a
/// default-named one to a bare <c>[Unique]</c>; the model compiled from the pulled files names its keys as the database
/// does, so diffing it against the same database finds nothing (no drift on the next migration).
/// </summary>
public sealed partial class DbPullTests
{
    [Fact]
    public async Task A_named_one_column_unique_constraint_round_trips_through_the_pulled_model()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.ExecuteAsync("""
            CREATE TABLE member (
                id integer PRIMARY KEY,
                email text NOT NULL CONSTRAINT custom_email_unique UNIQUE,
                handle text NOT NULL UNIQUE,
                nick text NOT NULL CONSTRAINT member_nick_a UNIQUE,
                alias text NOT NULL UNIQUE,
                region text NOT NULL,
                code text NOT NULL,
                CONSTRAINT member_region_code_uq UNIQUE (region, code));
            -- A second key on a column must come by ALTER TABLE: CREATE TABLE folds keys over the same columns into one.
            ALTER TABLE member ADD CONSTRAINT member_nick_b UNIQUE (nick);
            ALTER TABLE member ADD CONSTRAINT member_alias_also UNIQUE (alias);
            """);
        var env = new Dictionary<string, string?> { ["DATABASE_URL"] = db.Url };

        var pull = await Tool.RunAsync(_folder, env, "db", "pull", "--output", "Models", "--namespace", "Club.Models", "--class-name", "ClubDb");
        Assert.True(pull.ExitCode == 0, pull.ToString());
        var member = File.ReadAllText(Path.Combine(_folder, "Models", "Member.cs"));
        Assert.Contains("[Unique(Name = \"custom_email_unique\"), Map(\"email\")] public required string Email { get; set; }", member, StringComparison.Ordinal);
        Assert.Contains("[Unique, Map(\"handle\")] public required string Handle { get; set; }", member, StringComparison.Ordinal);
        Assert.Contains("[Unique(nameof(Region), nameof(Code), Name = \"member_region_code_uq\")]", member, StringComparison.Ordinal);
        // A column with two unique constraints gets both, each its own [Unique], in name order (the second used to be left out: drift).
        Assert.Contains("[Unique(Name = \"member_nick_a\"), Unique(Name = \"member_nick_b\"), Map(\"nick\")] public required string Nick { get; set; }", member, StringComparison.Ordinal);
        Assert.Contains("[Unique(Name = \"member_alias_also\"), Unique, Map(\"alias\")] public required string Alias { get; set; }", member, StringComparison.Ordinal);

        var assembly = Compile(Directory.GetFiles(Path.Combine(_folder, "Models"), "*.cs").Select(File.ReadAllText));
        var model = (SchemaDefinition)assembly.GetType("Linq.Generated.LinqDesignTime", throwOnError: true)!.GetMethod("GetSchema")!.Invoke(null, ["Club.Models.ClubDb"])!;
        Assert.Equal(
            ["custom_email_unique|email", "member_alias_also|alias", "member_alias_key|alias", "member_handle_key|handle",
             "member_nick_a|nick", "member_nick_b|nick", "member_region_code_uq|region,code"],
            model.Tables.Single(t => t.Name == "member").Uniques.Select(u => u.Name + "|" + string.Join(",", u.Columns)).Order(StringComparer.Ordinal));

        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        var live = await SchemaIntrospector.IntrospectAsync(source);
        var drift = SchemaDiffer.Diff(live, model, new SchemaDiffOptions { CurrentSchema = "public" });
        Assert.True(drift.Count == 0, string.Join("\n", drift));
    }

    [Fact]
    public async Task A_unique_constraint_over_the_primary_keys_columns_round_trips_through_the_pulled_model()
    {
        await using var db = await TestDatabase.CreateAsync();
        // Legacy schemas hold such keys (often the target of an old foreign key); a pull that drops them makes the next diff drop them too.
        await db.ExecuteAsync("""
            CREATE TABLE account (id integer PRIMARY KEY, label text NOT NULL);
            ALTER TABLE account ADD CONSTRAINT account_id_legacy UNIQUE (id);
            CREATE TABLE tally (id integer PRIMARY KEY, total integer NOT NULL);
            ALTER TABLE tally ADD CONSTRAINT tally_id_key UNIQUE (id);
            CREATE TABLE grant_row (tenant integer NOT NULL, subject integer NOT NULL, PRIMARY KEY (tenant, subject));
            ALTER TABLE grant_row ADD CONSTRAINT grant_row_pair_uq UNIQUE (tenant, subject);
            CREATE TABLE pairing (a integer NOT NULL, b integer NOT NULL, PRIMARY KEY (a, b));
            ALTER TABLE pairing ADD CONSTRAINT pairing_a_b_key UNIQUE (a, b);
            """);
        var env = new Dictionary<string, string?> { ["DATABASE_URL"] = db.Url };

        var pull = await Tool.RunAsync(_folder, env, "db", "pull", "--output", "Models", "--namespace", "Legacy.Models", "--class-name", "LegacyDb");
        Assert.True(pull.ExitCode == 0, pull.ToString());
        string Read(string file) => File.ReadAllText(Path.Combine(_folder, "Models", file));
        // On the sole [Id] the key is always named: an unnamed [Unique] there adds nothing to the primary key.
        Assert.Contains("[Id, Unique(Name = \"account_id_legacy\"), Map(\"id\")] public int Id { get; set; }", Read("Account.cs"), StringComparison.Ordinal);
        Assert.Contains("[Id, Unique(Name = \"tally_id_key\"), Map(\"id\")] public int Id { get; set; }", Read("Tally.cs"), StringComparison.Ordinal);
        Assert.Contains("[Unique(nameof(Tenant), nameof(Subject), Name = \"grant_row_pair_uq\")]", Read("GrantRow.cs"), StringComparison.Ordinal);
        Assert.Contains("[Unique(nameof(A), nameof(B))]", Read("Pairing.cs"), StringComparison.Ordinal);

        var assembly = Compile(Directory.GetFiles(Path.Combine(_folder, "Models"), "*.cs").Select(File.ReadAllText));
        var model = (SchemaDefinition)assembly.GetType("Linq.Generated.LinqDesignTime", throwOnError: true)!.GetMethod("GetSchema")!.Invoke(null, ["Legacy.Models.LegacyDb"])!;
        Assert.Equal(
            ["account|account_id_legacy|id", "grant_row|grant_row_pair_uq|tenant,subject", "pairing|pairing_a_b_key|a,b", "tally|tally_id_key|id"],
            model.Tables.SelectMany(t => t.Uniques.Select(u => t.Name + "|" + u.Name + "|" + string.Join(",", u.Columns))).Order(StringComparer.Ordinal));

        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        var live = await SchemaIntrospector.IntrospectAsync(source);
        Assert.Equal(4, live.Tables.Sum(t => t.Uniques.Count));
        var drift = SchemaDiffer.Diff(live, model, new SchemaDiffOptions { CurrentSchema = "public" });
        Assert.True(drift.Count == 0, string.Join("\n", drift));
    }
}

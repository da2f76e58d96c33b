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
}

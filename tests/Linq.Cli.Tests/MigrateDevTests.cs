using Linq.Cli.Tests.Infrastructure;

namespace Linq.Cli.Tests;

/// <summary>migrate dev, diff, status and deploy on a small project built by the tool, against a real PostgreSQL.</summary>
public sealed class MigrateDevTests
{
    /// <summary>Every kind of thing a model declares: enum with a default, identity, unique, composite key, index, FKs and their actions.</summary>
    private const string Model = """
        using Linq;
        using Linq.Sql.Schema;

        namespace Shop;

        [DbEnum] public enum Status { Open, Paid, Shipped }

        [Model]
        public partial class Customer
        {
            [Id, AutoIncrement] public int Id { get; set; }
            [Unique] public required string Email { get; set; }
            public string? Name { get; set; }
            [Default(true)] public bool Active { get; set; }
            public List<Order> Orders { get; set; } = [];
        }

        [Model(Table = "orders"), Index(nameof(CustomerId), nameof(PlacedAt))]
        public partial class Order
        {
            [Id, AutoIncrement] public long Id { get; set; }
            [Map("customer_id")] public int CustomerId { get; set; }
            [Relation(nameof(CustomerId), OnDelete = ReferentialAction.Cascade)] public Customer? Customer { get; set; }
            [Default(Status.Open)] public Status Status { get; set; }
            [Default(0)] public decimal Total { get; set; }
            [DefaultNow] public DateTime PlacedAt { get; set; }
            public List<OrderLine> Lines { get; set; } = [];
        }

        [Model]
        public partial class OrderLine
        {
            [Id] public long OrderId { get; set; }
            [Id] public int Position { get; set; }
            [Relation(nameof(OrderId))] public Order? Order { get; set; }
            public required string Sku { get; set; }
            public string[] Tags { get; set; } = [];
        }

        [Database]
        public partial class ShopDb : LinqDatabase;
        """;

    [Fact]
    public async Task Model_to_migrate_dev_to_an_empty_diff_then_a_second_migration()
    {
        using var project = new FixtureProject(Model);
        await using var db = await TestDatabase.CreateAsync(create: false);
        var env = new Dictionary<string, string?> { ["DATABASE_URL"] = db.Url };

        var init = await Tool.RunAsync(project.Directory, env, "migrate", "dev", "--name", "init");
        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Contains("Created database", init.Output, StringComparison.Ordinal);
        var first = Assert.Single(project.Migrations());
        Assert.Matches(@"^\d{14}_init$", first);
        var sql = project.MigrationSql(first);
        Assert.StartsWith($"-- Migration {first}, written by 'linq migrate dev' from Shop.ShopDb.", sql, StringComparison.Ordinal);
        Assert.Contains("CREATE TYPE \"Status\" AS ENUM ('Open', 'Paid', 'Shipped');", sql, StringComparison.Ordinal);
        Assert.Contains("ON DELETE CASCADE", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("WARNING", sql, StringComparison.Ordinal);
        Assert.DoesNotContain(db.Url, init.All, StringComparison.Ordinal);

        // The history produces the model: nothing to diff, status up to date, no new migration from a second dev.
        var diff = await Tool.RunAsync(project.Directory, env, "migrate", "diff", "--from-migrations", "migrations", "--to-model", "--no-build", "--exit-code");
        Assert.True(diff.ExitCode == 0, diff.ToString());
        Assert.Contains("No difference.", diff.Output, StringComparison.Ordinal);
        var toDatabase = await Tool.RunAsync(project.Directory, env, "migrate", "diff", "--from-url", db.Url, "--to-model", "--no-build", "--exit-code");
        Assert.True(toDatabase.ExitCode == 0, toDatabase.ToString());
        var status = await Tool.RunAsync(project.Directory, env, "migrate", "status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("up to date", status.Output, StringComparison.Ordinal);
        var again = await Tool.RunAsync(project.Directory, env, "migrate", "dev", "--name", "nothing", "--no-build");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Already in sync", again.Output, StringComparison.Ordinal);
        Assert.Single(project.Migrations());

        // A second change: a new nullable column and a new enum label; then the diff is empty again.
        var secondModel = Model.Replace("public string? Name { get; set; }", "public string? Name { get; set; }\n    public string? Phone { get; set; }", StringComparison.Ordinal)
            .Replace("Open, Paid, Shipped", "Open, Paid, Shipped, Returned", StringComparison.Ordinal);
        project.WriteModel(secondModel);
        var second = await Tool.RunAsync(project.Directory, env, "migrate", "dev", "--name", "add_phone");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(2, project.Migrations().Count);
        Assert.Contains("ADD COLUMN \"Phone\" text", project.MigrationSql(project.Migrations()[1]), StringComparison.Ordinal);
        var diff2 = await Tool.RunAsync(project.Directory, env, "migrate", "diff", "--from-migrations", "migrations", "--to-model", "--no-build", "--exit-code");
        Assert.True(diff2.ExitCode == 0, diff2.ToString());
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT count(*) FROM \"_linq_migrations\" WHERE status = 'applied'"));
        Assert.Equal(0L, await TestServer.ShadowCountAsync());

        // An index over a nullable column (NULLS FIRST), then the same index at PostgreSQL's NULL order: a rebuild, which
        // is not destructive (not asked about) but is named on the terminal and in the script, since it locks the table.
        const string customer = "[Model]\npublic partial class Customer";
        Assert.Contains(customer, secondModel, StringComparison.Ordinal);
        project.WriteModel(secondModel.Replace(customer, "[Model, Index(nameof(Name))]\npublic partial class Customer", StringComparison.Ordinal));
        var indexed = await Tool.RunAsync(project.Directory, env, "migrate", "dev", "--name", "name_index");
        Assert.True(indexed.ExitCode == 0, indexed.ToString());
        Assert.Contains("CREATE INDEX \"Customer_Name_idx\" ON \"Customer\" (\"Name\" NULLS FIRST);", project.MigrationSql(project.Migrations()[2]), StringComparison.Ordinal);
        Assert.DoesNotContain("rebuilds", indexed.Output, StringComparison.Ordinal);
        project.WriteModel(secondModel.Replace(customer, "[Model, Index(nameof(Name), Nulls = IndexNulls.Last)]\npublic partial class Customer", StringComparison.Ordinal));
        var rebuilt = await Tool.RunAsync(project.Directory, env, "migrate", "dev", "--name", "name_nulls_last");
        Assert.True(rebuilt.ExitCode == 0, rebuilt.ToString());
        Assert.Contains("NOTE: it rebuilds 1 index (no data lost; the table is locked until the migration commits):", rebuilt.Output, StringComparison.Ordinal);
        Assert.Contains("create index \"Customer_Name_idx\" on \"Customer\" (\"Name\")", rebuilt.Output, StringComparison.Ordinal);
        Assert.Contains("NOTE: 1 index is rebuilt", project.MigrationSql(project.Migrations()[3]), StringComparison.Ordinal);
        Assert.Equal(4L, await db.ScalarAsync<long>("SELECT count(*) FROM \"_linq_migrations\" WHERE status = 'applied'"));

        // --script prints the SQL a diff from empty would run.
        var script = await Tool.RunAsync(project.Directory, env, "migrate", "diff", "--from-empty", "--to-model", "--script", "--no-build");
        Assert.True(script.ExitCode == 0, script.ToString());
        Assert.Contains("CREATE TABLE \"orders\"", script.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Destructive_changes_are_listed_with_row_counts_and_refused_without_the_flag()
    {
        using var project = new FixtureProject(Model);
        await using var db = await TestDatabase.CreateAsync();
        var env = new Dictionary<string, string?> { ["DATABASE_URL"] = db.Url };
        var init = await Tool.RunAsync(project.Directory, env, "migrate", "dev", "--name", "init");
        Assert.True(init.ExitCode == 0, init.ToString());
        await db.ExecuteAsync("""INSERT INTO "Customer" ("Email", "Name") VALUES ('a@x.io', 'A'), ('b@x.io', 'B'), ('c@x.io', NULL)""");

        project.WriteModel(Model.Replace("    public string? Name { get; set; }\n", "", StringComparison.Ordinal));
        var refused = await Tool.RunAsync(project.Directory, env, "migrate", "dev", "--name", "drop_name");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("drop column \"Customer\".\"Name\": the column's values are deleted (2 non-null values)", refused.Output, StringComparison.Ordinal);
        Assert.Contains("--accept-data-loss", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.All, StringComparison.Ordinal);
        Assert.Single(project.Migrations());
        Assert.Equal(2L, await db.ScalarAsync<long>("""SELECT count("Name") FROM "Customer" """));

        var accepted = await Tool.RunAsync(project.Directory, env, "migrate", "dev", "--name", "drop_name", "--accept-data-loss", "--no-build");
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        var sql = project.MigrationSql(project.Migrations()[1]);
        Assert.Contains("-- WARNING: 1 destructive operation; review before applying:", sql, StringComparison.Ordinal);
        Assert.Contains("(2 non-null values)", sql, StringComparison.Ordinal);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = 'Customer' AND column_name = 'Name'"));
        Assert.Equal(0L, await TestServer.ShadowCountAsync());
    }

    [Fact]
    public async Task Drift_is_reported_by_migrate_dev_and_migrate_status_and_reset_needs_force()
    {
        using var project = new FixtureProject(Model);
        await using var db = await TestDatabase.CreateAsync();
        var env = new Dictionary<string, string?> { ["DATABASE_URL"] = db.Url };
        var init = await Tool.RunAsync(project.Directory, env, "migrate", "dev", "--name", "init");
        Assert.True(init.ExitCode == 0, init.ToString());
        await db.ExecuteAsync("""ALTER TABLE "Customer" ADD COLUMN "Nickname" text; INSERT INTO "Customer" ("Email") VALUES ('a@x.io')""");

        var status = await Tool.RunAsync(project.Directory, env, "migrate", "status");
        Assert.Equal(1, status.ExitCode);
        Assert.Contains("Drift detected", status.Output, StringComparison.Ordinal);
        Assert.Contains("add column \"Customer\".\"Nickname\" text", status.Output, StringComparison.Ordinal);
        Assert.Contains("Not up to date: drift", status.Error, StringComparison.Ordinal);

        var dev = await Tool.RunAsync(project.Directory, env, "migrate", "dev", "--name", "next", "--no-build");
        Assert.Equal(1, dev.ExitCode);
        Assert.Contains("add column \"Customer\".\"Nickname\" text", dev.Output, StringComparison.Ordinal);
        Assert.Contains("--force", dev.Error, StringComparison.Ordinal);
        Assert.Equal(1L, await db.ScalarAsync<long>("""SELECT count(*) FROM "Customer" """));

        var reset = await Tool.RunAsync(project.Directory, env, "migrate", "dev", "--name", "next", "--no-build", "--force");
        Assert.True(reset.ExitCode == 0, reset.ToString());
        Assert.Contains("Reset the dev database", reset.Output, StringComparison.Ordinal);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = 'Customer' AND column_name = 'Nickname'"));
        var after = await Tool.RunAsync(project.Directory, env, "migrate", "status");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Equal(0L, await TestServer.ShadowCountAsync());
    }

    [Fact]
    public async Task Db_push_is_a_diff_and_refuses_data_loss_without_the_flag()
    {
        using var project = new FixtureProject(Model);
        await using var db = await TestDatabase.CreateAsync();
        var env = new Dictionary<string, string?> { ["DATABASE_URL"] = db.Url };
        var push = await Tool.RunAsync(project.Directory, env, "db", "push");
        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Contains("create table \"orders\"", push.Output, StringComparison.Ordinal);
        var again = await Tool.RunAsync(project.Directory, env, "db", "push", "--no-build");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("already matches the model", again.Output, StringComparison.Ordinal);

        await db.ExecuteAsync("""ALTER TABLE "Customer" ADD COLUMN "Legacy" text; INSERT INTO "Customer" ("Email", "Legacy") VALUES ('a@x.io', 'x')""");
        var refused = await Tool.RunAsync(project.Directory, env, "db", "push", "--no-build");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("drop column \"Customer\".\"Legacy\": the column's values are deleted (1 non-null values)", refused.Output, StringComparison.Ordinal);
        Assert.Contains("--accept-data-loss", refused.Error, StringComparison.Ordinal);
        var accepted = await Tool.RunAsync(project.Directory, env, "db", "push", "--no-build", "--accept-data-loss");
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE column_name = 'Legacy'"));
    }
}

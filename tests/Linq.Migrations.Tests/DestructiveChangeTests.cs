using Linq.Migrations.Safety;
using Linq.Migrations.Tests.Infrastructure;
using static Linq.Migrations.Tests.Models;

namespace Linq.Migrations.Tests;

public sealed class DestructiveChangeTests
{
    private static TableDefinition Users(params ColumnDefinition[] extra) =>
        Table("User", [Col("Id", "integer", identity: true), .. extra], primaryKey: ["Id"]);

    private static async Task<IReadOnlyList<ClassifiedOperation>> CheckAsync(TestDatabase db, SchemaDefinition target)
    {
        var operations = await db.DiffToAsync(target);
        await using var connection = await db.DataSource.OpenConnectionAsync();
        return await DestructiveChangeChecker.CheckAsync(connection, operations);
    }

    private static ClassifiedOperation Single<T>(IReadOnlyList<ClassifiedOperation> review) where T : SchemaOperation =>
        Assert.Single(review, r => r.Operation is T);

    [Fact]
    public async Task Drops_are_destructive_and_counted()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.PushAsync(Schema([new EnumTypeDefinition("Role", ["User", "Admin", "Guest"])],
            Users(Col("Name", "text", nullable: true), Col("Role", "\"Role\"")),
            Table("Log", [Col("Line", "text")])));
        await db.ExecuteAsync("""
            INSERT INTO "User" ("Name", "Role") VALUES ('a', 'Guest'), (NULL, 'Guest'), ('c', 'User');
            INSERT INTO "Log" VALUES ('1'), ('2'), ('3'), ('4');
            """);

        var review = await CheckAsync(db, Schema([new EnumTypeDefinition("Role", ["User", "Admin"])], Users(Col("Role", "\"Role\""))));

        var table = Single<DropTableOperation>(review);
        Assert.Equal((OperationSafety.Destructive, true, 4L, "rows in the table"), (table.Safety, table.LosesData, table.AffectedRows, table.AffectedRowsMeaning));
        var column = Single<DropColumnOperation>(review);
        Assert.Equal((OperationSafety.Destructive, 2L, "non-null values"), (column.Safety, column.AffectedRows, column.AffectedRowsMeaning));
        var label = Single<RebuildEnumOperation>(review);
        Assert.Equal((OperationSafety.Destructive, 2L, "rows holding a dropped label"), (label.Safety, label.AffectedRows, label.AffectedRowsMeaning));
        Assert.Equal("drop table \"Log\": the table and all its rows are deleted (4 rows in the table)", table.Warning);
    }

    [Fact]
    public async Task Constraints_that_existing_rows_break_are_destructive_and_counted()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.PushAsync(Schema(Users(Col("Email", "text", nullable: true), Col("Team", "integer", nullable: true)), Table("Team", [Col("Id", "integer")], primaryKey: ["Id"])));
        await db.ExecuteAsync("""
            INSERT INTO "Team" VALUES (1);
            INSERT INTO "User" ("Email", "Team") VALUES ('a', 1), ('a', 2), ('b', NULL), ('b', 3), ('c', 1), (NULL, NULL);
            """);

        var review = await CheckAsync(db, Schema(
            Users(Col("Email", "text"), Col("Team", "integer", nullable: true), Col("Age", "integer")) with
            {
                Uniques = [new UniqueConstraintDefinition("User_Email_key", ["Email"])],
                ForeignKeys = [new ForeignKeyDefinition("User_Team_fkey", ["Team"], "Team", ["Id"])],
            },
            Table("Team", [Col("Id", "integer")], primaryKey: ["Id"])));

        var notNull = Single<SetNotNullOperation>(review);
        Assert.Equal((OperationSafety.Destructive, false, 1L, "rows with NULL"), (notNull.Safety, notNull.LosesData, notNull.AffectedRows, notNull.AffectedRowsMeaning));
        var required = Single<AddColumnOperation>(review);
        Assert.Equal((OperationSafety.Destructive, 6L), (required.Safety, required.AffectedRows));
        var unique = Single<AddUniqueConstraintOperation>(review);
        Assert.Equal((OperationSafety.Destructive, 2L, "duplicate groups"), (unique.Safety, unique.AffectedRows, unique.AffectedRowsMeaning));
        var fk = Single<AddForeignKeyOperation>(review);
        Assert.Equal((OperationSafety.Destructive, 2L, "rows referencing missing keys"), (fk.Safety, fk.AffectedRows, fk.AffectedRowsMeaning));
    }

    [Fact]
    public async Task Lossy_type_changes_count_the_values_that_do_not_convert()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.PushAsync(Schema(Users(
            Col("Code", "text", nullable: true),
            Col("Big", "bigint", nullable: true),
            Col("Price", "numeric", nullable: true),
            Col("Kind", "text", nullable: true),
            Col("Flag", "text", nullable: true),
            Col("Count", "integer", nullable: true))));
        await db.ExecuteAsync("""
            INSERT INTO "User" ("Code", "Big", "Price", "Kind", "Flag", "Count") VALUES
              ('42', 1, 1.0, 'User', 'yes', 1),
              ('4x', 9999999999, 1.5, 'Boss', 'maybe', 2),
              (' 7 ', -9999999999, 2.25, 'Admin', 'off', 3),
              ('99999999999', NULL, NULL, NULL, NULL, NULL);
            """);

        var review = await CheckAsync(db, Schema([new EnumTypeDefinition("Role", ["User", "Admin"])], Users(
            Col("Code", "integer", nullable: true),
            Col("Big", "integer", nullable: true),
            Col("Price", "integer", nullable: true),
            Col("Kind", "\"Role\"", nullable: true),
            Col("Flag", "boolean", nullable: true),
            Col("Count", "bigint", nullable: true))));

        long? Rows(string column) => review.Single(r => r.Operation is AlterColumnTypeOperation a && a.Column == column).AffectedRows;
        Assert.Equal(2, Rows("Code"));
        Assert.Equal(2, Rows("Big"));
        Assert.Equal(2, Rows("Price"));
        Assert.Equal(1, Rows("Kind"));
        Assert.Equal(1, Rows("Flag"));
        var widening = review.Single(r => r.Operation is AlterColumnTypeOperation { Column: "Count" });
        Assert.Equal((OperationSafety.Safe, (long?)null), (widening.Safety, widening.AffectedRows));
    }

    [Fact]
    public async Task Additive_changes_are_safe()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.PushAsync(Schema(Users(Col("Email", "text"))));
        await db.ExecuteAsync("""INSERT INTO "User" ("Email") VALUES ('a')""");

        var review = await CheckAsync(db, Schema([new EnumTypeDefinition("Role", ["User"])],
            Users(Col("Email", "text", nullable: true), Col("Name", "text", nullable: true), Col("Active", "boolean", @default: ColumnDefault.Boolean(true)),
                Col("Role", "\"Role\"", @default: ColumnDefault.TypedText("User", "\"Role\""))) with
            {
                Indexes = [new IndexDefinition("User_Email_idx", ["Email"])],
            },
            Table("Post", [Col("Id", "integer"), Col("AuthorId", "integer")], primaryKey: ["Id"],
                uniques: [new UniqueConstraintDefinition("Post_AuthorId_key", ["AuthorId"])],
                foreignKeys: [new ForeignKeyDefinition("Post_AuthorId_fkey", ["AuthorId"], "User", ["Id"])])));

        Assert.NotEmpty(review);
        Assert.All(review, r => Assert.Equal(OperationSafety.Safe, r.Safety));
    }

    [Theory]
    [InlineData("integer", "bigint", true)]
    [InlineData("smallint", "integer", true)]
    [InlineData("integer", "numeric", true)]
    [InlineData("int4", "float8", true)]
    [InlineData("real", "double precision", true)]
    [InlineData("numeric(10,2)", "numeric", true)]
    [InlineData("varchar(10)", "character varying(20)", true)]
    [InlineData("\"Role\"", "text", true)]
    [InlineData("integer[]", "bigint[]", true)]
    [InlineData("timestamptz", "text", true)]
    [InlineData("bigint", "integer", false)]
    [InlineData("numeric", "integer", false)]
    [InlineData("text", "integer", false)]
    [InlineData("double precision", "real", false)]
    [InlineData("varchar(20)", "varchar(10)", false)]
    [InlineData("numeric", "numeric(10,2)", false)]
    [InlineData("text", "\"Role\"", false)]
    [InlineData("timestamp", "timestamptz", false)]
    public void Widening_type_changes_are_safe(string from, string to, bool safe)
    {
        var review = OperationClassifier.Classify([new AlterColumnTypeOperation(new QualifiedName(null, "T"), "C", from, to)]);

        Assert.Equal(safe ? OperationSafety.Safe : OperationSafety.Destructive, review[0].Safety);
    }

    [Fact]
    public void Operations_on_a_table_created_in_the_same_change_are_safe()
    {
        var table = new QualifiedName(null, "T");
        var review = OperationClassifier.Classify(
        [
            new CreateTableOperation(new TableDefinition("T", [new ColumnDefinition("A", "integer", true)], [], [], [], [])),
            new CreateIndexOperation(table, new IndexDefinition("T_A_key", ["A"], Unique: true)),
            new AddForeignKeyOperation(table, new ForeignKeyDefinition("T_A_fkey", ["A"], "U", ["Id"])),
        ]);

        Assert.All(review, r => Assert.Equal(OperationSafety.Safe, r.Safety));
    }

    [Fact]
    public async Task Migration_script_warns_about_each_destructive_operation_with_its_row_count()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.PushAsync(Schema(Users(Col("Name", "text", nullable: true)), Table("Log", [Col("Line", "text")])));
        await db.ExecuteAsync("""INSERT INTO "Log" VALUES ('1'), ('2'); INSERT INTO "User" ("Name") VALUES ('x')""");
        var operations = await db.DiffToAsync(Schema(Users()));
        await using var connection = await db.DataSource.OpenConnectionAsync();

        var script = MigrationScript.Create(operations, await DestructiveChangeChecker.CheckAsync(connection, operations));

        Assert.Equal(
            """
            -- 2 operations:
            --   1. drop table "Log"
            --   2. drop column "User"."Name"
            --
            -- WARNING: 2 destructive operations; review before applying:
            --   - drop table "Log": the table and all its rows are deleted (2 rows in the table)
            --   - drop column "User"."Name": the column's values are deleted (1 non-null values)

            DROP TABLE "Log";
            ALTER TABLE "User" DROP COLUMN "Name";

            """.ReplaceLineEndings("\n"),
            script);
    }

    [Fact]
    public async Task Push_refuses_destructive_changes_unless_accepted_and_a_second_push_does_nothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        var model = Everything();

        var created = await SchemaPush.PushAsync(db.DataSource, model);
        Assert.NotEmpty(created);
        Assert.Empty(await SchemaPush.PushAsync(db.DataSource, model));

        await db.ExecuteAsync("""INSERT INTO "Tag" ("Name") VALUES ('a'), ('b')""");
        var smaller = model with { Tables = model.Tables.Where(t => t.Name is not ("PostTag" or "Tag" or "comments")).ToList() };
        var refused = await Assert.ThrowsAsync<DataLossException>(() => SchemaPush.PushAsync(db.DataSource, smaller));
        Assert.Contains("drop table \"Tag\": the table and all its rows are deleted (2 rows in the table)", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
        Assert.Equal(2L, await db.ScalarAsync<long>("""SELECT count(*) FROM "Tag" """));

        Assert.Equal(3, (await SchemaPush.PushAsync(db.DataSource, smaller, acceptDataLoss: true)).Count(r => r.Operation is DropTableOperation));
        Assert.Empty(await db.DiffToAsync(smaller));
    }
}

using Linq.Migrations.Tests.Infrastructure;
using static Linq.Migrations.Tests.Models;

namespace Linq.Migrations.Tests;

/// <summary>
/// One test per kind of operation: a database at state A is migrated to B with the rendered operations, then back to
/// A; after each step a fresh introspection diffs empty against the target. Seed rows make the data path real.
/// </summary>
public sealed class OperationTests
{
    private static readonly EnumTypeDefinition Role = new("Role", ["User", "Admin"]);

    private static TableDefinition Users(params ColumnDefinition[] extra) =>
        Table("User", [Col("Id", "integer", identity: true), .. extra], primaryKey: ["Id"]);

    private static async Task<(IReadOnlyList<SchemaOperation> Forward, IReadOnlyList<SchemaOperation> Backward)> RoundTripAsync(
        SchemaDefinition a, SchemaDefinition b, string? seed = null, string? check = null)
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.PushAsync(a);
        if (seed is not null)
        {
            await db.ExecuteAsync(seed);
        }

        var forward = await Migrate.ToAsync(db, b);
        Assert.NotEmpty(forward);
        if (check is not null)
        {
            Assert.True(await db.ScalarAsync<bool>(check), "Data check failed after migrating: " + check);
        }

        var backward = await Migrate.ToAsync(db, a);
        Assert.NotEmpty(backward);
        return (forward, backward);
    }

    [Fact]
    public async Task Create_and_drop_enum()
    {
        var (forward, backward) = await RoundTripAsync(Schema(), Schema([Role]));

        Assert.IsType<CreateEnumOperation>(Assert.Single(forward));
        Assert.IsType<DropEnumOperation>(Assert.Single(backward));
    }

    [Fact]
    public async Task Add_enum_values_in_place_and_drop_them_by_rebuilding_the_type()
    {
        var before = Schema([Role], Users(Col("Role", "\"Role\""), Col("Roles", "\"Role\"[]", nullable: true)));
        var after = Schema([new EnumTypeDefinition("Role", ["Guest", "User", "Moderator", "Admin", "Owner"])],
            Users(Col("Role", "\"Role\""), Col("Roles", "\"Role\"[]", nullable: true)));

        var (forward, backward) = await RoundTripAsync(before, after,
            seed: """INSERT INTO "User" ("Role", "Roles") VALUES ('Admin', '{User,Admin}'), ('User', NULL)""",
            check: """SELECT array_agg("Role"::text ORDER BY "Id") = '{Admin,User}' AND enum_range(NULL::"Role")::text = '{Guest,User,Moderator,Admin,Owner}' FROM "User" """);

        Assert.All(forward, o => Assert.IsType<AddEnumValueOperation>(o));
        Assert.Equal(3, forward.Count);
        var rebuild = Assert.IsType<RebuildEnumOperation>(Assert.Single(backward));
        Assert.Equal(["Guest", "Moderator", "Owner"], rebuild.RemovedLabels);
        Assert.Equal(2, rebuild.Columns.Count);
    }

    [Fact]
    public async Task Drop_an_enum_value_used_by_a_default_and_add_it_back_as_a_default()
    {
        var before = Schema([new EnumTypeDefinition("Role", ["User", "Admin", "Guest"])],
            Users(Col("Role", "\"Role\"", @default: ColumnDefault.TypedText("Guest", "\"Role\""))));
        var after = Schema([Role], Users(Col("Role", "\"Role\"", @default: ColumnDefault.TypedText("User", "\"Role\""))));

        var (forward, backward) = await RoundTripAsync(before, after,
            seed: """INSERT INTO "User" ("Role") VALUES ('Admin'), ('User')""",
            check: """SELECT count(*) = 2 FROM "User" WHERE "Role" IN ('Admin', 'User')""");

        Assert.Equal([typeof(DropDefaultOperation), typeof(RebuildEnumOperation), typeof(SetDefaultOperation)], forward.Select(o => o.GetType()));

        // Adding a label that a default uses in the same migration rebuilds the type too: ADD VALUE could not be used
        // before the transaction commits.
        Assert.Contains(backward, o => o is RebuildEnumOperation { AddedLabels: ["Guest"] });
    }

    [Fact]
    public async Task Reorder_enum_labels()
    {
        var (forward, _) = await RoundTripAsync(
            Schema([Role], Users(Col("Role", "\"Role\"", nullable: true))),
            Schema([new EnumTypeDefinition("Role", ["Admin", "User"])], Users(Col("Role", "\"Role\"", nullable: true))),
            seed: """INSERT INTO "User" ("Role") VALUES ('Admin'), (NULL)""");

        var rebuild = Assert.IsType<RebuildEnumOperation>(Assert.Single(forward));
        Assert.Empty(rebuild.RemovedLabels);
    }

    [Fact]
    public async Task Create_and_drop_table_with_its_foreign_key_and_index()
    {
        var posts = Table("Post", [Col("Id", "bigint", identity: true), Col("AuthorId", "integer"), Col("Title", "text")],
            primaryKey: ["Id"],
            uniques: [new UniqueConstraintDefinition("Post_Title_key", ["Title"])],
            foreignKeys: [new ForeignKeyDefinition("Post_AuthorId_fkey", ["AuthorId"], "User", ["Id"], ReferentialAction.Cascade)],
            indexes: [new IndexDefinition("Post_AuthorId_idx", ["AuthorId"])]);

        var (forward, backward) = await RoundTripAsync(Schema(Users()), Schema(Users(), posts), seed: """INSERT INTO "User" DEFAULT VALUES""");

        Assert.Equal([typeof(CreateTableOperation), typeof(CreateIndexOperation), typeof(AddForeignKeyOperation)], forward.Select(o => o.GetType()));
        Assert.IsType<DropTableOperation>(Assert.Single(backward));
    }

    [Fact]
    public async Task Drop_tables_that_reference_each_other()
    {
        var a = Table("A", [Col("Id", "integer"), Col("BId", "integer", nullable: true)], primaryKey: ["Id"],
            foreignKeys: [new ForeignKeyDefinition("A_BId_fkey", ["BId"], "B", ["Id"])]);
        var b = Table("B", [Col("Id", "integer"), Col("AId", "integer", nullable: true)], primaryKey: ["Id"],
            foreignKeys: [new ForeignKeyDefinition("B_AId_fkey", ["AId"], "A", ["Id"])]);

        var (forward, _) = await RoundTripAsync(Schema(a, b), Schema());

        Assert.Equal(2, forward.Count(o => o is DropForeignKeyOperation));
        Assert.Equal(2, forward.Count(o => o is DropTableOperation));
    }

    [Fact]
    public async Task Add_and_drop_columns()
    {
        var (forward, backward) = await RoundTripAsync(
            Schema(Users()),
            Schema(Users(
                Col("Name", "text", nullable: true),
                Col("Active", "boolean", @default: ColumnDefault.Boolean(true)),
                Col("Number", "bigint", identity: true),
                Col("CreatedAt", "timestamptz", @default: ColumnDefault.Now))),
            seed: """INSERT INTO "User" DEFAULT VALUES; INSERT INTO "User" DEFAULT VALUES""",
            check: """SELECT bool_and("Active") AND count(DISTINCT "Number") = 2 FROM "User" """);

        Assert.Equal(4, forward.Count(o => o is AddColumnOperation));
        Assert.Equal(4, backward.Count(o => o is DropColumnOperation));
    }

    [Fact]
    public async Task Alter_column_types_with_using_casts()
    {
        var before = Schema([Role], Users(
            Col("Count", "integer", @default: ColumnDefault.Number("5")),
            Col("Code", "text", nullable: true),
            Col("Label", "integer", nullable: true),
            Col("Kind", "text"),
            Col("Price", "numeric"),
            Col("Numbers", "text[]", nullable: true)));
        var after = Schema([Role], Users(
            Col("Count", "bigint", @default: ColumnDefault.Number("5")),
            Col("Code", "integer", nullable: true),
            Col("Label", "text", nullable: true),
            Col("Kind", "\"Role\""),
            Col("Price", "numeric(10,2)"),
            Col("Numbers", "integer[]", nullable: true)));

        var (forward, backward) = await RoundTripAsync(before, after,
            seed: """INSERT INTO "User" ("Code", "Label", "Kind", "Price", "Numbers") VALUES ('42', 7, 'Admin', 1.005, '{1,2}')""",
            check: """SELECT "Code" = 42 AND "Label" = '7' AND "Kind" = 'Admin' AND "Price" = 1.01 AND "Numbers" = '{1,2}' AND "Count" = 5 FROM "User" """);

        Assert.Equal(6, forward.Count(o => o is AlterColumnTypeOperation));
        Assert.Contains(forward, o => o is AlterColumnTypeOperation { Column: "Kind", CastViaText: true });
        Assert.Equal(6, backward.Count(o => o is AlterColumnTypeOperation));
    }

    [Fact]
    public async Task Set_and_drop_not_null()
    {
        var (forward, backward) = await RoundTripAsync(
            Schema(Users(Col("Name", "text", nullable: true))),
            Schema(Users(Col("Name", "text"))),
            seed: """INSERT INTO "User" ("Name") VALUES ('a')""");

        Assert.IsType<SetNotNullOperation>(Assert.Single(forward));
        Assert.IsType<DropNotNullOperation>(Assert.Single(backward));
    }

    [Fact]
    public async Task Set_change_and_drop_defaults()
    {
        var (forward, backward) = await RoundTripAsync(
            Schema([Role], Users(
                Col("A", "text", nullable: true),
                Col("B", "integer", @default: ColumnDefault.Number("1")),
                Col("C", "\"Role\"", @default: ColumnDefault.TypedText("User", "\"Role\"")),
                Col("D", "timestamptz", @default: ColumnDefault.Now))),
            Schema([Role], Users(
                Col("A", "text", nullable: true, @default: ColumnDefault.Text("x'y")),
                Col("B", "integer", @default: ColumnDefault.Number("-2")),
                Col("C", "\"Role\"", @default: ColumnDefault.TypedText("Admin", "\"Role\"")),
                Col("D", "timestamptz"))));

        Assert.Equal(3, forward.Count(o => o is SetDefaultOperation));
        Assert.Single(forward, o => o is DropDefaultOperation);
        Assert.Equal(3, backward.Count(o => o is SetDefaultOperation));
        Assert.Single(backward, o => o is DropDefaultOperation);
    }

    [Fact]
    public async Task Add_and_drop_identity()
    {
        var (forward, backward) = await RoundTripAsync(
            Schema(Table("T", [Col("Id", "integer", nullable: true, @default: ColumnDefault.Number("0")), Col("Name", "text", nullable: true)])),
            Schema(Table("T", [Col("Id", "integer", identity: true), Col("Name", "text", nullable: true)])),
            seed: """INSERT INTO "T" ("Id", "Name") VALUES (1, 'a'), (7, 'b')""",
            check: """WITH i AS (INSERT INTO "T" ("Name") VALUES ('c') RETURNING "Id") SELECT "Id" = 8 FROM i""");

        Assert.Equal([typeof(DropDefaultOperation), typeof(SetNotNullOperation), typeof(AddIdentityOperation)], forward.Select(o => o.GetType()));
        Assert.Equal([typeof(DropIdentityOperation), typeof(DropNotNullOperation), typeof(SetDefaultOperation)], backward.Select(o => o.GetType()));
    }

    [Fact]
    public async Task Create_drop_and_change_indexes()
    {
        var (forward, backward) = await RoundTripAsync(
            Schema(Users(Col("A", "text"), Col("B", "integer")) with
            {
                Indexes = [new IndexDefinition("User_A_B_idx", ["A", "B"]), new IndexDefinition("User_B_idx", ["B"])],
            }),
            Schema(Users(Col("A", "text"), Col("B", "integer")) with
            {
                Indexes = [new IndexDefinition("User_A_B_idx", ["B", "A"]), new IndexDefinition("User_A_key", ["A"], Unique: true)],
            }),
            seed: """INSERT INTO "User" ("A", "B") VALUES ('x', 1), ('y', 1)""");

        Assert.Equal(2, forward.Count(o => o is DropIndexOperation));
        Assert.Equal(2, forward.Count(o => o is CreateIndexOperation));
        Assert.Contains(forward, o => o is CreateIndexOperation { Index.Unique: true });
        Assert.Equal(2, backward.Count(o => o is CreateIndexOperation));
    }

    [Fact]
    public async Task Add_drop_and_change_unique_constraints()
    {
        var (forward, backward) = await RoundTripAsync(
            Schema(Users(Col("A", "text"), Col("B", "integer")) with { Uniques = [new UniqueConstraintDefinition("User_A_key", ["A"])] }),
            Schema(Users(Col("A", "text"), Col("B", "integer")) with
            {
                Uniques = [new UniqueConstraintDefinition("User_A_key", ["A", "B"]), new UniqueConstraintDefinition("User_B_A_key", ["B", "A"])],
            }),
            seed: """INSERT INTO "User" ("A", "B") VALUES ('x', 1), ('y', 1)""");

        Assert.Single(forward, o => o is DropUniqueConstraintOperation);
        Assert.Equal(2, forward.Count(o => o is AddUniqueConstraintOperation));
        Assert.Equal(2, backward.Count(o => o is DropUniqueConstraintOperation));
    }

    [Fact]
    public async Task Add_drop_and_change_primary_keys_even_when_referenced()
    {
        var child = Table("Child", [Col("ParentA", "integer"), Col("ParentB", "integer")],
            foreignKeys: [new ForeignKeyDefinition("Child_ParentA_fkey", ["ParentA"], "Parent", ["A"])]);
        var (forward, backward) = await RoundTripAsync(
            Schema(Table("Parent", [Col("A", "integer"), Col("B", "integer")], primaryKey: ["A"]), child),
            Schema(Table("Parent", [Col("A", "integer"), Col("B", "integer")], primaryKey: ["A", "B"],
                uniques: [new UniqueConstraintDefinition("Parent_A_key", ["A"])]), child),
            seed: """INSERT INTO "Parent" VALUES (1, 1), (2, 1); INSERT INTO "Child" VALUES (1, 1)""");

        // The foreign key relies on the primary key's index: it is dropped first and added back after the new keys.
        Assert.Equal(
            [typeof(DropForeignKeyOperation), typeof(DropPrimaryKeyOperation), typeof(AddPrimaryKeyOperation), typeof(AddUniqueConstraintOperation), typeof(AddForeignKeyOperation)],
            forward.Select(o => o.GetType()));
        Assert.Contains(backward, o => o is DropPrimaryKeyOperation);
        Assert.Contains(backward, o => o is AddPrimaryKeyOperation);
    }

    [Theory]
    [InlineData(ReferentialAction.NoAction, ReferentialAction.Cascade)]
    [InlineData(ReferentialAction.Restrict, ReferentialAction.SetNull)]
    [InlineData(ReferentialAction.Cascade, ReferentialAction.SetDefault)]
    [InlineData(ReferentialAction.SetNull, ReferentialAction.NoAction)]
    [InlineData(ReferentialAction.SetDefault, ReferentialAction.Restrict)]
    public async Task Add_drop_and_change_foreign_keys(ReferentialAction onDelete, ReferentialAction onUpdate)
    {
        var post = Table("Post", [Col("Id", "integer"), Col("AuthorId", "integer", nullable: true, @default: ColumnDefault.Number("1"))], primaryKey: ["Id"]);
        var withKey = post with { ForeignKeys = [new ForeignKeyDefinition("Post_AuthorId_fkey", ["AuthorId"], "User", ["Id"], onDelete, onUpdate)] };
        var changed = post with { ForeignKeys = [new ForeignKeyDefinition("Post_AuthorId_fkey", ["AuthorId"], "User", ["Id"], onUpdate, onDelete)] };
        const string seed = """INSERT INTO "User" ("Id") VALUES (1); INSERT INTO "Post" VALUES (1, 1)""";

        var (added, dropped) = await RoundTripAsync(Schema(Users(), post), Schema(Users(), withKey), seed);
        Assert.IsType<AddForeignKeyOperation>(Assert.Single(added));
        Assert.IsType<DropForeignKeyOperation>(Assert.Single(dropped));

        var (forward, _) = await RoundTripAsync(Schema(Users(), withKey), Schema(Users(), changed), seed);
        Assert.Equal([typeof(DropForeignKeyOperation), typeof(AddForeignKeyOperation)], forward.Select(o => o.GetType()));
    }

    [Fact]
    public async Task Widening_a_referenced_key_drops_and_adds_its_foreign_keys()
    {
        var (forward, _) = await RoundTripAsync(
            Schema(Users(), Table("Post", [Col("AuthorId", "integer")],
                foreignKeys: [new ForeignKeyDefinition("Post_AuthorId_fkey", ["AuthorId"], "User", ["Id"])])),
            Schema(Table("User", [Col("Id", "bigint", identity: true)], primaryKey: ["Id"]), Table("Post", [Col("AuthorId", "bigint")],
                foreignKeys: [new ForeignKeyDefinition("Post_AuthorId_fkey", ["AuthorId"], "User", ["Id"])])),
            seed: """INSERT INTO "User" DEFAULT VALUES; INSERT INTO "Post" VALUES (1)""");

        Assert.Equal(
            [typeof(DropForeignKeyOperation), typeof(AlterColumnTypeOperation), typeof(AlterColumnTypeOperation), typeof(AddForeignKeyOperation)],
            forward.Select(o => o.GetType()));
    }

    [Fact]
    public async Task Objects_in_another_schema()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.ExecuteAsync("CREATE SCHEMA app");
        string[] schemas = ["public", "app"];
        var mood = new EnumTypeDefinition("Mood", ["Happy", "Sad"], Schema: "app");
        var pet = Table("Pet", [Col("Id", "integer", identity: true), Col("Mood", "\"app\".\"Mood\"", @default: ColumnDefault.TypedText("Sad", "\"app\".\"Mood\""))],
            primaryKey: ["Id"], schema: "app");
        var toy = Table("Toy", [Col("PetId", "integer")],
            foreignKeys: [new ForeignKeyDefinition("Toy_PetId_fkey", ["PetId"], "Pet", ["Id"], ReferentialAction.Cascade, ReferentialAction.Cascade, "app")],
            indexes: [new IndexDefinition("Toy_PetId_idx", ["PetId"])]);

        var created = await Migrate.ToAsync(db, new SchemaDefinition([mood], [pet, toy]), schemas);
        Assert.Contains(created, o => o is CreateTableOperation { Table.Schema: "app" });

        var changed = await Migrate.ToAsync(db, new SchemaDefinition(
            [mood with { Labels = ["Happy", "Sleepy", "Sad"] }],
            [pet with { Columns = [.. pet.Columns, Col("Name", "text", nullable: true)], Indexes = [new IndexDefinition("Pet_Name_idx", ["Name"])] }, toy]), schemas);
        Assert.Contains(changed, o => o is AddEnumValueOperation { Enum.Schema: "app" });
        Assert.Contains(changed, o => o is AddColumnOperation { Table.Schema: "app" });
        Assert.Contains(changed, o => o is CreateIndexOperation { Table.Schema: "app" });

        var dropped = await Migrate.ToAsync(db, new SchemaDefinition([], []), schemas);
        Assert.Contains(dropped, o => o is DropEnumOperation { Enum.Schema: "app" });
    }
}

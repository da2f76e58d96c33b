using Linq.Migrations.Introspection;
using Linq.Migrations.Tests.Infrastructure;
using Xunit.Abstractions;
using static Linq.Migrations.Tests.Models;

namespace Linq.Migrations.Tests;

public sealed class IntrospectionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Reads_tables_columns_keys_indexes_foreign_keys_and_enums()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.PushAsync(Everything());

        var schema = await db.IntrospectAsync();
        output.WriteLine(DdlRenderer.CreateScript(schema));

        Assert.Equal(["PostStatus", "Role"], schema.Enums.Select(e => e.Name));
        Assert.Equal(["User", "Admin", "Guest's"], schema.Enums.Single(e => e.Name == "Role").Labels);
        Assert.All(schema.Enums, e => Assert.Null(e.Schema));

        var user = schema.Tables.Single(t => t.Name == "User");
        Assert.Null(user.Schema);
        Assert.Equal(["Id"], user.PrimaryKey);
        Assert.Null(user.PrimaryKeyName);
        var columns = user.Columns.ToDictionary(c => c.Name);
        Assert.Equal(Everything().Tables[0].Columns.Select(c => c.Name), user.Columns.Select(c => c.Name));
        Assert.True(columns["Id"].Identity);
        Assert.False(columns["Id"].Nullable);
        Assert.Null(columns["Id"].Default);
        Assert.True(columns["Name"].Nullable);
        Assert.Equal("timestamp with time zone", columns["CreatedAt"].TypeName);
        Assert.Equal("time", columns["WakeUp"].TypeName);
        Assert.Equal("double precision", columns["Score"].TypeName);
        Assert.Equal("\"Role\"", columns["Role"].TypeName);
        Assert.Equal("\"Role\"[]", columns["Roles"].TypeName);
        Assert.Equal("text[]", columns["Tags"].TypeName);
        Assert.Equal("jsonb", columns["Settings"].TypeName);
        Assert.Equal(ColumnDefault.Now, columns["CreatedAt"].Default);
        Assert.Equal(ColumnDefault.TypedText("User", "\"Role\""), columns["Role"].Default);
        Assert.Equal(ColumnDefault.Text("it's me"), columns["Greeting"].Default);
        Assert.Equal(ColumnDefault.Boolean(true), columns["Active"].Default);
        Assert.Equal("-3", columns["Small"].Default!.Sql);
        Assert.Equal("10000000000", columns["Big"].Default!.Sql);
        Assert.Equal("0.25", columns["Score"].Default!.Sql);
        Assert.Equal("User_Email_key", user.Uniques.Single().Name);
        Assert.Equal(["Email"], user.Uniques.Single().Columns);

        var postTag = schema.Tables.Single(t => t.Name == "PostTag");
        Assert.Equal(["PostId", "TagId"], postTag.PrimaryKey);
        var tagFk = postTag.ForeignKeys.Single(f => f.Name == "PostTag_TagId_fkey");
        Assert.Equal((ReferentialAction.Cascade, ReferentialAction.Restrict, "Tag", null), (tagFk.OnDelete, tagFk.OnUpdate, tagFk.ReferencedTable, tagFk.ReferencedSchema));

        var membership = schema.Tables.Single(t => t.Name == "Membership");
        Assert.Empty(membership.PrimaryKey);
        Assert.Equal(["OrgName", "UserId"], membership.Uniques.Single().Columns);
        var userFk = membership.ForeignKeys.Single(f => f.Name == "Membership_UserId_fkey");
        Assert.Equal((ReferentialAction.SetDefault, ReferentialAction.NoAction), (userFk.OnDelete, userFk.OnUpdate));
        var unique = membership.Indexes.Single(i => i.Unique);
        Assert.Equal("Membership_Since_OrgName_key", unique.Name);
        Assert.Equal(["Since", "OrgName"], unique.Columns);

        var comments = schema.Tables.Single(t => t.Name == "comments");
        var composite = comments.ForeignKeys.Single(f => f.Columns.Count == 2);
        Assert.Equal(["post_id", "tag_id"], composite.Columns);
        Assert.Equal(["PostId", "TagId"], composite.ReferencedColumns);
        Assert.Equal(ReferentialAction.SetNull, composite.OnDelete);

        var post = schema.Tables.Single(t => t.Name == "Post");
        Assert.Equal(["AuthorId", "Title"], post.Indexes.Single(i => i.Name == "Post_AuthorId_Title_idx").Columns);
        Assert.All(post.Indexes, i => Assert.False(i.Unique));

        // Names over 63 bytes come back as PostgreSQL truncated them.
        var longTable = schema.Tables.Single(t => t.Name == LongTable);
        Assert.Equal(63, longTable.ForeignKeys.Single().Name.Length);
    }

    [Fact]
    public async Task Reads_several_schemas_and_qualifies_the_ones_that_are_not_current()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.ExecuteAsync("""
            CREATE SCHEMA app;
            CREATE TYPE app.mood AS ENUM ('happy', 'sad');
            CREATE TABLE "Owner" ("Id" integer PRIMARY KEY);
            CREATE TABLE app."Pet" (
                "Id" integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                "Mood" app.mood NOT NULL DEFAULT 'sad',
                "OwnerId" integer REFERENCES "Owner" ("Id") ON DELETE CASCADE
            );
            CREATE TABLE app."Toy" ("PetId" integer NOT NULL REFERENCES app."Pet" ("Id"), "Name" varchar(40) NOT NULL);
            """);

        var schema = await db.IntrospectAsync(new IntrospectionOptions { Schemas = ["public", "app"] });

        var mood = schema.Enums.Single();
        Assert.Equal(("mood", "app", "\"app\".\"mood\""), (mood.Name, mood.Schema, mood.TypeName));
        var pet = schema.Tables.Single(t => t.Name == "Pet");
        Assert.Equal("app", pet.Schema);
        var moodColumn = pet.Columns.Single(c => c.Name == "Mood");
        Assert.Equal("\"app\".\"mood\"", moodColumn.TypeName);
        Assert.Equal("'sad'::\"app\".\"mood\"", moodColumn.Default!.Sql);
        Assert.True(pet.Columns.Single(c => c.Name == "Id").Identity);
        Assert.Null(pet.ForeignKeys.Single().ReferencedSchema);
        Assert.Equal("app", schema.Tables.Single(t => t.Name == "Toy").ForeignKeys.Single().ReferencedSchema);
        Assert.Equal("character varying(40)", schema.Tables.Single(t => t.Name == "Toy").Columns.Single(c => c.Name == "Name").TypeName);
        Assert.Null(schema.Tables.Single(t => t.Name == "Owner").Schema);

        // Only the current schema by default.
        Assert.Equal(["Owner"], (await db.IntrospectAsync()).Tables.Select(t => t.Name));

        // What was read renders back to DDL that recreates it: a second database diffs empty against the first.
        await using var copy = await TestDatabase.CreateAsync();
        await copy.ExecuteAsync("CREATE SCHEMA app;");
        await copy.PushAsync(schema);
        Assert.Empty(Diffing.SchemaDiffer.Diff(await copy.IntrospectAsync(new IntrospectionOptions { Schemas = ["public", "app"] }), schema));
    }

    [Fact]
    public async Task Leaves_out_the_history_table_expression_partial_and_descending_indexes_and_views()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.ExecuteAsync("""
            CREATE TABLE "_linq_migrations" ("id" integer);
            CREATE TABLE "T" ("A" text, "B" integer, "S" serial);
            CREATE INDEX "T_lower_idx" ON "T" (lower("A"));
            CREATE INDEX "T_partial_idx" ON "T" ("B") WHERE "B" > 0;
            CREATE INDEX "T_hash_idx" ON "T" USING hash ("B");
            CREATE INDEX "T_B_A_idx" ON "T" ("B" DESC, "A");
            CREATE INDEX "T_A_B_idx" ON "T" ("A" NULLS FIRST, "B");
            CREATE INDEX "T_S_B_A_idx" ON "T" ("S", "B" NULLS FIRST, "A" ASC NULLS LAST);
            CREATE INDEX "T_pattern_idx" ON "T" ("A" text_pattern_ops);
            CREATE INDEX "T_collate_idx" ON "T" ("A" COLLATE "C");
            CREATE INDEX "T_include_idx" ON "T" ("B") INCLUDE ("A");
            CREATE INDEX "T_default_class_idx" ON "T" ("B" int4_ops, "A" COLLATE "default");
            CREATE VIEW "V" AS SELECT 1 AS x;
            """);

        var schema = await db.IntrospectAsync();

        // A descending column, an operator class other than the type's default, a collation other than the column's and
        // INCLUDE columns are things a model cannot state: such an index is left alone, like an expression one (read as a
        // plain index, a push would create a different one). Naming the defaults explicitly changes nothing.
        // The NULL order of each ascending column is read (pg_index.indoption).
        var table = Assert.Single(schema.Tables);
        Assert.Equal("T", table.Name);
        Assert.Equal(["T_A_B_idx", "T_S_B_A_idx", "T_default_class_idx"], table.Indexes.Select(i => i.Name));
        Assert.Equal(["B", "A"], table.Indexes[2].Columns);
        Assert.Empty(table.Indexes[2].NullsFirstColumns);
        Assert.Equal(["A", "B"], table.Indexes[0].Columns);
        Assert.Equal(["A"], table.Indexes[0].NullsFirstColumns);
        Assert.Equal(["S", "B", "A"], table.Indexes[1].Columns);
        Assert.Equal(["B"], table.Indexes[1].NullsFirstColumns);
        Assert.Equal("nextval('\"T_S_seq\"'::regclass)", table.Columns.Single(c => c.Name == "S").Default!.Sql);
    }
}

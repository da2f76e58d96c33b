using Linq.Migrations.Diffing;
using Linq.Migrations.Tests.Infrastructure;

namespace Linq.Migrations.Tests;

/// <summary>
/// What legacy schemas hold and a model cannot name: a column of a domain reads as the domain's base type (so the model
/// with that type finds no difference and the domain stays), a unique index matches the unique constraint of its name
/// and columns, and a foreign key into a schema that was not read is left alone.
/// </summary>
public sealed class ForeignSchemaAndDomainTests
{
    [Fact]
    public async Task A_model_with_the_base_types_a_constraint_for_the_unique_index_and_no_foreign_schema_key_changes_nothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.ExecuteAsync("""
            CREATE SCHEMA other;
            CREATE TABLE other.person (id integer PRIMARY KEY);
            CREATE DOMAIN short_name AS varchar(20) CHECK (VALUE <> '');
            CREATE TABLE item (id integer PRIMARY KEY, name short_name NOT NULL, code text NOT NULL, person_id integer REFERENCES other.person);
            CREATE UNIQUE INDEX item_code_uq ON item (code);
            """);
        var live = await db.IntrospectAsync();
        var item = live.Tables.Single(t => t.Name == "item");
        Assert.Equal("character varying(20)", item.Columns.Single(c => c.Name == "name").TypeName);
        Assert.Equal("other", item.ForeignKeys.Single().ReferencedSchema);

        var model = new SchemaDefinition([], [
            new TableDefinition("item", [
                new ColumnDefinition("id", "integer", false), new ColumnDefinition("name", "varchar(20)", false),
                new ColumnDefinition("code", "text", false), new ColumnDefinition("person_id", "integer", true)],
                ["id"], [new UniqueConstraintDefinition("item_code_uq", ["code"])], [], []),
        ]);
        var operations = SchemaDiffer.Diff(live, model, new SchemaDiffOptions { CurrentSchema = "public" });
        Assert.True(operations.Count == 0, string.Join("\n", operations));

        // The other way round (a constraint in the database, the model's table without it) the unique key still goes,
        // and a unique index under another name than the model's constraint is still replaced.
        var renamed = model with { Tables = [model.Tables[0] with { Uniques = [new UniqueConstraintDefinition("item_code_key", ["code"])] }] };
        Assert.Equal(["drop index \"item_code_uq\" on \"item\"", "add unique \"item_code_key\" on \"item\" (\"code\")"],
            SchemaDiffer.Diff(live, renamed, new SchemaDiffOptions { CurrentSchema = "public" }).Select(o => o.Description));

        // Reading both schemas, the key is between two tables that were read: a model without it drops it.
        var both = await db.IntrospectAsync(new Introspection.IntrospectionOptions { Schemas = ["public", "other"] });
        var withOther = new SchemaDefinition([], [.. model.Tables, both.Tables.Single(t => t.Name == "person")]);
        Assert.Equal(["drop foreign key \"item_person_id_fkey\" on \"item\""],
            SchemaDiffer.Diff(both, withOther, new SchemaDiffOptions { CurrentSchema = "public" }).Select(o => o.Description));

        // The domain and its check are still there: nothing above touched them.
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.ExecuteAsync("INSERT INTO item VALUES (1, '', 'a', NULL)"));
    }
}

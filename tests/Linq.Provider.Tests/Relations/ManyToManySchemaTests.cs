using Linq.Migrations.Diffing;
using Linq.Migrations.Introspection;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Linq.Sql.Schema;
using Linq.Sql.Schema.Operations;
using Npgsql;

namespace Linq.Provider.Tests.Relations;

/// <summary>
/// The join table in the schema the migrations manage: the model's schema equals the database's (introspected), adding a
/// many-to-many relation creates its join table and removing it drops it, and views take no part in any diff.
/// </summary>
public sealed class ManyToManySchemaTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static SchemaDefinition Model => TestDb.Model.ToSchemaDefinition();

    private static SchemaDefinition Without(SchemaDefinition schema, string table) => schema with { Tables = [.. schema.Tables.Where(t => t.Name != table)] };

    [Fact]
    public async Task The_database_matches_the_model_join_tables_included_and_views_ignored()
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        var database = await SchemaIntrospector.IntrospectAsync(dataSource);
        Assert.Contains(database.Tables, t => t.Name == "_ArticleToLabel");
        Assert.Contains(database.Tables, t => t.Name == "Follows");
        Assert.DoesNotContain(database.Tables, t => t.Name == "article_stats");
        Assert.Empty(SchemaDiffer.Diff(database, Model));
    }

    [Fact]
    public void Adding_a_relation_creates_its_join_table_and_removing_it_drops_it()
    {
        var before = Without(Model, "_ArticleToLabel");
        // CREATE TABLE, then its two foreign keys and its index, as separate operations.
        var create = SchemaDiffer.Diff(before, Model);
        Assert.Equal(4, create.Count);
        var table = Assert.Single(create.OfType<CreateTableOperation>()).Table;
        Assert.Equal(["A", "B"], table.PrimaryKey);
        Assert.Equal("_ArticleToLabel_AB_pkey", table.EffectivePrimaryKeyName);
        Assert.Equal(["integer", "integer"], table.Columns.Select(c => c.TypeName));
        var foreignKeys = create.OfType<AddForeignKeyOperation>().Select(f => f.ForeignKey).ToList();
        Assert.All(foreignKeys, f => Assert.Equal(ReferentialAction.Cascade, f.OnDelete));
        Assert.Equal(["Article", "Label"], foreignKeys.Select(f => f.ReferencedTable).Order());
        Assert.Equal("_ArticleToLabel_B_index", Assert.Single(create.OfType<CreateIndexOperation>()).Index.Name);

        var drop = Assert.Single(SchemaDiffer.Diff(Model, before));
        Assert.Equal("_ArticleToLabel", Assert.IsType<DropTableOperation>(drop).Table.Name);

        // A self-relation's join table references the one table twice; a text key gives text columns.
        var follows = Model.Tables.Single(t => t.Name == "Follows");
        Assert.Equal(["Member", "Member"], follows.ForeignKeys.Select(f => f.ReferencedTable));
        Assert.Equal(["text", "text"], follows.Columns.Select(c => c.TypeName));
    }
}

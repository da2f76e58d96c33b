using Linq.Migrations.Diffing;
using Linq.Migrations.Tests.Infrastructure;
using static Linq.Migrations.Tests.Models;

namespace Linq.Migrations.Tests;

public sealed class RoundTripTests
{
    [Fact]
    public async Task Model_using_every_attribute_diffs_empty_against_a_database_created_from_it()
    {
        await using var db = await TestDatabase.CreateAsync();
        var model = Everything();
        await db.PushAsync(model);

        var operations = await db.DiffToAsync(model);

        Assert.True(operations.Count == 0, "Unexpected operations:\n" + string.Join("\n", operations));
    }

    [Fact]
    public async Task Diff_from_empty_creates_everything_and_applying_it_reaches_the_model()
    {
        await using var db = await TestDatabase.CreateAsync();
        var model = Everything();

        var operations = await db.DiffToAsync(model);
        await db.ExecuteAsync(DdlRenderer.Script(operations));

        Assert.Contains(operations, o => o is CreateEnumOperation);
        Assert.Contains(operations, o => o is CreateTableOperation);
        Assert.Contains(operations, o => o is AddForeignKeyOperation);
        Assert.Empty(await db.DiffToAsync(model));
    }

    [Fact]
    public async Task Diff_to_empty_drops_everything()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.PushAsync(Everything());

        var operations = await db.DiffToAsync(new SchemaDefinition([], []));
        await db.ExecuteAsync(DdlRenderer.Script(operations));

        Assert.Empty(await db.IntrospectAsync() is { } s ? s.Tables.Cast<object>().Concat(s.Enums) : []);
    }

    [Fact]
    public void Diff_of_a_model_against_itself_is_empty()
    {
        Assert.Empty(SchemaDiffer.Diff(Everything(), Everything()));
    }
}

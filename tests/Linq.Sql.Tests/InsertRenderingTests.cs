using static Linq.Sql.Tests.Build;

namespace Linq.Sql.Tests;

public sealed class InsertRenderingTests
{
    [Fact]
    public void Columns_and_multi_row_values()
    {
        var insert = new SqlInsertStatement
        {
            Table = Table("users"),
            Columns = ["name", "email"],
            Rows = [[P(0), P(1)], [P(2), P(3)], [P(4), SqlLiteralExpression.Null]],
        };

        var rendered = PostgresRenderer.Render(insert);

        Assert.Equal("""INSERT INTO "users" ("name", "email") VALUES ($1, $2), ($3, $4), ($5, NULL)""", rendered.Text);
        Assert.Equal(5, rendered.ParameterCount);
    }

    [Fact]
    public void Default_keyword_in_a_row()
    {
        var insert = new SqlInsertStatement
        {
            Table = Table("users"),
            Columns = ["name", "created_at"],
            Rows = [[P(0), SqlDefaultExpression.Instance]],
        };

        Assert.Equal("""INSERT INTO "users" ("name", "created_at") VALUES ($1, DEFAULT)""", Render(insert));
    }

    [Fact]
    public void Schema_is_written_and_alias_is_ignored()
    {
        var insert = new SqlInsertStatement
        {
            Table = Table("users", "u", "app"),
            Columns = ["name"],
            Rows = [[P(0)]],
        };

        Assert.Equal("""INSERT INTO "app"."users" ("name") VALUES ($1)""", Render(insert));
    }

    [Fact]
    public void No_columns_renders_default_values()
    {
        var insert = new SqlInsertStatement
        {
            Table = Table("counters"),
            Columns = [],
            Rows = [[]],
            Returning = [Item(Col("id"))],
        };

        Assert.Equal("""INSERT INTO "counters" DEFAULT VALUES RETURNING "id" """.TrimEnd(), Render(insert));
    }

    [Fact]
    public void On_conflict_do_nothing()
    {
        var insert = new SqlInsertStatement
        {
            Table = Table("tags"),
            Columns = ["name"],
            Rows = [[P(0)]],
            OnConflictDoNothing = true,
        };

        Assert.Equal("""INSERT INTO "tags" ("name") VALUES ($1) ON CONFLICT DO NOTHING""", Render(insert));
    }

    [Fact]
    public void Returning_with_aliases_after_on_conflict()
    {
        var insert = new SqlInsertStatement
        {
            Table = Table("users"),
            Columns = ["name"],
            Rows = [[P(0)]],
            OnConflictDoNothing = true,
            Returning = [Item(Col("id"), "Id"), Item(Col("created_at"))],
        };

        Assert.Equal(
            """INSERT INTO "users" ("name") VALUES ($1) ON CONFLICT DO NOTHING RETURNING "id" AS "Id", "created_at" """.TrimEnd(),
            Render(insert));
    }

    [Fact]
    public void Default_values_with_on_conflict_and_returning()
    {
        var insert = new SqlInsertStatement
        {
            Table = Table("counters"),
            Columns = [],
            Rows = [[]],
            OnConflictDoNothing = true,
            Returning = [Item(Col("id"))],
        };

        Assert.Equal("""INSERT INTO "counters" DEFAULT VALUES ON CONFLICT DO NOTHING RETURNING "id" """.TrimEnd(), Render(insert));
    }

    [Fact]
    public void Row_with_too_few_values_throws()
    {
        var insert = new SqlInsertStatement
        {
            Table = Table("users"),
            Columns = ["name", "email"],
            Rows = [[P(0), P(1)], [P(2)]],
        };

        Assert.Throws<InvalidOperationException>(() => PostgresRenderer.Render(insert));
    }

    [Fact]
    public void Row_with_too_many_values_throws()
    {
        var insert = new SqlInsertStatement
        {
            Table = Table("users"),
            Columns = ["name"],
            Rows = [[P(0), P(1)]],
        };

        Assert.Throws<InvalidOperationException>(() => PostgresRenderer.Render(insert));
    }

    [Fact]
    public void Columns_without_rows_throws()
    {
        // Would otherwise render the invalid "VALUES " with nothing after it.
        var insert = new SqlInsertStatement { Table = Table("users"), Columns = ["name"], Rows = [] };

        Assert.Throws<InvalidOperationException>(() => PostgresRenderer.Render(insert));
    }

    [Fact]
    public void Default_values_cannot_silently_drop_rows_or_values()
    {
        // DEFAULT VALUES inserts exactly one row, and has nowhere to put values.
        var twoRows = new SqlInsertStatement { Table = Table("counters"), Columns = [], Rows = [[], []] };
        var valuesWithoutColumns = new SqlInsertStatement { Table = Table("counters"), Columns = [], Rows = [[P(0)]] };

        Assert.Throws<InvalidOperationException>(() => PostgresRenderer.Render(twoRows));
        Assert.Throws<InvalidOperationException>(() => PostgresRenderer.Render(valuesWithoutColumns));
    }
}

using static Linq.Sql.Tests.Build;

namespace Linq.Sql.Tests;

public sealed class ParameterTests
{
    [Theory]
    [InlineData(0, "$1")]
    [InlineData(1, "$2")]
    [InlineData(9, "$10")]
    [InlineData(41, "$42")]
    [InlineData(65534, "$65535")]
    public void Placeholder_is_index_plus_one(int index, string expected)
    {
        var rendered = PostgresRenderer.Render(P(index));

        Assert.Equal(expected, rendered.Text);
        Assert.Equal(index + 1, rendered.ParameterCount);
    }

    [Fact]
    public void No_parameters_means_count_zero()
    {
        var select = new SqlSelectStatement { Items = [Item(SqlLiteralExpression.Integer(1))], From = Table("t") };

        Assert.Equal(0, PostgresRenderer.Render(select).ParameterCount);
    }

    [Fact]
    public void Count_is_max_index_plus_one_regardless_of_order_gaps_and_reuse()
    {
        var select = new SqlSelectStatement
        {
            Items = [Item(Col("id"))],
            From = Table("t"),
            Where = And(Eq(Col("a"), P(4)), Or(Eq(Col("b"), P(1)), Eq(Col("c"), P(1)))),
        };

        var rendered = PostgresRenderer.Render(select);

        Assert.Equal("""SELECT "id" FROM "t" WHERE ("a" = $5) AND (("b" = $2) OR ("c" = $2))""", rendered.Text);
        Assert.Equal(5, rendered.ParameterCount);
    }

    [Fact]
    public void Parameters_inside_subqueries_limit_and_offset_are_counted()
    {
        var inner = new SqlSelectStatement { Items = [Item(Col("x"))], From = Table("t"), Where = Eq(Col("y"), P(6)) };
        var select = new SqlSelectStatement
        {
            Items = [Item(Col("s", "x"))],
            From = new SqlDerivedTable(inner, "s"),
            Where = new SqlExistsExpression(inner with { Where = Eq(Col("z"), P(2)) }),
            Limit = P(0),
            Offset = P(1),
        };

        var rendered = PostgresRenderer.Render(select);

        Assert.Equal(
            """SELECT "s"."x" FROM (SELECT "x" FROM "t" WHERE "y" = $7) AS "s" WHERE EXISTS (SELECT "x" FROM "t" WHERE "z" = $3) LIMIT $1 OFFSET $2""",
            rendered.Text);
        Assert.Equal(7, rendered.ParameterCount);
    }

    [Fact]
    public void Typed_parameter_counts_like_any_other()
    {
        var rendered = PostgresRenderer.Render(new SqlAnyExpression(Col("tag"), P(2, "text[]")));

        Assert.Equal("""
            "tag" = ANY($3::text[])
            """, rendered.Text);
        Assert.Equal(3, rendered.ParameterCount);
    }

    [Fact]
    public void Negative_index_throws()
    {
        Assert.Throws<InvalidOperationException>(() => PostgresRenderer.Render(P(-1)));
        var select = new SqlSelectStatement { Items = [Item(Col("a"))], From = Table("t"), Where = Eq(Col("a"), P(-3)) };
        Assert.Throws<InvalidOperationException>(() => PostgresRenderer.Render(select));
    }
}

using static Linq.Sql.Tests.Build;

namespace Linq.Sql.Tests;

public sealed class SetOperationRenderingTests
{
    [Theory]
    [InlineData(nameof(SqlSetOperator.Union), "UNION")]
    [InlineData(nameof(SqlSetOperator.UnionAll), "UNION ALL")]
    [InlineData(nameof(SqlSetOperator.Intersect), "INTERSECT")]
    [InlineData(nameof(SqlSetOperator.Except), "EXCEPT")]
    public void Each_side_is_parenthesised_and_the_result_is_a_table(string operatorName, string keyword)
    {
        var op = Enum.Parse<SqlSetOperator>(operatorName);
        var left = new SqlSelectStatement { Items = [Item(Col("a", "id"), "c0")], From = Table("users", "a"), Where = Eq(Col("a", "id"), P(1)) };
        var right = new SqlSelectStatement { Items = [Item(Col("b", "id"), "c0")], From = Table("users", "b") };
        var select = new SqlSelectStatement { Items = [Item(Col("s", "c0"))], From = new SqlSetOperation(op, left, right, "s"), OrderBy = [new SqlOrdering(Col("s", "c0"))] };

        Assert.Equal(
            $"""SELECT "s"."c0" FROM ((SELECT "a"."id" AS "c0" FROM "users" AS "a" WHERE "a"."id" = $1) {keyword} (SELECT "b"."id" AS "c0" FROM "users" AS "b")) AS "s" ORDER BY "s"."c0" """.TrimEnd(),
            Render(select));
    }

    [Fact]
    public void A_side_keeps_its_own_ordering_and_limit_and_parameters_number_in_text_order()
    {
        var left = new SqlSelectStatement { Items = [Item(Col("a", "id"))], From = Table("users", "a"), OrderBy = [new SqlOrdering(Col("a", "id"), true)], Limit = P(3) };
        var right = new SqlSelectStatement { Items = [Item(Col("b", "id"))], From = Table("users", "b"), Limit = P(4), Offset = P(5) };
        var select = new SqlSelectStatement { Items = [Item(Col("s", "id"))], From = new SqlSetOperation(SqlSetOperator.Union, left, right, "s"), Limit = P(6) };

        var rendered = PostgresRenderer.Render(select);

        Assert.Equal(
            """SELECT "s"."id" FROM ((SELECT "a"."id" FROM "users" AS "a" ORDER BY "a"."id" DESC LIMIT $1) UNION (SELECT "b"."id" FROM "users" AS "b" LIMIT $2 OFFSET $3)) AS "s" LIMIT $4""",
            rendered.Text);
        Assert.Equal([3, 4, 5, 6], rendered.Parameters.Select(p => ((SqlParameter<int>)p).Value));
    }
}

using static Linq.Sql.Tests.Build;

namespace Linq.Sql.Tests;

public sealed class SelectRenderingTests
{
    [Fact]
    public void Select_list_with_aliases_and_from_with_alias()
    {
        var select = new SqlSelectStatement
        {
            Items = [Item(Col("u", "id"), "Id"), Item(Col("u", "name"))],
            From = Table("users", "u"),
        };

        Assert.Equal("""SELECT "u"."id" AS "Id", "u"."name" FROM "users" AS "u" """.TrimEnd(), Render(select));
    }

    [Fact]
    public void From_with_schema_and_without_alias()
    {
        var select = new SqlSelectStatement { Items = [Item(Col("id"))], From = Table("users", schema: "app") };

        Assert.Equal("""SELECT "id" FROM "app"."users" """.TrimEnd(), Render(select));
    }

    [Fact]
    public void Select_without_from()
    {
        var select = new SqlSelectStatement { Items = [Item(SqlLiteralExpression.Integer(1), "one")] };

        Assert.Equal("""SELECT 1 AS "one" """.TrimEnd(), Render(select));
    }

    [Fact]
    public void Empty_select_list_throws()
    {
        var select = new SqlSelectStatement { Items = [], From = Table("users", "u") };

        Assert.Throws<InvalidOperationException>(() => PostgresRenderer.Render(select));
    }

    [Fact]
    public void Inner_and_left_joins_with_on_conditions()
    {
        var select = new SqlSelectStatement
        {
            Items = [Item(Col("u", "name")), Item(Col("p", "title")), Item(Col("c", "body"))],
            From = Table("users", "u"),
            Joins =
            [
                new SqlJoin(SqlJoinKind.Inner, Table("posts", "p"), Eq(Col("p", "author_id"), Col("u", "id"))),
                new SqlJoin(SqlJoinKind.Left, Table("comments", "c"),
                    And(Eq(Col("c", "post_id"), Col("p", "id")), Eq(Col("c", "deleted"), SqlLiteralExpression.False))),
            ],
        };

        Assert.Equal(
            """SELECT "u"."name", "p"."title", "c"."body" FROM "users" AS "u" INNER JOIN "posts" AS "p" ON "p"."author_id" = "u"."id" LEFT JOIN "comments" AS "c" ON ("c"."post_id" = "p"."id") AND ("c"."deleted" = FALSE)""",
            Render(select));
    }

    [Fact]
    public void Where_and_inside_or_is_parenthesised_as_the_tree_is_shaped()
    {
        var where = Or(And(Col("t", "a"), Col("t", "b")), Col("t", "c"));

        Assert.Equal("""("t"."a" AND "t"."b") OR "t"."c" """.TrimEnd(), Render(where));
    }

    [Fact]
    public void Where_or_inside_and_is_parenthesised_as_the_tree_is_shaped()
    {
        var where = And(Col("t", "a"), Or(Col("t", "b"), Col("t", "c")));

        Assert.Equal("""
            "t"."a" AND ("t"."b" OR "t"."c")
            """, Render(where));
    }

    [Fact]
    public void Where_with_nested_comparisons_in_a_full_statement()
    {
        var select = new SqlSelectStatement
        {
            Items = [Item(Col("t", "id"))],
            From = Table("things", "t"),
            Where = Or(
                And(Eq(Col("t", "a"), P(0)), Bin(SqlBinaryOperator.GreaterThan, Col("t", "b"), P(1))),
                And(Eq(Col("t", "c"), P(2)), Or(Col("t", "d"), Col("t", "e")))),
        };

        Assert.Equal(
            """SELECT "t"."id" FROM "things" AS "t" WHERE (("t"."a" = $1) AND ("t"."b" > $2)) OR (("t"."c" = $3) AND ("t"."d" OR "t"."e"))""",
            Render(select));
    }

    [Fact]
    public void Same_operator_nesting_keeps_the_tree_shape()
    {
        // Redundant for AND, essential for non-associative operators such as subtraction.
        Assert.Equal("""("a" AND "b") AND "c" """.TrimEnd(), Render(And(And(Col("a"), Col("b")), Col("c"))));
        Assert.Equal("""("a" - "b") - "c" """.TrimEnd(), Render(Bin(SqlBinaryOperator.Subtract, Bin(SqlBinaryOperator.Subtract, Col("a"), Col("b")), Col("c"))));
        Assert.Equal("""
            "a" - ("b" - "c")
            """, Render(Bin(SqlBinaryOperator.Subtract, Col("a"), Bin(SqlBinaryOperator.Subtract, Col("b"), Col("c")))));
    }

    [Fact]
    public void Group_by_having_order_by_limit_offset()
    {
        var select = new SqlSelectStatement
        {
            Items = [Item(Col("o", "customer_id")), Item(Count(), "n")],
            From = Table("orders", "o"),
            GroupBy = [Col("o", "customer_id"), Col("o", "region")],
            Having = Bin(SqlBinaryOperator.GreaterThan, Count(), P(0)),
            OrderBy = [new SqlOrdering(Count(), Descending: true), new SqlOrdering(Col("o", "customer_id"))],
            Limit = P(1),
            Offset = P(2),
        };

        var rendered = PostgresRenderer.Render(select);

        Assert.Equal(
            """SELECT "o"."customer_id", count(*) AS "n" FROM "orders" AS "o" GROUP BY "o"."customer_id", "o"."region" HAVING count(*) > $1 ORDER BY count(*) DESC, "o"."customer_id" LIMIT $2 OFFSET $3""",
            rendered.Text);
        Assert.Equal(3, rendered.ParameterCount);
    }

    [Fact]
    public void Offset_without_limit()
    {
        var select = new SqlSelectStatement { Items = [Item(Col("id"))], From = Table("t"), Offset = P(0) };

        Assert.Equal("""SELECT "id" FROM "t" OFFSET $1""", Render(select));
    }

    [Fact]
    public void Distinct()
    {
        var select = new SqlSelectStatement { Items = [Item(Col("t", "a")), Item(Col("t", "b"))], From = Table("t", "t"), Distinct = true };

        Assert.Equal("""SELECT DISTINCT "t"."a", "t"."b" FROM "t" AS "t" """.TrimEnd(), Render(select));
    }

    [Fact]
    public void Derived_table_in_from()
    {
        var inner = new SqlSelectStatement
        {
            Items = [Item(Col("u", "name"), "n")],
            From = Table("users", "u"),
            Where = Eq(Col("u", "active"), SqlLiteralExpression.True),
        };
        var select = new SqlSelectStatement
        {
            Items = [Item(Col("s", "n"))],
            From = new SqlDerivedTable(inner, "s"),
            OrderBy = [new SqlOrdering(Col("s", "n"))],
        };

        Assert.Equal(
            """SELECT "s"."n" FROM (SELECT "u"."name" AS "n" FROM "users" AS "u" WHERE "u"."active" = TRUE) AS "s" ORDER BY "s"."n" """.TrimEnd(),
            Render(select));
    }

    [Fact]
    public void Derived_table_in_join()
    {
        var counts = new SqlSelectStatement
        {
            Items = [Item(Col("p", "author_id"), "author_id"), Item(Count(), "n")],
            From = Table("posts", "p"),
            GroupBy = [Col("p", "author_id")],
        };
        var select = new SqlSelectStatement
        {
            Items = [Item(Col("u", "name")), Item(Col("s", "n"))],
            From = Table("users", "u"),
            Joins = [new SqlJoin(SqlJoinKind.Left, new SqlDerivedTable(counts, "s"), Eq(Col("s", "author_id"), Col("u", "id")))],
        };

        Assert.Equal(
            """SELECT "u"."name", "s"."n" FROM "users" AS "u" LEFT JOIN (SELECT "p"."author_id" AS "author_id", count(*) AS "n" FROM "posts" AS "p" GROUP BY "p"."author_id") AS "s" ON "s"."author_id" = "u"."id" """.TrimEnd(),
            Render(select));
    }

    [Fact]
    public void Exists_and_not_exists()
    {
        var posts = new SqlSelectStatement
        {
            Items = [Item(SqlLiteralExpression.Integer(1))],
            From = Table("posts", "p"),
            Where = Eq(Col("p", "author_id"), Col("u", "id")),
        };
        var select = new SqlSelectStatement
        {
            Items = [Item(Col("u", "id"))],
            From = Table("users", "u"),
            Where = And(new SqlExistsExpression(posts), Not(new SqlExistsExpression(posts with { Where = Eq(Col("p", "editor_id"), Col("u", "id")) }))),
        };

        Assert.Equal(
            """SELECT "u"."id" FROM "users" AS "u" WHERE EXISTS (SELECT 1 FROM "posts" AS "p" WHERE "p"."author_id" = "u"."id") AND (NOT EXISTS (SELECT 1 FROM "posts" AS "p" WHERE "p"."editor_id" = "u"."id"))""",
            Render(select));
    }

    [Fact]
    public void Scalar_subquery_in_select_list_and_as_operand()
    {
        var postCount = new SqlScalarSubqueryExpression(new SqlSelectStatement
        {
            Items = [Item(Count())],
            From = Table("posts", "p"),
            Where = Eq(Col("p", "author_id"), Col("u", "id")),
        });
        var select = new SqlSelectStatement
        {
            Items = [Item(Col("u", "id")), Item(postCount, "PostCount")],
            From = Table("users", "u"),
            Where = Bin(SqlBinaryOperator.GreaterThanOrEqual, postCount, P(0)),
        };

        Assert.Equal(
            """SELECT "u"."id", (SELECT count(*) FROM "posts" AS "p" WHERE "p"."author_id" = "u"."id") AS "PostCount" FROM "users" AS "u" WHERE (SELECT count(*) FROM "posts" AS "p" WHERE "p"."author_id" = "u"."id") >= $1""",
            Render(select));
    }

    [Fact]
    public void Case_with_several_arms_and_else()
    {
        var @case = new SqlCaseExpression(
            [
                new SqlCaseWhen(Bin(SqlBinaryOperator.LessThan, Col("u", "age"), P(0)), P(1)),
                new SqlCaseWhen(IsNull(Col("u", "age")), SqlLiteralExpression.Null),
            ],
            P(2));

        Assert.Equal("""CASE WHEN "u"."age" < $1 THEN $2 WHEN "u"."age" IS NULL THEN NULL ELSE $3 END""", Render(@case));
    }

    [Fact]
    public void Case_without_else_as_operand_is_not_parenthesised()
    {
        var @case = new SqlCaseExpression([new SqlCaseWhen(Col("a"), SqlLiteralExpression.Integer(1))], null);

        Assert.Equal("""CASE WHEN "a" THEN 1 END = $1""", Render(Eq(@case, P(0))));
    }

    [Fact]
    public void Is_null_and_is_not_null()
    {
        Assert.Equal("""
            "u"."email" IS NULL
            """, Render(IsNull(Col("u", "email"))));
        Assert.Equal("""
            "u"."email" IS NOT NULL
            """, Render(new SqlIsNullExpression(Col("u", "email"), Negated: true)));
        Assert.Equal("""
            ("u"."first" || "u"."last") IS NULL
            """, Render(IsNull(Bin(SqlBinaryOperator.Concat, Col("u", "first"), Col("u", "last")))));
    }

    [Fact]
    public void Like_and_ilike_always_name_the_backslash_escape()
    {
        Assert.Equal("""
            "u"."name" LIKE $1 ESCAPE '\'
            """, Render(new SqlLikeExpression(Col("u", "name"), P(0))));
        Assert.Equal("""
            "u"."name" ILIKE $1 ESCAPE '\'
            """, Render(new SqlLikeExpression(Col("u", "name"), P(0), CaseInsensitive: true)));
        Assert.Equal("""
            ("u"."name" LIKE $1 ESCAPE '\') OR (lower("u"."email") LIKE $2 ESCAPE '\')
            """, Render(Or(new SqlLikeExpression(Col("u", "name"), P(0)), new SqlLikeExpression(new SqlFunctionExpression("lower", Col("u", "email")), P(1)))));
    }

    [Fact]
    public void Any_with_array_parameter()
    {
        Assert.Equal("""
            "u"."id" = ANY($1)
            """, Render(new SqlAnyExpression(Col("u", "id"), P(0))));
        Assert.Equal("""
            "u"."name" = ANY($1::text[])
            """, Render(new SqlAnyExpression(Col("u", "name"), P(0, "text[]"))));
        Assert.Equal("""
            NOT ("u"."id" = ANY($1))
            """, Render(Not(new SqlAnyExpression(Col("u", "id"), P(0)))));
    }

    [Fact]
    public void Casts()
    {
        Assert.Equal("""
            "u"."age"::integer
            """, Render(new SqlCastExpression(Col("u", "age"), "integer")));
        Assert.Equal("""
            ("a" + "b")::bigint
            """, Render(new SqlCastExpression(Bin(SqlBinaryOperator.Add, Col("a"), Col("b")), "bigint")));
        Assert.Equal("""
            ("a"::numeric)::integer
            """, Render(new SqlCastExpression(new SqlCastExpression(Col("a"), "numeric"), "integer")));
        Assert.Equal("""
            $1::"Role"
            """, Render(new SqlCastExpression(P(0), "\"Role\"")));
    }

    [Fact]
    public void Function_calls()
    {
        Assert.Equal("count(*)", Render(Count()));
        Assert.Equal("now()", Render(new SqlFunctionExpression("now")));
        Assert.Equal("""
            lower("u"."name")
            """, Render(new SqlFunctionExpression("lower", Col("u", "name"))));
        Assert.Equal("""
            COALESCE(sum("o"."total"), 0)
            """, Render(new SqlFunctionExpression("COALESCE", new SqlFunctionExpression("sum", Col("o", "total")), SqlLiteralExpression.Integer(0))));
        Assert.Equal("""
            GREATEST($1 - $2, 0)
            """, Render(new SqlFunctionExpression("GREATEST", Bin(SqlBinaryOperator.Subtract, P(0), P(1)), SqlLiteralExpression.Integer(0))));
    }

    [Fact]
    public void Unary_not()
    {
        Assert.Equal("""
            NOT "u"."active"
            """, Render(Not(Col("u", "active"))));
        Assert.Equal("""
            NOT ("a" AND "b")
            """, Render(Not(And(Col("a"), Col("b")))));
        Assert.Equal("""
            (NOT "a") AND "b"
            """, Render(And(Not(Col("a")), Col("b"))));
        Assert.Equal("""
            NOT ("a" IS NULL)
            """, Render(Not(IsNull(Col("a")))));
    }

    [Fact]
    public void Unary_negation()
    {
        Assert.Equal("""
            -"a"
            """, Render(Neg(Col("a"))));
        Assert.Equal("-$1", Render(Neg(P(0))));
        Assert.Equal("""
            -("a" + "b")
            """, Render(Neg(Bin(SqlBinaryOperator.Add, Col("a"), Col("b")))));
        Assert.Equal("""
            "a" - (-"b")
            """, Render(Bin(SqlBinaryOperator.Subtract, Col("a"), Neg(Col("b")))));
        Assert.Equal("""
            -(-"a")
            """, Render(Neg(Neg(Col("a")))));
    }

    [Fact]
    public void Negating_a_negative_literal_never_writes_a_line_comment()
    {
        // "--5" would start a comment and silently swallow the rest of the statement.
        var sql = Render(Neg(SqlLiteralExpression.Integer(-5)));

        Assert.Equal("-(-5)", sql);
        Assert.DoesNotContain("--", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_literal_as_operand_is_parenthesised()
    {
        // Without parentheses, -9223372036854775808::bigint casts 9223372036854775808 first and overflows.
        Assert.Equal("(-9223372036854775808)::bigint", Render(new SqlCastExpression(SqlLiteralExpression.Integer(long.MinValue), "bigint")));
        Assert.Equal("""
            "a" = (-1)
            """, Render(Eq(Col("a"), SqlLiteralExpression.Integer(-1))));
        Assert.Equal("-1", Render(SqlLiteralExpression.Integer(-1)));
    }

    [Fact]
    public void Is_distinct_from_and_is_not_distinct_from()
    {
        Assert.Equal("""
            "u"."email" IS DISTINCT FROM $1
            """, Render(Bin(SqlBinaryOperator.IsDistinctFrom, Col("u", "email"), P(0))));
        Assert.Equal("""
            "u"."email" IS NOT DISTINCT FROM $1
            """, Render(Bin(SqlBinaryOperator.IsNotDistinctFrom, Col("u", "email"), P(0))));
        Assert.Equal("""
            ("a" IS DISTINCT FROM "b") OR ("c" IS NOT DISTINCT FROM NULL)
            """, Render(Or(Bin(SqlBinaryOperator.IsDistinctFrom, Col("a"), Col("b")), Bin(SqlBinaryOperator.IsNotDistinctFrom, Col("c"), SqlLiteralExpression.Null))));
    }

    [Theory]
    [InlineData(nameof(SqlBinaryOperator.Equal), "=")]
    [InlineData(nameof(SqlBinaryOperator.NotEqual), "<>")]
    [InlineData(nameof(SqlBinaryOperator.LessThan), "<")]
    [InlineData(nameof(SqlBinaryOperator.LessThanOrEqual), "<=")]
    [InlineData(nameof(SqlBinaryOperator.GreaterThan), ">")]
    [InlineData(nameof(SqlBinaryOperator.GreaterThanOrEqual), ">=")]
    [InlineData(nameof(SqlBinaryOperator.And), "AND")]
    [InlineData(nameof(SqlBinaryOperator.Or), "OR")]
    [InlineData(nameof(SqlBinaryOperator.Add), "+")]
    [InlineData(nameof(SqlBinaryOperator.Subtract), "-")]
    [InlineData(nameof(SqlBinaryOperator.Multiply), "*")]
    [InlineData(nameof(SqlBinaryOperator.Divide), "/")]
    [InlineData(nameof(SqlBinaryOperator.Modulo), "%")]
    [InlineData(nameof(SqlBinaryOperator.Concat), "||")]
    [InlineData(nameof(SqlBinaryOperator.IsDistinctFrom), "IS DISTINCT FROM")]
    [InlineData(nameof(SqlBinaryOperator.IsNotDistinctFrom), "IS NOT DISTINCT FROM")]
    public void Every_binary_operator_has_its_postgres_spelling(string op, string text)
    {
        // By name: the operator enum is internal to Linq.Sql, and a public theory cannot take it as a parameter.
        Assert.Equal($"\"a\" {text} $1", Render(Bin(Enum.Parse<SqlBinaryOperator>(op), Col("a"), P(0))));
    }

    [Fact]
    public void Parameter_cast_to_a_type()
    {
        Assert.Equal("$1::text[]", Render(P(0, "text[]")));
        Assert.Equal("""
            "t"."tags" = $1::text[]
            """, Render(Eq(Col("t", "tags"), P(0, "text[]"))));
    }

    [Fact]
    public void Literals()
    {
        Assert.Equal("NULL", Render(SqlLiteralExpression.Null));
        Assert.Equal("TRUE", Render(SqlLiteralExpression.True));
        Assert.Equal("FALSE", Render(SqlLiteralExpression.False));
        Assert.Equal("42", Render(SqlLiteralExpression.Integer(42)));
        Assert.Equal("9223372036854775807", Render(SqlLiteralExpression.Integer(long.MaxValue)));
    }

    [Fact]
    public void Hostile_names_are_quoted_everywhere_the_renderer_writes_them()
    {
        var select = new SqlSelectStatement
        {
            Items = [Item(Col("t\"", "c\"; DROP TABLE x; --"), "al\"ias")],
            From = Table("ta\"ble", "t\"", "sch\"ema"),
        };

        Assert.Equal(
            """"
            SELECT "t"""."c""; DROP TABLE x; --" AS "al""ias" FROM "sch""ema"."ta""ble" AS "t"""
            """",
            Render(select));
    }

    private static SqlIsNullExpression IsNull(SqlExpression operand) => new(operand);
}

using static Linq.Sql.Tests.Build;

namespace Linq.Sql.Tests;

/// <summary>The renderer numbers parameters: <c>$n</c> by first appearance in the text, one number per node.</summary>
public sealed class ParameterTests
{
    [Fact]
    public void No_parameters_means_count_zero()
    {
        var select = new SqlSelectStatement { Items = [Item(SqlLiteralExpression.Integer(1))], From = Table("t") };

        var rendered = PostgresRenderer.Render(select);

        Assert.Equal(0, rendered.ParameterCount);
        Assert.Empty(rendered.Parameters);
    }

    [Fact]
    public void Parameters_are_numbered_in_text_order_not_in_the_order_they_were_made()
    {
        // Made offset, limit, b, a; the text reads a, b, limit, offset.
        var offset = P(4);
        var limit = P(3);
        var b = P(2);
        var a = P(1);
        var select = new SqlSelectStatement { Items = [Item(Col("id"))], From = Table("t"), Where = And(Eq(Col("a"), a), Eq(Col("b"), b)), Limit = limit, Offset = offset };

        var rendered = PostgresRenderer.Render(select);

        Assert.Equal("""SELECT "id" FROM "t" WHERE ("a" = $1) AND ("b" = $2) LIMIT $3 OFFSET $4""", rendered.Text);
        AssertSame([a, b, limit, offset], rendered.Parameters);
    }

    [Fact]
    public void One_node_referenced_twice_is_one_parameter()
    {
        var shared = P(7);
        var other = P(8);
        var select = new SqlSelectStatement
        {
            Items = [Item(Col("id"))],
            From = Table("t"),
            Where = And(Eq(Col("a"), shared), Or(Eq(Col("b"), other), Eq(Col("c"), shared))),
        };

        var rendered = PostgresRenderer.Render(select);

        Assert.Equal("""SELECT "id" FROM "t" WHERE ("a" = $1) AND (("b" = $2) OR ("c" = $1))""", rendered.Text);
        AssertSame([shared, other], rendered.Parameters);
    }

    [Fact]
    public void Equal_values_in_different_nodes_are_different_parameters()
    {
        // Records compare by value; numbering goes by node identity, so two holes of one value stay two parameters.
        var first = new SqlParameter<string>("x");
        var second = new SqlParameter<string>("x");
        Assert.Equal(first, second);

        var rendered = PostgresRenderer.Render(Or(Eq(Col("a"), first), Eq(Col("b"), second)));

        Assert.Equal("""("a" = $1) OR ("b" = $2)""", rendered.Text);
        AssertSame([first, second], rendered.Parameters);
    }

    [Fact]
    public void Parameters_in_ctes_subqueries_and_laterals_are_numbered_in_text_order()
    {
        var inCte = P(1);
        var inLateral = P(2);
        var inDerived = P(3);
        var inWhere = P(4);
        var inExists = P(5);
        var inScalar = P(6);
        var limit = P(7);
        var lateral = new SqlSelectStatement { Items = [Item(Col("p", "id"))], From = Table("posts", "p"), Where = Eq(Col("p", "author"), inLateral) };
        var derived = new SqlSelectStatement { Items = [Item(Col("x"))], From = Table("s"), Where = Eq(Col("y"), inDerived) };
        var body = new SqlSelectStatement
        {
            Items = [Item(Col("u", "id")), Item(new SqlScalarSubqueryExpression(new SqlSelectStatement { Items = [Item(inScalar)] }), "k")],
            From = Table("c", "u"),
            Joins =
            [
                new SqlJoin(SqlJoinKind.LeftLateral, new SqlDerivedTable(lateral, "l"), SqlLiteralExpression.True),
                new SqlJoin(SqlJoinKind.Inner, new SqlDerivedTable(derived, "d"), Eq(Col("d", "x"), Col("u", "id"))),
            ],
            Where = And(Eq(Col("u", "id"), inWhere), new SqlExistsExpression(new SqlSelectStatement { Items = [Item(SqlLiteralExpression.Integer(1))], From = Table("t"), Where = Eq(Col("z"), inExists) })),
            OrderBy = [new SqlOrdering(Col("u", "id"))],
            Limit = limit,
        };

        // The limit node reappears inside the CTE, which the text reads first.
        var cte = new SqlSelectStatement { Items = [Item(Col("id"))], From = Table("users"), Where = Eq(Col("name"), inCte), Limit = limit };
        var with = new SqlWithStatement { Ctes = [new SqlCommonTableExpression("c", cte)], Body = body };

        var rendered = PostgresRenderer.Render(with);

        Assert.Equal(
            """WITH "c" AS (SELECT "id" FROM "users" WHERE "name" = $1 LIMIT $2) SELECT "u"."id", (SELECT $3) AS "k" FROM "c" AS "u" """
            + """LEFT JOIN LATERAL (SELECT "p"."id" FROM "posts" AS "p" WHERE "p"."author" = $4) AS "l" ON TRUE """
            + """INNER JOIN (SELECT "x" FROM "s" WHERE "y" = $5) AS "d" ON "d"."x" = "u"."id" """
            + """WHERE ("u"."id" = $6) AND EXISTS (SELECT 1 FROM "t" WHERE "z" = $7) ORDER BY "u"."id" LIMIT $2""",
            rendered.Text);
        AssertSame([inCte, limit, inScalar, inLateral, inDerived, inWhere, inExists], rendered.Parameters);
    }

    [Fact]
    public void Insert_rows_and_upsert_assignments_are_numbered_in_text_order()
    {
        var name = new SqlParameter<string>("n");
        var email = new SqlParameter<string>("e");
        var newName = new SqlParameter<string>("n2");
        var insert = new SqlInsertStatement
        {
            Table = Table("users", "target"),
            Columns = ["name", "email"],
            Rows = [[name, email]],
            OnConflictUpdate = new SqlOnConflictUpdate(["email"], [new SqlAssignment("name", newName)]),
            Returning = [Item(Col("id"))],
        };

        var rendered = PostgresRenderer.Render(insert);

        Assert.Equal("""INSERT INTO "users" AS "target" ("name", "email") VALUES ($1, $2) ON CONFLICT ("email") DO UPDATE SET "name" = $3 RETURNING "id" """.TrimEnd(), rendered.Text);
        AssertSame([name, email, newName], rendered.Parameters);
    }

    [Fact]
    public void Many_parameters_keep_their_numbers()
    {
        // Past the linear search the renderer numbers through a dictionary: reuse must still find the first number.
        var parameters = Enumerable.Range(0, 70_000).Select(P).ToList();
        var items = parameters.Select(p => Item(p)).Append(Item(parameters[0])).Append(Item(parameters[65_534])).ToList();

        var rendered = PostgresRenderer.Render(new SqlSelectStatement { Items = items });

        Assert.Equal(70_000, rendered.ParameterCount);
        Assert.StartsWith("SELECT $1, $2, $3, ", rendered.Text, StringComparison.Ordinal);
        Assert.Contains(", $16, $17, $18, ", rendered.Text, StringComparison.Ordinal);
        Assert.EndsWith(", $69999, $70000, $1, $65535", rendered.Text, StringComparison.Ordinal);
        AssertSame(parameters, rendered.Parameters);
    }

    [Fact]
    public void Each_render_starts_afresh_after_a_failed_one_and_after_a_large_one()
    {
        // The renderer's buffers are kept per thread between statements; none of one statement's numbers may leak into the next.
        var numbered = P(1);
        Assert.Throws<InvalidOperationException>(() => PostgresRenderer.Render(
            new SqlSelectStatement { Items = [Item(numbered)], From = new SqlValuesTable([], "v", ["x"]) }));
        var afterFailure = PostgresRenderer.Render(Eq(Col("b"), numbered));
        Assert.Equal("\"b\" = $1", afterFailure.Text);
        AssertSame([numbered], afterFailure.Parameters);

        var many = Enumerable.Range(0, 40).Select(P).ToList();
        Assert.Equal(40, PostgresRenderer.Render(new SqlSelectStatement { Items = [.. many.Select(p => Item(p))] }).ParameterCount);
        var small = P(2);
        var afterLarge = PostgresRenderer.Render(Or(Eq(Col("a"), small), Eq(Col("b"), many[0])));
        Assert.Equal("""("a" = $1) OR ("b" = $2)""", afterLarge.Text);
        AssertSame([small, many[0]], afterLarge.Parameters);
        Assert.Empty(PostgresRenderer.Render(Col("c")).Parameters);
    }

    [Fact]
    public void Store_type_is_sent_not_rendered_and_a_cast_is_explicit()
    {
        var tags = new SqlParameter<string[]>(["a"], "text[]");

        Assert.Equal("""
            "t"."tags" = $1
            """, Render(Eq(Col("t", "tags"), tags)));
        Assert.Equal("""
            "t"."tags" = $1::text[]
            """, Render(Eq(Col("t", "tags"), new SqlCastExpression(tags, "text[]"))));
        Assert.Equal("-$1::integer", Render(Neg(new SqlCastExpression(P(1), "integer"))));
    }

    [Fact]
    public void Bind_hands_the_value_to_the_binder_with_its_static_type()
    {
        var binder = new RecordingBinder();
        object?[] values = ["from the values"];

        new SqlParameter<int>(42, "integer").Bind(binder, values);
        new SqlParameter<string?>(null).Bind(binder, null);
        new SqlParameter<DateTime?>(new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc), "timestamptz").Bind(binder, values);
        new SqlParameter<object?>(5L).Bind(binder, values);
        new Slot(0).Bind(binder, values);

        Assert.Equal(
        [
            (typeof(int), (object?)42, "integer"),
            (typeof(string), null, null),
            (typeof(DateTime?), new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc), "timestamptz"),
            (typeof(object), 5L, null),
            (typeof(string), "from the values", "text"),
        ], binder.Calls);
    }

    [Fact]
    public void A_parameter_prints_its_type_but_never_its_value()
    {
        var parameter = new SqlParameter<string>("secret@example.com", "text");

        Assert.DoesNotContain("secret", parameter.ToString(), StringComparison.Ordinal);
        Assert.Contains("String", parameter.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", new SqlBinaryExpression(SqlBinaryOperator.Equal, Col("email"), parameter).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_fragments_render_verbatim_with_parameters_numbered_where_they_land()
    {
        var a = P(1);
        var b = P(2);
        var c = P(3);
        var pair = new SqlRawFragment(["", " + ", ""], [a, b]);
        var statement = new SqlRawFragment(["SELECT ", " + ", " + ", " FROM t WHERE ", ""], [pair, c, pair, new SqlRawFragment("x > 0")]);

        var rendered = PostgresRenderer.Render(statement);

        Assert.Equal("SELECT $1 + $2 + $3 + $1 + $2 FROM t WHERE x > 0", rendered.Text);
        AssertSame([a, b, c], rendered.Parameters);
        Assert.Equal("$1 + $2", PostgresRenderer.Render(pair).Text);
    }

    [Fact]
    public void Raw_fragments_check_their_shape()
    {
        Assert.Throws<ArgumentException>(() => new SqlRawFragment(["a", "b"], []));
        Assert.Throws<ArgumentException>(() => new SqlRawFragment(["a"], [P(1)]));
        Assert.Throws<ArgumentException>(() => new SqlRawFragment(["a", "b"], [Col("x")]));
        Assert.Equal("", PostgresRenderer.Render(new SqlRawFragment("")).Text);
    }

    private static void AssertSame(IReadOnlyList<SqlParameterExpression> expected, IReadOnlyList<SqlParameterExpression> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(ReferenceEquals(expected[i], actual[i]), $"Parameter {i + 1} is not the expected node.");
        }
    }

    private sealed class RecordingBinder : ISqlParameterBinder<int>
    {
        public List<(Type Type, object? Value, string? StoreType)> Calls { get; } = [];

        public int Bind<T>(T value, string? storeType)
        {
            Calls.Add((typeof(T), value, storeType));
            return Calls.Count;
        }
    }

    // A parameter whose value comes with each execution, as a cached plan's placeholder does.
    private sealed record Slot(int Index) : SqlParameterExpression("text")
    {
        public override Type ClrType => typeof(string);

        public override TResult Bind<TResult>(ISqlParameterBinder<TResult> binder, object?[]? values) => binder.Bind((string)values![Index]!, StoreType);
    }
}

using static Linq.Sql.Tests.Build;

namespace Linq.Sql.Tests;

/// <summary>
/// Rendering a statement with some parameter nodes written as other expressions (a batched find reuses a plan's
/// statement with its keys read from <c>unnest … WITH ORDINALITY</c>), and the two table forms that needs.
/// </summary>
public sealed class SubstitutionRenderingTests
{
    [Fact]
    public void Substituted_parameters_are_written_as_their_expressions_and_the_others_keep_their_numbers()
    {
        var key = P(1);
        var limit = P(2);
        var keys = P(3);
        var inner = new SqlSelectStatement { Items = [Item(Col("t0", "id"), "c0")], From = Table("users", "t0"), Where = Eq(Col("t0", "email"), key), Limit = limit };
        var outer = new SqlSelectStatement
        {
            Items = [Item(Col("r", "c0")), Item(Col("k", "ord"))],
            From = new SqlFunctionTable(new SqlFunctionExpression("unnest", keys), "k", ["key1", "ord"], WithOrdinality: true),
            Joins = [new SqlJoin(SqlJoinKind.CrossLateral, new SqlDerivedTable(inner, "r"), SqlLiteralExpression.True)],
        };

        var rendered = PostgresRenderer.Render(outer, new Dictionary<SqlParameterExpression, SqlExpression>(ReferenceEqualityComparer.Instance) { [key] = Col("k", "key1") });

        Assert.Equal(
            """SELECT "r"."c0", "k"."ord" FROM unnest($1) WITH ORDINALITY AS "k"("key1", "ord") CROSS JOIN LATERAL (SELECT "t0"."id" AS "c0" FROM "users" AS "t0" WHERE "t0"."email" = "k"."key1" LIMIT $2) AS "r" """.TrimEnd(),
            rendered.Text);
        Assert.Equal(2, rendered.Parameters.Count);
        Assert.Same(keys, rendered.Parameters[0]);
        Assert.Same(limit, rendered.Parameters[1]);

        // The renderer kept for the thread's next statement substitutes nothing.
        Assert.Equal("""SELECT "t0"."id" AS "c0" FROM "users" AS "t0" WHERE "t0"."email" = $1 LIMIT $2""", PostgresRenderer.Render(inner).Text);
    }
}

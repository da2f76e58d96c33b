namespace Linq.Sql.Syntax;

/// <summary>
/// <c>WITH "a" AS (…), "b" AS (…) body</c>. Data-modifying CTEs (INSERT/UPDATE/DELETE … RETURNING) all run as part of
/// the one statement, whether or not the body reads them, so a whole write graph is atomic and one round trip.
/// </summary>
internal sealed record SqlWithStatement : SqlStatement
{
    /// <summary>The common table expressions, in order (a later one may read an earlier one).</summary>
    public required IReadOnlyList<SqlCommonTableExpression> Ctes { get; init; }

    /// <summary>The statement that follows the CTEs.</summary>
    public required SqlStatement Body { get; init; }
}

namespace Linq.Sql.Syntax;

/// <summary><c>UPDATE "table" AS "alias" SET … WHERE … RETURNING …</c>.</summary>
internal sealed record SqlUpdateStatement : SqlStatement
{
    /// <summary>The table; its alias names the current row in assignments and conditions.</summary>
    public required SqlTableReference Table { get; init; }

    /// <summary>The assignments; never empty.</summary>
    public required IReadOnlyList<SqlAssignment> Set { get; init; }

    /// <summary>The condition choosing the rows.</summary>
    public SqlExpression? Where { get; init; }

    /// <summary>The <c>RETURNING</c> list.</summary>
    public IReadOnlyList<SqlSelectItem> Returning { get; init; } = [];
}

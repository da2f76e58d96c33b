namespace Linq.Sql.Syntax;

/// <summary><c>UPDATE "table" AS "alias" SET … WHERE … RETURNING …</c>.</summary>
public sealed record UpdateStatement : SqlStatement
{
    /// <summary>The table; its alias names the current row in assignments and conditions.</summary>
    public required TableReference Table { get; init; }

    /// <summary>The assignments; never empty.</summary>
    public required IReadOnlyList<Assignment> Set { get; init; }

    /// <summary>The condition choosing the rows.</summary>
    public SqlExpression? Where { get; init; }

    /// <summary>The <c>RETURNING</c> list.</summary>
    public IReadOnlyList<SelectItem> Returning { get; init; } = [];
}

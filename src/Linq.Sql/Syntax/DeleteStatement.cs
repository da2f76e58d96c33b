namespace Linq.Sql.Syntax;

/// <summary><c>DELETE FROM "table" AS "alias" WHERE … RETURNING …</c>.</summary>
public sealed record DeleteStatement : SqlStatement
{
    /// <summary>The table.</summary>
    public required TableReference Table { get; init; }

    /// <summary>The condition choosing the rows.</summary>
    public SqlExpression? Where { get; init; }

    /// <summary>The <c>RETURNING</c> list.</summary>
    public IReadOnlyList<SelectItem> Returning { get; init; } = [];
}

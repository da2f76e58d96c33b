namespace Linq.Sql.Syntax;

/// <summary><c>DELETE FROM "table" AS "alias" WHERE … RETURNING …</c>.</summary>
internal sealed record SqlDeleteStatement : SqlStatement
{
    /// <summary>The table.</summary>
    public required SqlTableReference Table { get; init; }

    /// <summary>The condition choosing the rows.</summary>
    public SqlExpression? Where { get; init; }

    /// <summary>The <c>RETURNING</c> list.</summary>
    public IReadOnlyList<SqlSelectItem> Returning { get; init; } = [];
}

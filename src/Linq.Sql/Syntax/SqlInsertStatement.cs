namespace Linq.Sql.Syntax;

/// <summary>
/// <c>INSERT INTO table (columns) VALUES (row), … [ON CONFLICT DO NOTHING] [RETURNING …]</c>.
/// Each row has one expression per column (<see cref="SqlDefaultExpression"/> for database defaults).
/// </summary>
internal sealed record SqlInsertStatement : SqlStatement
{
    /// <summary>The target table (its alias is ignored).</summary>
    public required SqlTableReference Table { get; init; }

    /// <summary>Column names, in the order of each row's values.</summary>
    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>The rows to insert; each as long as <see cref="Columns"/>. Ignored when <see cref="Source"/> is set.</summary>
    public IReadOnlyList<IReadOnlyList<SqlExpression>> Rows { get; init; } = [];

    /// <summary>Rows from a query instead of <see cref="Rows"/>: <c>INSERT INTO t (cols) SELECT …</c> (e.g. from <c>unnest</c> of array parameters).</summary>
    public SqlSelectStatement? Source { get; init; }

    /// <summary>When set, <c>ON CONFLICT DO NOTHING</c> is appended.</summary>
    public bool OnConflictDoNothing { get; init; }

    /// <summary>When set, <c>ON CONFLICT (…) DO UPDATE SET …</c> is appended (an upsert); the table alias names the existing row.</summary>
    public SqlOnConflictUpdate? OnConflictUpdate { get; init; }

    /// <summary>The <c>RETURNING</c> list.</summary>
    public IReadOnlyList<SqlSelectItem> Returning { get; init; } = [];
}

namespace Linq.Sql.Syntax;

/// <summary>Kinds of join.</summary>
internal enum SqlJoinKind
{
    /// <summary><c>INNER JOIN</c></summary>
    Inner,
    /// <summary><c>LEFT JOIN</c></summary>
    Left,
    /// <summary><c>LEFT JOIN LATERAL (…) ON …</c>: the joined sub-select may refer to earlier tables.</summary>
    LeftLateral,
    /// <summary><c>CROSS JOIN</c>: every pair of rows; the join's condition is not rendered.</summary>
    Cross,
    /// <summary><c>CROSS JOIN LATERAL (…)</c>: each earlier row with the rows the sub-select returns for it; no condition is rendered.</summary>
    CrossLateral,
}
